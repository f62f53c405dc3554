import { readableOrganisations } from '../auth/organisations';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../common/actor.decorator';
import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { Static } from '@sinclair/typebox';
import { Role, Roles } from '../auth/roles.decorator';
import { ErrorCode } from '../common/errors/domain-error';
import { Contract, ValidQuery } from '../contract/contract';
import { Uuid } from '../contract/schema';
import { NotificationsService, type NotificationView, type OutboxMessageView, type Page } from './notifications.service';
import {
  InstanceNotificationsQuery,
  InstanceNotificationsSchema,
  NotificationListSchema,
  NotificationSchema,
  NotificationsQuery,
} from './notifications.schemas';
import { WalledByOrganisation } from '../instances/organisation-wall.interceptor';

/** Notifications: one per (outbox message, subscription), with its attempts and fate. */
@Controller('notifications')
export class NotificationsController {
  constructor(@Inject(NotificationsService) private readonly notifications: NotificationsService) {}

  @Get()
  @Roles(Role.Administrator, Role.Auditor, Role.GlobalAuditor)
  @Contract({
    summary: 'Notifications, newest first: status, attempts, last error, next attempt',
    query: NotificationsQuery,
    responses: [{ status: 200, description: 'A page of notifications', schema: NotificationListSchema }],
  })
  list(@ValidQuery() query: Static<typeof NotificationsQuery>, @CurrentPrincipal() principal: Principal): Promise<Page<NotificationView>> {
    return this.notifications.notifications({ ...query, organisations: readableOrganisations(principal) });
  }

  @Post(':id/retry')
  @Roles(Role.Administrator)
  @HttpCode(200)
  @Contract({
    summary: 'Retry a dead notification: pending again, due now, for a new series of attempts',
    params: { id: Uuid({ description: 'The notification’s id' }) },
    responses: [{ status: 200, description: 'The notification, pending', schema: NotificationSchema }],
    problems: [ErrorCode.NOT_FOUND, ErrorCode.NOTIFICATION_NOT_RETRYABLE],
  })
  retry(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<NotificationView> {
    return this.notifications.retry(id, readableOrganisations(principal));
  }
}

/** A record's notifications, beside its other views. */
@WalledByOrganisation()
@Controller('instances')
export class InstanceNotificationsController {
  constructor(@Inject(NotificationsService) private readonly notifications: NotificationsService) {}

  @Get(':id/notifications')
  @Roles(Role.Administrator, Role.Auditor, Role.GlobalAuditor)
  @Contract({
    summary: 'The record’s notifications: its outbox messages in event order, each with its deliveries',
    params: { id: Uuid({ description: 'The record’s id' }) },
    query: InstanceNotificationsQuery,
    responses: [{ status: 200, description: 'A page of messages', schema: InstanceNotificationsSchema }],
    problems: [ErrorCode.INSTANCE_NOT_FOUND],
  })
  ofInstance(@Param('id') id: string, @ValidQuery() query: Static<typeof InstanceNotificationsQuery>): Promise<Page<OutboxMessageView>> {
    return this.notifications.ofInstance(id, query.limit, query.offset);
  }
}
