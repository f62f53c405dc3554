import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { LoadingText, ProblemAlert, RecordLink } from '../../components/PagesShared';
import { formatDateTime, formatNumber } from '../../format';
import { useSession } from '../../session/session';
import { DeliveryStatusBadge, effectLabel } from './DeliveryStatusBadge';
import {
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  useDeliveries,
  useSubscriptions,
  type Delivery,
  type DeliveryChannel,
  type DeliveryStatus,
} from './queries';

const PAGE_SIZE = 20;

const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** The filters as the address keeps them (?status=&channel=&record=&subscription=&page=). */
interface DeliveryFilters {
  status: string;
  channel: string;
  record: string;
  subscription: string;
}

const FILTER_NAMES = ['status', 'channel', 'record', 'subscription'] as const;
const EMPTY_FILTERS: DeliveryFilters = { status: '', channel: '', record: '', subscription: '' };

/** The deliveries across records, newest first, with their filters in the address and "retry" on a dead one. */
export function Deliveries() {
  const { t, i18n } = useTranslation('notifications');
  const { me } = useSession();
  const client = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters: DeliveryFilters = {
    status: searchParams.get('status') ?? '',
    channel: searchParams.get('channel') ?? '',
    record: searchParams.get('record') ?? '',
    subscription: searchParams.get('subscription') ?? '',
  };
  const page = Math.max(1, Number.parseInt(searchParams.get('page') ?? '1', 10) || 1);
  const status = (DELIVERY_STATUSES as readonly string[]).includes(filters.status) ? (filters.status as DeliveryStatus) : undefined;
  const channel = (DELIVERY_CHANNELS as readonly string[]).includes(filters.channel) ? (filters.channel as DeliveryChannel) : undefined;
  const deliveries = useDeliveries({
    status,
    channel,
    instanceId: filters.record || undefined,
    subscriptionId: filters.subscription || undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const retry = useMutation({
    mutationFn: (delivery: Delivery) => unwrap(api.POST('/api/notifications/{id}/retry', { params: { path: { id: delivery.id } } })),
    onSettled: () => void client.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const pageCount = deliveries.data ? Math.max(1, Math.ceil(deliveries.data.total / PAGE_SIZE)) : 1;
  const shownPage = deliveries.data ? Math.floor(deliveries.data.offset / PAGE_SIZE) + 1 : page;
  const language = i18n.language;

  function apply(next: DeliveryFilters) {
    const search = new URLSearchParams();
    for (const name of FILTER_NAMES) if (next[name]) search.set(name, next[name].trim());
    setSearchParams(search);
  }

  function pageLink(pageNumber: number) {
    const search = new URLSearchParams(searchParams);
    if (pageNumber === 1) search.delete('page');
    else search.set('page', String(pageNumber));
    return { to: { search: `?${search.toString()}` } };
  }

  const subscriptionLink = (delivery: Delivery) => {
    // An e-mail goes to a person named on the record, not to a subscription.
    if (delivery.subscriptionId === null) return <span key="subscription">{t('deliveries.email', { recipient: delivery.recipient })}</span>;
    const search = new URLSearchParams(searchParams);
    search.delete('page');
    search.set('subscription', delivery.subscriptionId);
    return (
      <Link key="subscription" to={{ search: `?${search.toString()}` }} title={t('deliveries.onlySubscription')}>
        {delivery.url || t('deliveries.deletedSubscription')}
      </Link>
    );
  };

  return (
    <section aria-labelledby="deliveries-title" className="fr-mb-6w">
      <h2 id="deliveries-title">{t('deliveries.title')}</h2>
      <p>{t('deliveries.intro')}</p>
      <DeliveryFiltersForm key={searchParams.toString()} initial={filters} onApply={apply} />
      {retry.isError && <ProblemAlert error={retry.error} title={t('deliveries.retryFailed')} />}
      {retry.isSuccess && (
        <Alert
          severity="success"
          small
          closable
          onClose={() => retry.reset()}
          description={t('deliveries.retried', {
            type: effectLabel(retry.data.type, t),
            url: destination(retry.data),
            next: formatDateTime(retry.data.nextAttemptAt, language),
          })}
          className="fr-mb-3w"
        />
      )}
      {deliveries.isError && <ProblemAlert error={deliveries.error} />}
      {deliveries.isPending && <LoadingText />}
      {deliveries.data && (
        <>
          <p role="status">
            {t('deliveries.results', { count: deliveries.data.total, formatted: formatNumber(deliveries.data.total, language) })}
          </p>
          {deliveries.data.items.length > 0 && (
            <Table
              caption={t('deliveries.caption', { page: shownPage, pages: pageCount })}
              headers={[
                t('deliveries.columns.status'),
                t('deliveries.columns.type'),
                t('deliveries.columns.channel'),
                t('deliveries.columns.record'),
                t('deliveries.columns.subscription'),
                t('deliveries.columns.attempts'),
                t('deliveries.columns.lastError'),
                t('deliveries.columns.next'),
                ...(me?.can.retryNotifications ? [t('deliveries.columns.actions')] : []),
              ]}
              data={deliveries.data.items.map((delivery) => [
                <DeliveryStatusBadge key="status" status={delivery.status} />,
                effectLabel(delivery.type, t),
                t(`channel.${delivery.channel}`),
                <span key="record">
                  <RecordLink id={delivery.instanceId} kind={delivery.kind} />{' '}
                  <span className="fr-hint-text">{t('deliveries.event', { seq: delivery.seq })}</span>
                </span>,
                subscriptionLink(delivery),
                formatNumber(delivery.attempts, language),
                lastProblem(delivery, t),
                delivery.status === 'pending'
                  ? formatDateTime(delivery.nextAttemptAt, language)
                  : delivery.status === 'delivered'
                    ? t('deliveries.deliveredAt', { date: formatDateTime(delivery.deliveredAt, language) })
                    : '—',
                ...(me?.can.retryNotifications
                  ? [
                      // A dead e-mail can be sent again; a dead webhook only while its subscription exists.
                      delivery.status === 'dead' && (delivery.channel === 'email' || delivery.url) ? (
                        <Button
                          key="retry"
                          type="button"
                          size="small"
                          priority="secondary"
                          iconId="fr-icon-refresh-line"
                          disabled={retry.isPending}
                          onClick={() => retry.mutate(delivery)}
                          title={t('deliveries.retryTitle', { type: effectLabel(delivery.type, t), url: destination(delivery) })}
                        >
                          {t('deliveries.retry')}
                        </Button>
                      ) : (
                        '—'
                      ),
                    ]
                  : []),
              ])}
            />
          )}
          {pageCount > 1 && <Pagination count={pageCount} defaultPage={shownPage} getPageLinkProps={pageLink} showFirstLast />}
        </>
      )}
    </section>
  );
}

/** Where a delivery goes: the subscription's address, or the e-mail's recipient. */
function destination(delivery: Delivery): string {
  return (delivery.channel === 'email' ? delivery.recipient : delivery.url) ?? '';
}

/** What went wrong last: the HTTP status the receiver answered and the service's words; nothing once delivered. */
function lastProblem(delivery: Delivery, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (delivery.status === 'delivered' || (delivery.lastStatusCode === null && delivery.lastError === null)) return '—';
  return [delivery.lastStatusCode !== null ? t('deliveries.httpStatus', { code: delivery.lastStatusCode }) : undefined, delivery.lastError]
    .filter(Boolean)
    .join(' — ');
}

function DeliveryFiltersForm({ initial, onApply }: { initial: DeliveryFilters; onApply: (filters: DeliveryFilters) => void }) {
  const { t } = useTranslation('notifications');
  const { me } = useSession();
  // Auditors may not list the subscriptions: they filter by a subscription's id (the table's links fill it in).
  const subscriptions = useSubscriptions(me?.can.manageWebhooks ?? false);
  const [filters, setFilters] = useState(initial);
  const set = (name: keyof DeliveryFilters) => (event: { target: { value: string } }) =>
    setFilters((current) => ({ ...current, [name]: event.target.value }));
  const known = subscriptions.data?.items ?? [];
  // A list to choose from for administrators, unless the address names a subscription it lacks (a deleted one): its id then.
  const unlisted = subscriptions.isSuccess && filters.subscription !== '' && !known.some((item) => item.id === filters.subscription);
  const chooseFromList = (me?.can.manageWebhooks ?? false) && !unlisted;

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(filters);
  }

  function reset() {
    setFilters(EMPTY_FILTERS);
    onApply(EMPTY_FILTERS);
  }

  return (
    <form onSubmit={submit} className="records-filters fr-p-3w fr-mb-3w" aria-labelledby="deliveries-filters-title">
      <h3 id="deliveries-filters-title" className="fr-h6">
        {t('filters.title')}
      </h3>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-3">
          <Select label={t('filters.status')} nativeSelectProps={{ name: 'status', value: filters.status, onChange: set('status') }}>
            <option value="">{t('filters.any')}</option>
            {DELIVERY_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-2">
          <Select label={t('filters.channel')} nativeSelectProps={{ name: 'channel', value: filters.channel, onChange: set('channel') }}>
            <option value="">{t('filters.any')}</option>
            {DELIVERY_CHANNELS.map((name) => (
              <option key={name} value={name}>
                {t(`channel.${name}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Input
            label={t('filters.record')}
            hintText={t('filters.recordHint')}
            nativeInputProps={{ name: 'record', value: filters.record, onChange: set('record'), pattern: UUID_PATTERN, spellCheck: false }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          {chooseFromList ? (
            <Select
              label={t('filters.subscription')}
              nativeSelectProps={{ name: 'subscription', value: filters.subscription, onChange: set('subscription') }}
            >
              <option value="">{t('filters.anySubscription')}</option>
              {known.map((subscription) => (
                <option key={subscription.id} value={subscription.id}>
                  {subscription.url}
                </option>
              ))}
            </Select>
          ) : (
            <Input
              label={t('filters.subscription')}
              hintText={t('filters.subscriptionHint')}
              nativeInputProps={{
                name: 'subscription',
                value: filters.subscription,
                onChange: set('subscription'),
                pattern: UUID_PATTERN,
                spellCheck: false,
              }}
            />
          )}
        </div>
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
        <li>
          <Button type="submit">{t('filters.apply')}</Button>
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
