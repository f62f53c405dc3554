import { readableOrganisations } from '../auth/organisations';
import type { Principal } from '../auth/principal';
import { Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { Static } from '@sinclair/typebox';
import { Role, Roles } from '../auth/roles.decorator';
import { Actor, CurrentPrincipal } from '../common/actor.decorator';
import { ErrorCode } from '../common/errors/domain-error';
import { Contract, ValidBody, ValidQuery } from '../contract/contract';
import { Uuid } from '../contract/schema';
import { NotificationsService, type Page, type SubscriptionView, type SubscriptionWithSecret } from './notifications.service';
import {
  CreateWebhookBody,
  WebhookListQuery,
  WebhookListSchema,
  WebhookSubscriptionSchema,
  WebhookSubscriptionWithSecretSchema,
} from './notifications.schemas';

const ID = { id: Uuid({ description: 'The subscription’s id' }) };

/** Webhook subscriptions (administrators): where the outbox's messages are POSTed, signed (docs/notifications.md). */
@Controller('webhooks')
export class WebhooksController {
  constructor(@Inject(NotificationsService) private readonly notifications: NotificationsService) {}

  @Post()
  @Roles(Role.Administrator)
  @Contract({
    summary: 'Subscribe an address to notifications, optionally only some effect types and kinds',
    description:
      'Answers the subscription with its signing `secret`, shown this once. Messages committed from now on that match, of records of the organisations of the administrator who makes it (kept as its `organisations`), are POSTed to `url`, signed as Standard Webhooks says. An address on an internal network (loopback, private, link-local…), or a host that resolves to one or does not resolve, is refused unless WEBHOOK_ALLOW_PRIVATE_NETWORKS or WEBHOOK_ALLOWED_HOSTS allows it.',
    body: CreateWebhookBody,
    responses: [
      { status: 201, description: 'The subscription, with its secret (shown once)', schema: WebhookSubscriptionWithSecretSchema },
    ],
    problems: [ErrorCode.WEBHOOK_ADDRESS_NOT_ALLOWED],
  })
  subscribe(
    @Actor() actor: string,
    @CurrentPrincipal() principal: Principal,
    @ValidBody() body: Static<typeof CreateWebhookBody>,
  ): Promise<SubscriptionWithSecret> {
    return this.notifications.subscribe(body, actor, principal.organisations ?? []);
  }

  @Get()
  @Roles(Role.Administrator)
  @Contract({
    summary: 'The webhook subscriptions, oldest first (without their secrets)',
    query: WebhookListQuery,
    responses: [{ status: 200, description: 'A page of subscriptions', schema: WebhookListSchema }],
  })
  list(@ValidQuery() query: Static<typeof WebhookListQuery>, @CurrentPrincipal() principal: Principal): Promise<Page<SubscriptionView>> {
    return this.notifications.subscriptions(query.limit, query.offset, readableOrganisations(principal));
  }

  @Delete(':id')
  @Roles(Role.Administrator)
  @Contract({
    summary: 'Delete a subscription: nothing more is sent to it; its pending notifications end as dead',
    params: ID,
    responses: [{ status: 200, description: 'The subscription as it was', schema: WebhookSubscriptionSchema }],
    problems: [ErrorCode.NOT_FOUND],
  })
  remove(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<SubscriptionView> {
    return this.notifications.unsubscribe(id, readableOrganisations(principal));
  }

  @Post(':id/rotate-secret')
  @Roles(Role.Administrator)
  @HttpCode(200)
  @Contract({
    summary: 'Give a subscription a new secret (shown once); the previous one keeps signing during the grace period',
    description:
      'Until `previousSecretExpiresAt` (WEBHOOK_SECRET_GRACE_MS, 24 hours by default) every message carries two signatures, one per secret, so that the receiver can switch at its own pace.',
    params: ID,
    responses: [
      { status: 200, description: 'The subscription with its new secret (shown once)', schema: WebhookSubscriptionWithSecretSchema },
    ],
    problems: [ErrorCode.NOT_FOUND],
  })
  rotate(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<SubscriptionWithSecret> {
    return this.notifications.rotateSecret(id, readableOrganisations(principal));
  }
}
