import './record.css';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { formatDateTime } from '../../format';
import { useSession } from '../../session/session';
import { Actions } from './Actions';
import { ContextSections } from './ContextSections';
import { Deadlines, Relations } from './Deadlines';
import { Diagram } from './Diagram';
import { History } from './History';
import { Notifications } from './Notifications';
import { OcdsDownload } from './OcdsDownload';
import { useHistory, useInstance, useMachine, useStateAt } from './queries';
import { recordTitle, Summary } from './Summary';
import { InspectButton } from '../../inspect/InspectButton';
import { TimeTravel } from './TimeTravel';

/** One record: summary, diagram, deadlines, context, actions, history, notifications, and the record as it was on a date (?at=). */
export function RecordPage() {
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const at = search.get('at') ?? undefined;
  const { t, i18n } = useTranslation(['record', 'common']);
  const { me } = useSession();
  const now = useInstance(id);
  const past = useStateAt(id, at);
  const history = useHistory(id);
  const view = at ? past.data : now.data;
  const machine = useMachine(now.data?.kind, now.data?.machineVersion);
  const pastBanner = useRef<HTMLDivElement>(null);

  const eventsShown = useMemo(() => {
    const items = history.data ?? [];
    const until = at ? new Date(at).getTime() : Infinity;
    return items.filter((event) => event.type !== 'CREATE' && new Date(event.at).getTime() <= until).map((event) => event.type);
  }, [history.data, at]);

  const title = now.data ? (recordTitle(now.data) ?? t('untitled')) : t('title');
  useEffect(() => {
    document.title = `${title} — ${t('service.title', { ns: 'common' })}`;
  }, [title, t]);
  useEffect(() => {
    if (at && past.data) pastBanner.current?.focus();
  }, [at, past.data]);

  if (now.isPending) return <p aria-live="polite">{t('loading')}</p>;
  if (now.error) {
    const notFound = now.error instanceof ApiError && now.error.problem.status === 404;
    return (
      <>
        <h1>{t('title')}</h1>
        <Alert
          severity="error"
          title={notFound ? t('notFound.title') : t('errors.unexpected', { ns: 'common' })}
          description={notFound ? t('notFound.description') : now.error.message}
        />
      </>
    );
  }

  const travel = (instant: string) => setSearch({ at: instant });
  const back = () => setSearch({});

  return (
    <>
      <Breadcrumb currentPageLabel={title} segments={[{ label: t('nav.records', { ns: 'common' }), linkProps: { to: '/records' } }]} />
      <h1>{title}</h1>
      {at && (
        <div ref={pastBanner} tabIndex={-1} className="fr-mb-4w" data-testid="past-view">
          <Alert
            severity="info"
            title={t('travel.pastTitle', { date: formatDateTime(at, i18n.language) })}
            description={
              <>
                <p>{t('travel.pastDescription')}</p>
                <button type="button" className="fr-btn fr-btn--sm fr-mt-1w" onClick={back}>
                  {t('travel.back')}
                </button>
              </>
            }
          />
        </div>
      )}
      {at && past.isPending && <p aria-live="polite">{t('travel.loading')}</p>}
      {at && past.error && (
        <Alert
          className="fr-mb-4w"
          severity="warning"
          title={t('travel.failed')}
          description={
            past.error instanceof ApiError && past.error.problem.reason === 'BEFORE_CREATION'
              ? t('travel.beforeCreation', {
                  date: formatDateTime(
                    typeof past.error.problem.createdAt === 'string' ? past.error.problem.createdAt : undefined,
                    i18n.language,
                  ),
                })
              : past.error.message
          }
        />
      )}
      {view && (
        <div className={at ? 'console-past' : undefined}>
          <Summary view={view} />
          {!at && me?.can.sendEvents && machine.data && <Actions view={view} machine={machine.data} />}
          {!at && <InspectButton record={view} />}
          {!at && view.kind === 'tender' && view.stage !== 'draft' && me?.can.exportOpenData && <OcdsDownload id={view.id} />}
          {machine.data ? (
            <Diagram machine={machine.data} kind={view.kind} state={view.state} events={eventsShown} />
          ) : machine.error ? (
            <p className="fr-error-text">{machine.error.message}</p>
          ) : (
            <p>{t('diagram.loading')}</p>
          )}
          <Deadlines view={view} />
          <Relations view={view} />
          <ContextSections view={view} />
        </div>
      )}
      <TimeTravel key={at ?? 'now'} at={at} onTravel={travel} onBack={back} />
      <History id={id} kind={now.data.kind} events={history.data} loading={history.isPending} />
      {me?.can.readNotifications && <Notifications id={id} />}
    </>
  );
}
