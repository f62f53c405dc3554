import { Type } from '@sinclair/typebox';
import { named } from '../contract/components';
import { MAX_QUERY_OFFSET } from '../contract/query';
import { OneOf, StrictObject, Text, Uuid, Whole } from '../contract/schema';
import { Page } from '../instances/instances.schemas';

const Names = (description: string) => Type.Array(Text(64), { minItems: 1, maxItems: 100, uniqueItems: true, description });

export const CreateWebhookBody = StrictObject({
  url: Text(2048, { description: 'Where messages are POSTed: an http or https address', examples: ['https://buyer.example/hooks/engine'] }),
  events: Type.Optional(
    Names(
      'Only these effect types (e.g. informAwardedBidder, or reminder for the reminders before deadlines); each must be declared by one of the kinds. Absent: every effect',
    ),
  ),
  kinds: Type.Optional(Names('Only records of these kinds (tender, convention, cohort). Absent: every kind')),
});

const SubscriptionProperties = {
  id: Type.String({ format: 'uuid' }),
  url: Type.String(),
  events: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'The effect types it receives; null: every one' }),
  kinds: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'The kinds of record it receives; null: every kind' }),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.String({ description: 'The administrator who created it' }),
  organisations: Type.Array(Type.String(), {
    description: 'The organisations of the administrator who created it: it receives the messages of their records only',
  }),
  secretRotatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When the secret was last rotated' }),
  previousSecretExpiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'Until then messages are signed with the previous secret too; null when there is none',
  }),
};

export const WebhookSubscriptionSchema = named(
  'WebhookSubscription',
  Type.Object(SubscriptionProperties, { additionalProperties: false, description: 'A subscription; its secret is never shown again' }),
);

export const WebhookSubscriptionWithSecretSchema = named(
  'WebhookSubscriptionWithSecret',
  Type.Object(
    {
      ...SubscriptionProperties,
      secret: Type.String({
        pattern: '^whsec_[A-Za-z0-9+/]+={0,2}$',
        description: 'The signing secret (whsec_ and base64), shown this once: keep it',
      }),
    },
    { additionalProperties: false },
  ),
);

export const WebhookListSchema = named('WebhookList', Page(WebhookSubscriptionSchema, 'Subscriptions, oldest first'));

export const WebhookListQuery = StrictObject({
  limit: Whole(1, 500, { default: 50, description: 'At most this many items' }),
  offset: Whole(0, MAX_QUERY_OFFSET, { default: 0, description: 'Skip this many items' }),
});

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export const DELIVERY_CHANNELS = ['webhook', 'email'] as const;

export const NotificationSchema = named(
  'Notification',
  Type.Object(
    {
      id: Type.String({ format: 'uuid', description: 'The delivery: one message to one subscription or one e-mail recipient' }),
      messageId: Type.String({
        format: 'uuid',
        description: 'The stable message id, sent as webhook-id, and in the Message-ID of an e-mail',
      }),
      channel: OneOf(DELIVERY_CHANNELS, { description: 'webhook: POSTed to a subscription; email: mailed to `recipient`' }),
      subscriptionId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: 'The subscription; null for an e-mail' }),
      url: Type.String({ description: 'The subscription’s address (empty once it is deleted); mailto: and the recipient for an e-mail' }),
      recipient: Type.Union([Type.String(), Type.Null()], { description: 'The e-mail’s recipient; null for a webhook' }),
      instanceId: Type.String({ format: 'uuid' }),
      kind: Type.String(),
      seq: Type.Integer({ minimum: 1, description: 'The event that declared the effect' }),
      type: Type.String({ description: 'The effect type' }),
      status: OneOf(DELIVERY_STATUSES, {
        description:
          'pending: to be attempted (again); delivered: a 2xx answer (webhook) or the SMTP server accepted it (e-mail); dead: given up after WEBHOOK_MAX_ATTEMPTS',
      }),
      attempts: Type.Integer({ minimum: 0 }),
      lastStatusCode: Type.Union([Type.Integer(), Type.Null()], {
        description: 'The HTTP status (webhook) or SMTP reply code (e-mail) of the last attempt; null without an answer',
      }),
      lastError: Type.Union([Type.String(), Type.Null()], { description: 'Why the last attempt failed' }),
      lastAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      nextAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When pending: the next attempt' }),
      deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      createdAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
);

export const NotificationListSchema = named('NotificationList', Page(NotificationSchema, 'Notifications, newest first'));

export const NotificationsQuery = StrictObject({
  status: Type.Optional(OneOf(DELIVERY_STATUSES, { description: 'Only notifications in this status' })),
  channel: Type.Optional(OneOf(DELIVERY_CHANNELS, { description: 'Only webhooks or only e-mails' })),
  instanceId: Type.Optional(Uuid({ description: 'Only the notifications of this record' })),
  subscriptionId: Type.Optional(Uuid({ description: 'Only the notifications of this subscription' })),
  limit: Whole(1, 500, { default: 50, description: 'At most this many items' }),
  offset: Whole(0, MAX_QUERY_OFFSET, { default: 0, description: 'Skip this many items' }),
});

export const OutboxMessageSchema = named(
  'OutboxMessage',
  Type.Object(
    {
      messageId: Type.String({ format: 'uuid' }),
      seq: Type.Integer({ minimum: 1, description: 'The event that declared the effect' }),
      type: Type.String({ description: 'The effect type' }),
      params: Type.Unknown({ description: 'The effect’s params, as sent in data.params' }),
      occurredAt: Type.String({ format: 'date-time', description: 'The event’s business instant' }),
      createdAt: Type.String({ format: 'date-time', description: 'When the event was written' }),
      dispatchedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
        description: 'When the dispatcher created its deliveries; null until then',
      }),
      deliveries: Type.Array(NotificationSchema, { description: 'One per subscription that matched' }),
    },
    { additionalProperties: false },
  ),
);

export const InstanceNotificationsSchema = named(
  'InstanceNotifications',
  Page(OutboxMessageSchema, 'The record’s outbox messages in event order, each with its deliveries'),
);

export const InstanceNotificationsQuery = StrictObject({
  limit: Whole(1, 500, { default: 50, description: 'At most this many messages' }),
  offset: Whole(0, MAX_QUERY_OFFSET, { default: 0, description: 'Skip this many messages' }),
});
