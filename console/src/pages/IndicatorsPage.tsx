import { Button } from '@codegouvfr/react-dsfr/Button';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Schemas } from '../api/client';
import { PeriodAndKindFilters } from '../components/PeriodAndKindFilters';
import { KINDS, LoadingText, ProblemAlert, STAGES, downloadFile, getJson, parisDayEnd, parisDayStart } from '../components/PagesShared';
import { formatDateTime, formatNumber } from '../format';

type Indicators = Schemas['Indicators'];
type SexCount = Schemas['SexCount'];

interface IndicatorFilters {
  from: string;
  to: string;
  kind: string;
}

export function IndicatorsPage() {
  const { t, i18n } = useTranslation(['indicators', 'records']);
  const [searchParams, setSearchParams] = useSearchParams();
  const filters: IndicatorFilters = {
    from: searchParams.get('from') ?? '',
    to: searchParams.get('to') ?? '',
    kind: searchParams.get('kind') ?? '',
  };
  const params = {
    from: filters.from ? parisDayStart(filters.from) : undefined,
    to: filters.to ? parisDayEnd(filters.to) : undefined,
    kind: filters.kind || undefined,
  };
  const indicators = useQuery({
    queryKey: ['indicators', params],
    queryFn: () => getJson<Indicators>('/api/indicators', params),
    placeholderData: keepPreviousData,
  });
  const csv = useMutation({
    mutationFn: () => downloadFile('/api/indicators', params, 'text/csv', `indicateurs${filters.kind ? `-${filters.kind}` : ''}.csv`),
  });
  const language = i18n.language;
  const data = indicators.data;

  function apply(next: IndicatorFilters) {
    const search = new URLSearchParams();
    for (const name of ['from', 'to', 'kind'] as const) if (next[name]) search.set(name, next[name]);
    setSearchParams(search);
  }

  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <PeriodAndKindFilters namespace="indicators" withHint key={searchParams.toString()} initial={filters} onApply={apply} />
      <div className="fr-mb-3w">
        <Button type="button" priority="secondary" iconId="fr-icon-download-line" onClick={() => csv.mutate()} disabled={csv.isPending}>
          {t('csv')}
        </Button>
        {csv.isError && <ProblemAlert error={csv.error} />}
      </div>
      {indicators.isError && <ProblemAlert error={indicators.error} />}
      {indicators.isPending && <LoadingText />}
      {data && (
        <>
          <p role="status">
            {t('asOf', { asOf: formatDateTime(data.asOf, language) })}{' '}
            {t('period', {
              from: data.period.from ? formatDateTime(data.period.from, language) : t('open'),
              to: data.period.to ? formatDateTime(data.period.to, language) : t('open'),
            })}
            {data.kind && ` ${t('kindOnly', { kind: t(`common:kinds.${data.kind}`) })}`}
          </p>

          <section aria-labelledby="indicators-key" className="fr-mb-6w">
            <h2 id="indicators-key">{t('key.title')}</h2>
            <div className="fr-grid-row fr-grid-row--gutters">
              <IndicatorsFigure value={data.instances.total} label={t('key.records')} />
              <IndicatorsFigure value={data.actionsSetUp.total} label={t('key.actions')} />
              <IndicatorsFigure value={data.projectsSupported.total} label={t('key.projects')} />
              <IndicatorsFigure
                value={data.participants.enrolled.total}
                label={t('key.participants')}
                detail={t('key.bySex', {
                  women: formatNumber(data.participants.enrolled.F, language),
                  men: formatNumber(data.participants.enrolled.M, language),
                })}
              />
            </div>
          </section>

          <section aria-labelledby="indicators-records" className="fr-mb-6w">
            <h2 id="indicators-records">{t('records.title')}</h2>
            <div className="fr-grid-row fr-grid-row--gutters">
              <IndicatorsCountTable
                caption={t('records.byKind')}
                category={t('columns.kind')}
                rows={KINDS.map((kind) => ({ key: kind, label: t(`common:kinds.${kind}`), value: data.instances.byKind[kind] ?? 0 }))}
              />
              <IndicatorsCountTable
                caption={t('records.byStage')}
                category={t('columns.stage')}
                rows={STAGES.map((stage) => ({
                  key: stage,
                  label: t(`records:stages.${stage}`),
                  value: data.instances.byStage[stage] ?? 0,
                }))}
              />
              <IndicatorsCountTable
                caption={t('records.byTheme')}
                category={t('columns.theme')}
                rows={themeRows(data.instances.byTheme, t)}
              />
            </div>
          </section>

          <section aria-labelledby="indicators-actions" className="fr-mb-6w">
            <h2 id="indicators-actions">{t('actions.title')}</h2>
            <p>{t('actions.definition')}</p>
            <div className="fr-grid-row fr-grid-row--gutters">
              <IndicatorsCountTable
                caption={t('actions.byKind')}
                category={t('columns.kind')}
                rows={KINDS.map((kind) => ({ key: kind, label: t(`common:kinds.${kind}`), value: data.actionsSetUp.byKind[kind] ?? 0 }))}
                total={data.actionsSetUp.total}
              />
              <IndicatorsCountTable
                caption={t('actions.byTheme')}
                category={t('columns.theme')}
                rows={themeRows(data.actionsSetUp.byTheme, t)}
              />
            </div>
          </section>

          <section aria-labelledby="indicators-projects" className="fr-mb-6w">
            <h2 id="indicators-projects">{t('projects.title')}</h2>
            <p>{t('projects.definition')}</p>
            <div className="fr-grid-row fr-grid-row--gutters">
              <IndicatorsCountTable
                caption={t('projects.caption')}
                category={t('columns.source')}
                rows={(['tenderStructures', 'conventions', 'cohorts'] as const).map((source) => ({
                  key: source,
                  label: t(`projects.sources.${source}`),
                  value: data.projectsSupported[source],
                }))}
                total={data.projectsSupported.total}
              />
            </div>
          </section>

          <section aria-labelledby="indicators-participants" className="fr-mb-6w">
            <h2 id="indicators-participants">{t('participants.title')}</h2>
            <p>{t('participants.definition')}</p>
            <div className="fr-grid-row fr-grid-row--gutters">
              <IndicatorsSexTable
                caption={t('participants.overall')}
                category={t('columns.category')}
                rows={[
                  { key: 'enrolled', label: t('participants.enrolled'), count: data.participants.enrolled },
                  { key: 'withdrawn', label: t('participants.withdrawn'), count: data.participants.withdrawn },
                ]}
              />
              <IndicatorsSexTable
                caption={t('participants.byAgeBand')}
                category={t('columns.ageBand')}
                rows={sexRows(data.participants.byAgeBand, (band) => t('participants.ageBand', { band }))}
              />
              <IndicatorsSexTable
                caption={t('participants.byNeighbourhood')}
                category={t('columns.neighbourhood')}
                rows={sexRows(data.participants.byNeighbourhood, (name) => name)}
              />
              <IndicatorsSexTable
                caption={t('participants.outcomesAtEnd')}
                category={t('columns.outcome')}
                rows={sexRows(data.participants.outcomesAtEnd, (outcome) =>
                  t(`participants.outcomes.${outcome}`, { defaultValue: outcome }),
                )}
              />
              <IndicatorsSexTable
                caption={t('participants.outcomesAtSixMonths')}
                category={t('columns.outcome')}
                rows={sexRows(data.participants.outcomesAtSixMonths, (outcome) =>
                  t(`participants.outcomes.${outcome}`, { defaultValue: outcome }),
                )}
              />
            </div>
          </section>

          <section aria-labelledby="indicators-duties" className="fr-mb-6w">
            <h2 id="indicators-duties">{t('duties.title')}</h2>
            <p>{t('duties.definition')}</p>
            <div className="fr-grid-row fr-grid-row--gutters">
              <IndicatorsCountTable
                caption={t('duties.overdue')}
                category={t('columns.duty')}
                rows={Object.entries(data.overdueDuties.byDuty).map(([duty, value]) => ({
                  key: duty,
                  label: t(`duties.names.${duty}`, { defaultValue: duty }),
                  value,
                }))}
                total={data.overdueDuties.total}
              />
              <IndicatorsCountTable
                caption={t('duties.doneLate')}
                category={t('columns.duty')}
                rows={Object.entries(data.dutiesDoneLate.byDuty).map(([duty, value]) => ({
                  key: duty,
                  label: t(`duties.names.${duty}`, { defaultValue: duty }),
                  value,
                }))}
                total={data.dutiesDoneLate.total}
              />
            </div>
          </section>
        </>
      )}
    </>
  );
}

function themeRows(byTheme: Record<string, number>, t: (key: string) => string) {
  return Object.entries(byTheme).map(([theme, value]) => ({
    key: theme,
    label: theme === 'unspecified' ? t('unspecifiedTheme') : theme,
    value,
  }));
}

function sexRows(breakdown: Record<string, SexCount>, label: (key: string) => string) {
  return Object.entries(breakdown).map(([key, count]) => ({ key, label: label(key), count }));
}

function IndicatorsFigure({ value, label, detail }: { value: number; label: string; detail?: string }) {
  const { i18n } = useTranslation();
  return (
    <div className="fr-col-12 fr-col-sm-6 fr-col-lg-3">
      <div className="indicators-figure fr-p-3w">
        <p className="indicators-figure__value fr-mb-1w">{formatNumber(value, i18n.language)}</p>
        <p className="fr-mb-0">{label}</p>
        {detail && <p className="fr-text--sm fr-mb-0">{detail}</p>}
      </div>
    </div>
  );
}

/** A bar drawn to scale beside its number; the number is the information, the bar only its picture. */
function IndicatorsBar({ value, max, variant }: { value: number; max: number; variant: 'total' | 'F' | 'M' }) {
  const { i18n } = useTranslation();
  const width = max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <span className="indicators-value">
      <span className="indicators-value__number">{formatNumber(value, i18n.language)}</span>
      <span className="indicators-bar" aria-hidden="true">
        <span className={`indicators-bar__fill indicators-bar__fill--${variant}`} style={{ width: `${width}%` }} />
      </span>
    </span>
  );
}

function IndicatorsCountTable({
  caption,
  category,
  rows,
  total,
}: {
  caption: string;
  category: string;
  rows: { key: string; label: string; value: number }[];
  total?: number;
}) {
  const { t } = useTranslation('indicators');
  const max = Math.max(0, ...rows.map((row) => row.value));
  if (rows.length === 0) {
    return (
      <div className="fr-col-12 fr-col-lg-6">
        <p className="fr-mb-3w">
          <strong>{caption}</strong> : {t('none')}
        </p>
      </div>
    );
  }
  return (
    <div className="fr-col-12 fr-col-lg-6">
      <Table
        className="indicators-table"
        caption={caption}
        headers={[category, t('columns.count')]}
        data={[
          ...rows.map((row) => [row.label, <IndicatorsBar key="value" value={row.value} max={max} variant="total" />]),
          ...(total === undefined ? [] : [[<strong key="label">{t('columns.total')}</strong>, <strong key="value">{total}</strong>]]),
        ]}
      />
    </div>
  );
}

/** Counts about people: women, men and in total (004 art. 6 asks for sex-disaggregated statistics). */
function IndicatorsSexTable({
  caption,
  category,
  rows,
}: {
  caption: string;
  category: string;
  rows: { key: string; label: string; count: SexCount }[];
}) {
  const { t } = useTranslation('indicators');
  const max = Math.max(0, ...rows.map((row) => row.count.total));
  if (rows.length === 0) {
    return (
      <div className="fr-col-12">
        <p className="fr-mb-3w">
          <strong>{caption}</strong> : {t('none')}
        </p>
      </div>
    );
  }
  return (
    <div className="fr-col-12">
      <Table
        className="indicators-table"
        caption={caption}
        headers={[category, t('columns.women'), t('columns.men'), t('columns.total')]}
        data={rows.map((row) => [
          row.label,
          <IndicatorsBar key="F" value={row.count.F} max={max} variant="F" />,
          <IndicatorsBar key="M" value={row.count.M} max={max} variant="M" />,
          <IndicatorsBar key="total" value={row.count.total} max={max} variant="total" />,
        ])}
      />
    </div>
  );
}
