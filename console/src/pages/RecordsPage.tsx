import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { KindSelect } from '../components/PeriodAndKindFilters';
import { api, unwrap } from '../api/client';
import type { operations } from '../api/schema';
import {
  KindBadge,
  LoadingText,
  ProblemAlert,
  STAGES,
  STATUSES,
  StageBadge,
  StateBadge,
  parisDayStart,
  parisNextDayStart,
  recordTitle,
  stateLabel,
} from '../components/PagesShared';
import { RecordsCreatePanel } from '../components/RecordsCreatePanel';
import { formatDateTime, formatNumber } from '../format';
import { useSession } from '../session/session';

const PAGE_SIZE = 20;

/** The filters, as they are kept in the page's address (dates as Paris calendar days). */
const FILTERS = [
  'q',
  'kind',
  'stage',
  'state',
  'status',
  'party',
  'createdFrom',
  'createdTo',
  'updatedFrom',
  'updatedTo',
  'overdue',
] as const;
type FilterName = (typeof FILTERS)[number];
type Filters = Record<FilterName, string>;

function filtersOf(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Filters;
}

type ListQuery = NonNullable<operations['Instances.list']['parameters']['query']>;

/** GET /api/instances's query: a day range runs from the start of its first Paris day to the start of the day after its last (the route excludes its upper bound). */
function apiQuery(filters: Filters, page: number): ListQuery {
  const text = (name: FilterName) => filters[name].trim() || undefined;
  const day = (name: FilterName, bound: (date: string) => string) => (filters[name] ? bound(filters[name]) : undefined);
  return {
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
    q: text('q'),
    party: text('party'),
    kind: text('kind'),
    stage: text('stage'),
    state: text('state'),
    status: filters.status === 'active' || filters.status === 'done' ? filters.status : undefined,
    overdue: filters.overdue === 'true' ? 'true' : undefined,
    createdFrom: day('createdFrom', parisDayStart),
    createdTo: day('createdTo', parisNextDayStart),
    updatedFrom: day('updatedFrom', parisDayStart),
    updatedTo: day('updatedTo', parisNextDayStart),
  };
}

export function RecordsPage() {
  const { t, i18n } = useTranslation('records');
  const { me } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersOf(searchParams);
  const page = Math.max(1, Number.parseInt(searchParams.get('page') ?? '1', 10) || 1);
  const params = apiQuery(filters, page);
  const list = useQuery({
    queryKey: ['instances', params],
    queryFn: () => unwrap(api.GET('/api/instances', { params: { query: params } })),
    placeholderData: keepPreviousData,
  });
  const pageCount = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  // The page the rows shown belong to: while the next page loads, the previous one stays on screen.
  const shownPage = list.data ? Math.floor(list.data.offset / PAGE_SIZE) + 1 : page;
  const activeFilters = FILTERS.filter((name) => filters[name] !== '').length;

  function apply(next: Filters) {
    const search = new URLSearchParams();
    for (const name of FILTERS) if (next[name].trim() !== '') search.set(name, next[name].trim());
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
      <div className="records-heading">
        <h1>{t('title')}</h1>
        {me?.can.createRecords && <RecordsCreatePanel />}
      </div>
      <p>{t('intro')}</p>
      {/* Keyed by the address: going back or following a shared link refills the form. */}
      <RecordsFilterForm key={searchParams.toString()} initial={filters} onApply={apply} />
      {list.isError && <ProblemAlert error={list.error} />}
      {list.isPending && <LoadingText />}
      {list.data && (
        <>
          <p role="status" className="fr-mt-3w">
            {t('results', { count: list.data.total, formatted: formatNumber(list.data.total, i18n.language) })}
            {activeFilters > 0 && ` ${t('filtered', { count: activeFilters })}`}
          </p>
          {list.data.items.length === 0 ? (
            <p>{t('empty')}</p>
          ) : (
            <Table
              className="records-table"
              caption={t('caption', { page: shownPage, pages: pageCount })}
              headers={[
                t('columns.title'),
                t('columns.kind'),
                t('columns.stage'),
                t('columns.state'),
                t('columns.version'),
                t('columns.updatedAt'),
              ]}
              data={list.data.items.map((record) => [
                <Link key="title" to={`/records/${record.id}`}>
                  {recordTitle(record, t)}
                </Link>,
                <KindBadge key="kind" kind={record.kind} />,
                <StageBadge key="stage" stage={record.stage} />,
                <StateBadge key="state" state={record.state} status={record.status} />,
                record.version,
                formatDateTime(record.updatedAt, i18n.language),
              ])}
            />
          )}
          {pageCount > 1 && (
            <Pagination count={pageCount} defaultPage={shownPage} getPageLinkProps={pageLink} showFirstLast className="fr-mt-2w" />
          )}
        </>
      )}
    </>
  );
}

function RecordsFilterForm({ initial, onApply }: { initial: Filters; onApply: (filters: Filters) => void }) {
  const { t } = useTranslation('records');
  const [filters, setFilters] = useState<Filters>(initial);
  const machines = useQuery({ queryKey: ['machines'], queryFn: () => unwrap(api.GET('/api/machines')), staleTime: Infinity });
  const set = (name: FilterName) => (event: { target: { value: string } }) =>
    setFilters((current) => ({ ...current, [name]: event.target.value }));
  // The states of the chosen kind, or of every kind (a state name such as draft is shared).
  const states = [
    ...new Set(
      (machines.data ?? []).filter((machine) => !filters.kind || machine.kind === filters.kind).flatMap((machine) => machine.states),
    ),
  ];

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(filters);
  }

  function reset() {
    const empty = Object.fromEntries(FILTERS.map((name) => [name, ''])) as Filters;
    setFilters(empty);
    onApply(empty);
  }

  return (
    <form onSubmit={submit} className="records-filters fr-p-3w fr-mb-3w" aria-labelledby="records-filters-title">
      <h2 id="records-filters-title" className="fr-h5">
        {t('filters.title')}
      </h2>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input label={t('filters.q')} nativeInputProps={{ name: 'q', type: 'search', value: filters.q, onChange: set('q') }} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t('filters.party')}
            hintText={t('filters.partyHint')}
            nativeInputProps={{ name: 'party', value: filters.party, onChange: set('party') }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <KindSelect label={t('filters.kind')} anyLabel={t('filters.any')} value={filters.kind} onChange={set('kind')} />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Select label={t('filters.stage')} nativeSelectProps={{ name: 'stage', value: filters.stage, onChange: set('stage') }}>
            <option value="">{t('filters.any')}</option>
            {STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {t(`stages.${stage}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Select label={t('filters.state')} nativeSelectProps={{ name: 'state', value: filters.state, onChange: set('state') }}>
            <option value="">{t('filters.any')}</option>
            {/* A state given in the address but not (yet) in the list stays selectable. */}
            {filters.state && !states.includes(filters.state) && <option value={filters.state}>{stateLabel(filters.state, t)}</option>}
            {states.map((state) => (
              <option key={state} value={state}>
                {stateLabel(state, t)} ({state})
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Select label={t('filters.status')} nativeSelectProps={{ name: 'status', value: filters.status, onChange: set('status') }}>
            <option value="">{t('filters.any')}</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`statuses.${status}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-6 fr-col-md-3">
          <Input
            label={t('filters.createdFrom')}
            nativeInputProps={{ name: 'createdFrom', type: 'date', value: filters.createdFrom, onChange: set('createdFrom') }}
          />
        </div>
        <div className="fr-col-6 fr-col-md-3">
          <Input
            label={t('filters.createdTo')}
            nativeInputProps={{ name: 'createdTo', type: 'date', value: filters.createdTo, onChange: set('createdTo') }}
          />
        </div>
        <div className="fr-col-6 fr-col-md-3">
          <Input
            label={t('filters.updatedFrom')}
            nativeInputProps={{ name: 'updatedFrom', type: 'date', value: filters.updatedFrom, onChange: set('updatedFrom') }}
          />
        </div>
        <div className="fr-col-6 fr-col-md-3">
          <Input
            label={t('filters.updatedTo')}
            nativeInputProps={{ name: 'updatedTo', type: 'date', value: filters.updatedTo, onChange: set('updatedTo') }}
          />
        </div>
        <div className="fr-col-12">
          <Checkbox
            small
            options={[
              {
                label: t('filters.overdue'),
                nativeInputProps: {
                  name: 'overdue',
                  checked: filters.overdue === 'true',
                  onChange: (event) => setFilters((current) => ({ ...current, overdue: event.target.checked ? 'true' : '' })),
                },
              },
            ]}
          />
        </div>
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mt-2w">
        <li>
          <Button type="submit" iconId="fr-icon-filter-line">
            {t('filters.apply')}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={reset}>
            {t('filters.reset')}
          </Button>
        </li>
      </ul>
    </form>
  );
}
