import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { KINDS } from '../../components/PagesShared';

export type Subscription = Schemas['WebhookSubscription'];
export type SubscriptionWithSecret = Schemas['WebhookSubscriptionWithSecret'];
export type Delivery = Schemas['Notification'];
export type DeliveryStatus = Delivery['status'];
export type DeliveryChannel = Delivery['channel'];
export type OutboxMessage = Schemas['OutboxMessage'];

export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'dead'];
export const DELIVERY_CHANNELS: readonly DeliveryChannel[] = ['webhook', 'email'];

/** The API's largest page: an administrator's subscriptions fit in one. */
const SUBSCRIPTIONS_LIMIT = 500;

/** While a delivery is pending its row changes without an event on the live stream: poll quickly, slowly otherwise. */
export function refetchWhilePending(pending: boolean): number {
  return pending ? 2_000 : 5_000;
}

export function useSubscriptions(enabled: boolean) {
  return useQuery({
    queryKey: ['webhooks'],
    enabled,
    queryFn: () => unwrap(api.GET('/api/webhooks', { params: { query: { limit: SUBSCRIPTIONS_LIMIT } } })),
  });
}

export interface DeliveryQuery {
  status?: DeliveryStatus;
  channel?: DeliveryChannel;
  instanceId?: string;
  subscriptionId?: string;
  limit: number;
  offset: number;
}

export function useDeliveries(query: DeliveryQuery) {
  return useQuery({
    queryKey: ['notifications', query],
    queryFn: () => unwrap(api.GET('/api/notifications', { params: { query } })),
    refetchInterval: (current) => refetchWhilePending(current.state.data?.items.some((item) => item.status === 'pending') ?? false),
  });
}

/** A record's outbox messages with their deliveries; under ['instance', id] so that the live stream refreshes it. */
export function useRecordNotifications(id: string, limit: number) {
  return useQuery({
    queryKey: ['instance', id, 'notifications', limit],
    queryFn: () => unwrap(api.GET('/api/instances/{id}/notifications', { params: { path: { id }, query: { limit } } })),
    refetchInterval: (current) =>
      refetchWhilePending(
        current.state.data?.items.some(
          (message) => message.dispatchedAt === null || message.deliveries.some((delivery) => delivery.status === 'pending'),
        ) ?? false,
      ),
  });
}

/** The effect types each kind's current machine declares (GET /api/machines/:kind), for the subscription form. */
export function useDeclaredEffects() {
  return useQueries({
    queries: KINDS.map((kind) => ({
      queryKey: ['machine', kind, 'latest'],
      staleTime: Infinity,
      queryFn: () => unwrap(api.GET('/api/machines/{kind}', { params: { path: { kind } } })),
    })),
    combine: (results) => ({
      byKind: new Map(KINDS.map((kind, index) => [kind, results[index].data?.effects ?? []] as const)),
      pending: results.some((result) => result.isPending),
      error: results.find((result) => result.error)?.error ?? undefined,
    }),
  });
}
