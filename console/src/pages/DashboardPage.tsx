import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api, unwrap, type Schemas } from '../api/client';
import {
  KINDS,
  KindBadge,
  LoadingText,
  ProblemAlert,
  RecordLink,
  STAGES,
  deadlineLabel,
  getJson,
  useServiceClock,
} from '../components/PagesShared';
import { formatDateTime, formatNumber } from '../format';

/** GET /api/instances/summary: the counts of records by kind and stage, and what needs attention. */
type InstancesSummary = Schemas['InstancesSummary'];

type Agenda = Schemas['Agenda'];

const DAY_MS = 86_400_000;

export function DashboardPage() {
  const { t, i18n } = useTranslation(['dashboard', 'records']);
  const clock = useServiceClock();
  const summary = useQuery({
    queryKey: ['summary'],
    queryFn: () => unwrap(api.GET('/api/instances/summary')),
    retry: (count, error) => !(error instanceof ApiError && error.problem.status === 404) && count < 1,
  });
  const now = clock.data?.now;
  const agendaParams = now ? { from: now, to: new Date(Date.parse(now) + 30 * DAY_MS).toISOString(), limit: 200 } : undefined;
  const agenda = useQuery({
    queryKey: ['agenda', agendaParams],
    queryFn: () => getJson<Agenda>('/api/deadlines', agendaParams),
    enabled: agendaParams !== undefined,
  });
  // Deadlines already due and still pending: the scheduler has not fired them, or they cannot fire.
  const lateParams = now ? { to: now, limit: 200 } : undefined;
  const late = useQuery({
    queryKey: ['agenda', lateParams],
    queryFn: () => getJson<Agenda>('/api/deadlines', lateParams),
    enabled: lateParams !== undefined,
  });
  const language = i18n.language;

  return (
    <>
      <h1>{t('title')}</h1>
      {now && <p className="fr-text--lead">{t('asOf', { now: formatDateTime(now, language) })}</p>}
      {clock.isError && <ProblemAlert error={clock.error} />}

      <section aria-labelledby="dashboard-attention" className="fr-mb-6w">
        <h2 id="dashboard-attention">{t('attention.title')}</h2>
        {summary.isPending && <LoadingText />}
        {summary.isError &&
          (summary.error instanceof ApiError && summary.error.problem.status === 404 ? (
            <Alert severity="info" small description={t('summaryUnavailable')} className="fr-mb-3w" />
          ) : (
            <ProblemAlert error={summary.error} />
          ))}
        {summary.data && (
          <div className="fr-grid-row fr-grid-row--gutters fr-mb-3w">
            <DashboardCounter
              value={summary.data.overdue}
              label={t('attention.overdue', { count: summary.data.overdue })}
              linkText={t('attention.overdueLink')}
              to="/records?overdue=true"
            />
            <DashboardCounter
              value={summary.data.failedDeadlines}
              label={t('attention.failed', { count: summary.data.failedDeadlines })}
              linkText={t('attention.failedLink')}
              to="/deadlines"
            />
          </div>
        )}
        {late.isError && <ProblemAlert error={late.error} />}
        {late.data &&
          (late.data.items.length === 0 ? (
            <p>{t('attention.nothingLate')}</p>
          ) : (
            <Table
              caption={t('attention.lateCaption', { count: late.data.total })}
              headers={[t('agenda.dueAt'), t('agenda.label'), t('agenda.record'), t('agenda.status')]}
              data={late.data.items.map((item) => [
                formatDateTime(item.dueAt, language),
                deadlineLabel(item.event, item.label, t),
                <RecordLink key="record" id={item.instanceId} kind={item.kind} />,
                item.failure ? (
                  <span key="status" className="fr-badge fr-badge--sm fr-badge--error fr-badge--no-icon">
                    {t('attention.failedBadge')}
                  </span>
                ) : (
                  <span key="status" className="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon">
                    {t('attention.overdueBadge')}
                  </span>
                ),
              ])}
            />
          ))}
      </section>

      <section aria-labelledby="dashboard-counts" className="fr-mb-6w">
        <h2 id="dashboard-counts">{t('counts.title')}</h2>
        {summary.data && <DashboardCounts summary={summary.data} />}
        {summary.isError && <p>{t('counts.unavailable')}</p>}
      </section>

      <section aria-labelledby="dashboard-agenda">
        <h2 id="dashboard-agenda">{t('agenda.title')}</h2>
        {agenda.isPending && <LoadingText />}
        {agenda.isError && <ProblemAlert error={agenda.error} />}
        {agenda.data &&
          (agenda.data.items.length === 0 ? (
            <p>{t('agenda.empty')}</p>
          ) : (
            <>
              <ul className="dashboard-agenda">
                {agenda.data.items.map((item) => (
                  <li key={`${item.instanceId}-${item.event}-${item.dueAt}`} className="fr-mb-2w">
                    <strong>{formatDateTime(item.dueAt, language)}</strong> — {deadlineLabel(item.event, item.label, t)}{' '}
                    <KindBadge kind={item.kind} /> <RecordLink id={item.instanceId} kind={item.kind} />
                  </li>
                ))}
              </ul>
              {agenda.data.total > agenda.data.items.length && (
                <p>
                  <Link to="/deadlines">{t('agenda.more', { count: agenda.data.total - agenda.data.items.length })}</Link>
                </p>
              )}
            </>
          ))}
        <p>
          <Link to="/deadlines" className="fr-link fr-icon-arrow-right-line fr-link--icon-right">
            {t('agenda.all')}
          </Link>
        </p>
      </section>
    </>
  );
}

function DashboardCounter({ value, label, linkText, to }: { value: number; label: string; linkText: string; to: string }) {
  const { i18n } = useTranslation();
  return (
    <div className="fr-col-12 fr-col-md-6">
      <div className={`dashboard-counter fr-p-3w ${value > 0 ? 'dashboard-counter--alert' : ''}`}>
        <p className="dashboard-counter__value" aria-hidden="true">
          {formatNumber(value, i18n.language)}
        </p>
        <p className="fr-mb-1w">
          <span className="fr-sr-only">{formatNumber(value, i18n.language)} </span>
          {label}
        </p>
        <Link to={to}>{linkText}</Link>
      </div>
    </div>
  );
}

/** Records by stage (rows, the spine's order) and kind (columns); each count opens the filtered list. */
function DashboardCounts({ summary }: { summary: InstancesSummary }) {
  const { t, i18n } = useTranslation(['dashboard', 'records']);
  const count = (kind: string, stage: string) =>
    summary.byKindAndStage.filter((row) => row.kind === kind && row.stage === stage).reduce((sum, row) => sum + row.count, 0);
  const kindTotal = (kind: string) => summary.byKindAndStage.filter((row) => row.kind === kind).reduce((sum, row) => sum + row.count, 0);
  const cell = (kind: string, stage: string) => {
    const value = count(kind, stage);
    return value === 0 ? (
      '0'
    ) : (
      <Link key={kind} to={`/records?kind=${kind}&stage=${stage}`}>
        {formatNumber(value, i18n.language)}
      </Link>
    );
  };
  return (
    <Table
      caption={t('counts.caption')}
      headers={[t('counts.stage'), ...KINDS.map((kind) => t(`common:kinds.${kind}`)), t('counts.total')]}
      data={[
        ...STAGES.map((stage) => [
          t(`records:stages.${stage}`),
          ...KINDS.map((kind) => cell(kind, stage)),
          formatNumber(
            KINDS.reduce((sum, kind) => sum + count(kind, stage), 0),
            i18n.language,
          ),
        ]),
        [
          <strong key="total">{t('counts.total')}</strong>,
          ...KINDS.map((kind) => (
            <Link key={kind} to={`/records?kind=${kind}`}>
              {formatNumber(kindTotal(kind), i18n.language)}
            </Link>
          )),
          <strong key="all">
            {formatNumber(
              summary.byKindAndStage.reduce((sum, row) => sum + row.count, 0),
              i18n.language,
            )}
          </strong>,
        ],
      ]}
    />
  );
}
