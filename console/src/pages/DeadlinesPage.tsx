import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PeriodAndKindFilters } from '../components/PeriodAndKindFilters';
import { api, unwrap, type Schemas } from '../api/client';
import { DeadlinesFiredTable } from '../components/DeadlinesFiredTable';
import {
  KindBadge,
  LoadingText,
  ProblemAlert,
  RecordLink,
  deadlineLabel,
  getJson,
  parisDayEnd,
  parisDayStart,
} from '../components/PagesShared';
import { formatDateTime, formatNumber } from '../format';
import { useSession } from '../session/session';

const PAGE_SIZE = 50;

interface DeadlineFilters {
  from: string;
  to: string;
  kind: string;
}

export function DeadlinesPage() {
  const { t, i18n } = useTranslation('deadlines');
  const { me } = useSession();
  const client = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters: DeadlineFilters = {
    from: searchParams.get('from') ?? '',
    to: searchParams.get('to') ?? '',
    kind: searchParams.get('kind') ?? '',
  };
  const page = Math.max(1, Number.parseInt(searchParams.get('page') ?? '1', 10) || 1);
  const params = {
    from: filters.from ? parisDayStart(filters.from) : undefined,
    to: filters.to ? parisDayEnd(filters.to) : undefined,
    kind: filters.kind || undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const agenda = useQuery({
    queryKey: ['agenda', params],
    queryFn: () => getJson<Schemas['Agenda']>('/api/deadlines', params),
    placeholderData: keepPreviousData,
  });
  const fire = useMutation({
    mutationFn: () => unwrap(api.POST('/api/deadlines/fire-due')),
    onSuccess: () => {
      // What fired changed records and the agenda.
      void client.invalidateQueries({ queryKey: ['agenda'] });
      void client.invalidateQueries({ queryKey: ['instances'] });
      void client.invalidateQueries({ queryKey: ['summary'] });
    },
  });
  const pageCount = agenda.data ? Math.max(1, Math.ceil(agenda.data.total / PAGE_SIZE)) : 1;
  // The page the rows shown belong to: while the next page loads, the previous one stays on screen.
  const shownPage = agenda.data ? Math.floor(agenda.data.offset / PAGE_SIZE) + 1 : page;

  function apply(next: DeadlineFilters) {
    const search = new URLSearchParams();
    for (const name of ['from', 'to', 'kind'] as const) if (next[name]) search.set(name, next[name]);
    setSearchParams(search);
  }

  function pageLink(pageNumber: number) {
    const search = new URLSearchParams(searchParams);
    if (pageNumber === 1) search.delete('page');
    else search.set('page', String(pageNumber));
    return { to: { search: `?${search.toString()}` } };
  }

  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {agenda.data && <p>{t('now', { now: formatDateTime(agenda.data.now, i18n.language) })}</p>}

      {me?.can.fireDeadlines && (
        <section aria-labelledby="deadlines-fire" className="fr-mb-4w">
          <h2 id="deadlines-fire" className="fr-h4">
            {t('fire.title')}
          </h2>
          <p>{t('fire.intro')}</p>
          <Button type="button" iconId="fr-icon-flashlight-line" onClick={() => fire.mutate()} disabled={fire.isPending}>
            {fire.isPending ? t('fire.running') : t('fire.button')}
          </Button>
          {fire.isError && <ProblemAlert error={fire.error} />}
          {fire.data && (
            <div className="fr-mt-3w">
              <DeadlinesFiredTable
                fired={fire.data.fired}
                caption={t('fire.caption', { now: formatDateTime(fire.data.now, i18n.language) })}
              />
            </div>
          )}
        </section>
      )}

      <PeriodAndKindFilters namespace="deadlines" key={searchParams.toString()} initial={filters} onApply={apply} />
      {agenda.isError && <ProblemAlert error={agenda.error} />}
      {agenda.isPending && <LoadingText />}
      {agenda.data && (
        <>
          <p role="status">{t('results', { count: agenda.data.total, formatted: formatNumber(agenda.data.total, i18n.language) })}</p>
          {agenda.data.items.length === 0 ? (
            <p>{t('empty')}</p>
          ) : (
            <Table
              caption={t('caption', { page: shownPage, pages: pageCount })}
              headers={[t('columns.dueAt'), t('columns.label'), t('columns.kind'), t('columns.record'), t('columns.status')]}
              data={agenda.data.items.map((item) => [
                formatDateTime(item.dueAt, i18n.language),
                deadlineLabel(item.event, item.label, t),
                <KindBadge key="kind" kind={item.kind} />,
                <RecordLink key="record" id={item.instanceId} kind={item.kind} />,
                item.failure ? (
                  <span key="status">
                    <Badge as="span" small noIcon severity="error">
                      {t('status.failed')}
                    </Badge>{' '}
                    {item.failure}
                  </span>
                ) : item.overdue ? (
                  <Badge key="status" as="span" small noIcon severity="warning">
                    {t(item.duty ? 'status.late' : 'status.overdue')}
                  </Badge>
                ) : item.duty ? (
                  // A duty is someone's to do: the service will not do it when the date comes.
                  <Badge key="status" as="span" small noIcon severity="new">
                    {t('status.toDo')}
                  </Badge>
                ) : (
                  <Badge key="status" as="span" small noIcon severity="info">
                    {t('status.pending')}
                  </Badge>
                ),
              ])}
            />
          )}
          {pageCount > 1 && <Pagination count={pageCount} defaultPage={shownPage} getPageLinkProps={pageLink} showFirstLast />}
        </>
      )}
    </>
  );
}
