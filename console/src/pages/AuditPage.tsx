import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap, type Schemas } from '../api/client';
import { KindSelect } from '../components/PeriodAndKindFilters';
import { KindBadge, ProblemAlert, RecordLink, downloadFile, parisDayStart, parisNextDayStart } from '../components/PagesShared';
import { formatNumber } from '../format';
import { useSession } from '../session/session';

/** One record's check in GET /api/audit/verify: its chain and its replay. */
type AuditVerifyItem = Schemas['VerifyPage']['items'][number];

// Each record is replayed whole: small pages keep each request short and the progress bar moving.
const VERIFY_PAGE_SIZE = 20;

interface VerifyRun {
  items: AuditVerifyItem[];
  total: number | undefined;
  running: boolean;
  cancelled: boolean;
  error?: unknown;
}

export function AuditPage() {
  const { t } = useTranslation('audit');
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <AuditVerifySection />
      <AuditExportSection />
      <AuditOpenDataSection />
    </>
  );
}

/** Checks every record, a page at a time, so the progress can be shown and stopped. */
function AuditVerifySection() {
  const { t, i18n } = useTranslation('audit');
  const client = useQueryClient();
  const [run, setRun] = useState<VerifyRun | undefined>();
  const stop = useRef(false);

  async function verifyAll() {
    stop.current = false;
    const items: AuditVerifyItem[] = [];
    let total: number | undefined;
    setRun({ items, total, running: true, cancelled: false });
    try {
      while (!stop.current && (total === undefined || items.length < total)) {
        const query = { limit: VERIFY_PAGE_SIZE, offset: items.length };
        const page = await client.fetchQuery({
          queryKey: ['audit-verify', query],
          queryFn: () => unwrap(api.GET('/api/audit/verify', { params: { query } })),
          staleTime: 0,
        });
        items.push(...page.items);
        total = page.total;
        setRun({ items: [...items], total, running: true, cancelled: false });
        if (page.items.length === 0) break; // records removed from view while paging: nothing more to read
      }
      setRun({ items: [...items], total, running: false, cancelled: stop.current });
    } catch (error) {
      setRun({ items: [...items], total, running: false, cancelled: false, error });
    }
  }

  const failures = run?.items.filter((item) => !item.ok) ?? [];
  const passed = run ? run.items.length - failures.length : 0;
  const language = i18n.language;
  const progressMax = run?.total ?? 1;

  return (
    <section aria-labelledby="audit-verify" className="fr-mb-6w">
      <h2 id="audit-verify">{t('verify.title')}</h2>
      <p>{t('verify.intro')}</p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li>
          <Button type="button" iconId="fr-icon-shield-line" onClick={() => void verifyAll()} disabled={run?.running}>
            {t('verify.start')}
          </Button>
        </li>
        {run?.running && (
          <li>
            <Button type="button" priority="secondary" onClick={() => (stop.current = true)}>
              {t('verify.stop')}
            </Button>
          </li>
        )}
      </ul>
      {run && (run.total !== undefined || run.running) && (
        <div className="fr-mb-3w">
          <label htmlFor="audit-verify-progress" className="fr-label">
            {t('verify.progressLabel')}
          </label>
          <progress
            id="audit-verify-progress"
            className="audit-progress"
            max={progressMax}
            value={run.total === undefined ? undefined : run.items.length}
          />
          <p role="status" className="fr-text--sm">
            {run.total === undefined
              ? t('verify.starting')
              : t(run.running ? 'verify.progress' : run.cancelled ? 'verify.stopped' : 'verify.done', {
                  checked: formatNumber(run.items.length, language),
                  total: formatNumber(run.total, language),
                  failures: formatNumber(failures.length, language),
                  count: failures.length,
                })}
          </p>
        </div>
      )}
      {run?.error !== undefined &&
        (run.error instanceof ApiError && run.error.problem.status === 404 ? (
          <Alert severity="info" small description={t('verify.unavailable')} className="fr-mb-3w" />
        ) : (
          <ProblemAlert error={run.error} />
        ))}
      {run && !run.running && run.error === undefined && failures.length === 0 && run.items.length > 0 && (
        <Alert severity="success" small description={t('verify.allGood', { count: passed, formatted: formatNumber(passed, language) })} />
      )}
      {run && run.items.length > 0 && (
        <Table
          caption={t('verify.caption', { failures: failures.length, passed })}
          headers={[t('columns.record'), t('columns.kind'), t('columns.result'), t('columns.events'), t('columns.problem')]}
          // Failures first: they are what an auditor has to look at.
          data={[...failures, ...run.items.filter((item) => item.ok)].map((item) => [
            <RecordLink key="record" id={item.id} kind={item.kind} />,
            <KindBadge key="kind" kind={item.kind} />,
            <Badge key="result" as="span" small severity={item.ok ? 'success' : 'error'}>
              {item.ok ? t('verify.ok') : t('verify.failed')}
            </Badge>,
            item.eventsChecked ?? '—',
            item.ok
              ? '—'
              : [item.problem, item.firstDivergentSeq ? t('verify.divergentAt', { seq: item.firstDivergentSeq }) : undefined]
                  .filter(Boolean)
                  .join(' — ') || '—',
          ])}
        />
      )}
    </section>
  );
}

function AuditExportSection() {
  const { t } = useTranslation('audit');
  const [filters, setFilters] = useState({ kind: '', from: '', to: '' });
  const exportHistories = useMutation({
    mutationFn: () =>
      downloadFile(
        '/api/audit/export',
        {
          kind: filters.kind || undefined,
          from: filters.from ? parisDayStart(filters.from) : undefined,
          // The route excludes its upper bound: the day after the last one asked for.
          to: filters.to ? parisNextDayStart(filters.to) : undefined,
        },
        'application/x-ndjson',
        `historiques${filters.kind ? `-${filters.kind}` : ''}.jsonl`,
      ),
  });
  const set = (name: keyof typeof filters) => (event: { target: { value: string } }) =>
    setFilters((current) => ({ ...current, [name]: event.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    exportHistories.mutate();
  }

  return (
    <section aria-labelledby="audit-export" className="fr-mb-6w">
      <h2 id="audit-export">{t('export.title')}</h2>
      <p>{t('export.intro')}</p>
      <form onSubmit={submit} className="records-filters fr-p-3w">
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-4">
            <KindSelect label={t('export.kind')} anyLabel={t('export.anyKind')} value={filters.kind} onChange={set('kind')} />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Input label={t('export.from')} nativeInputProps={{ name: 'from', type: 'date', value: filters.from, onChange: set('from') }} />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Input label={t('export.to')} nativeInputProps={{ name: 'to', type: 'date', value: filters.to, onChange: set('to') }} />
          </div>
        </div>
        <Button type="submit" iconId="fr-icon-download-line" disabled={exportHistories.isPending} className="fr-mt-2w">
          {exportHistories.isPending ? t('export.running') : t('export.submit')}
        </Button>
      </form>
      {exportHistories.isError && <ProblemAlert error={exportHistories.error} />}
      {exportHistories.isSuccess && <Alert severity="success" small description={t('export.done')} className="fr-mt-2w" />}
    </section>
  );
}

type OpenDataFormat = 'decp' | 'ocds';

/**
 * The open-data exports of a period (docs/open-data.md): the essential data of the contracts (DECP,
 * for data.gouv.fr) and the OCDS release package. Both are JSON files the buyer publishes.
 */
function AuditOpenDataSection() {
  const { t } = useTranslation('audit');
  const { me } = useSession();
  const [period, setPeriod] = useState({ from: '', to: '' });
  const [asked, setAsked] = useState<OpenDataFormat | undefined>();
  const exportOpenData = useMutation({
    mutationFn: (format: OpenDataFormat) =>
      downloadFile(`/api/open-data/${format}`, period, 'application/json', `${format}-${period.from}-${period.to}.json`),
  });
  const set = (name: keyof typeof period) => (event: { target: { value: string } }) =>
    setPeriod((current) => ({ ...current, [name]: event.target.value }));
  const ready = period.from !== '' && period.to !== '';

  function download(format: OpenDataFormat) {
    setAsked(format);
    exportOpenData.mutate(format);
  }

  const nothing =
    exportOpenData.error instanceof ApiError && exportOpenData.error.problem.code === 'NOTHING_TO_PUBLISH' && asked === 'ocds';

  return (
    <section aria-labelledby="audit-open-data" className="fr-mb-6w">
      <h2 id="audit-open-data">{t('openData.title')}</h2>
      <p>{t('openData.intro')}</p>
      <p>{t('openData.period')}</p>
      {!me?.can.exportOpenData ? (
        <Alert severity="info" small description={t('openData.notAllowed')} />
      ) : (
        <form onSubmit={(event) => event.preventDefault()} className="records-filters fr-p-3w">
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-6">
              <Input
                label={t('openData.from')}
                nativeInputProps={{ name: 'openDataFrom', type: 'date', required: true, value: period.from, onChange: set('from') }}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <Input
                label={t('openData.to')}
                nativeInputProps={{ name: 'openDataTo', type: 'date', required: true, value: period.to, onChange: set('to') }}
              />
            </div>
          </div>
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mt-2w">
            <li>
              <Button
                type="button"
                iconId="fr-icon-download-line"
                disabled={!ready || exportOpenData.isPending}
                onClick={() => download('decp')}
              >
                {t('openData.decp')}
              </Button>
            </li>
            <li>
              <Button
                type="button"
                priority="secondary"
                iconId="fr-icon-download-line"
                disabled={!ready || exportOpenData.isPending}
                onClick={() => download('ocds')}
              >
                {t('openData.ocds')}
              </Button>
            </li>
          </ul>
          <p className="fr-hint-text fr-mt-1w">{t('openData.hint')}</p>
        </form>
      )}
      {exportOpenData.isPending && <p role="status">{t('openData.running')}</p>}
      {nothing && <Alert severity="info" small description={t('openData.nothing')} className="fr-mt-2w" />}
      {exportOpenData.isError && !nothing && <ProblemAlert error={exportOpenData.error} />}
      {exportOpenData.isSuccess && <Alert severity="success" small description={t('openData.done')} className="fr-mt-2w" />}
    </section>
  );
}
