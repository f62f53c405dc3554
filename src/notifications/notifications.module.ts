import { Global, Module } from '@nestjs/common';
import { DispatcherLoop } from './dispatcher-loop.service';
import { EmailSender } from './email-sender.service';
import { NotificationDispatcher } from './notification-dispatcher.service';
import { InstanceNotificationsController, NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutboxSignal } from './outbox-signal';
import { WebhooksController } from './webhooks.controller';

/**
 * Notifications from the outbox: webhook subscriptions, the dispatcher that delivers what commands
 * committed, and the notifications' routes. Global for the signal the command side gives after commit.
 */
@Global()
@Module({
  controllers: [WebhooksController, NotificationsController, InstanceNotificationsController],
  providers: [OutboxSignal, EmailSender, NotificationDispatcher, DispatcherLoop, NotificationsService],
  exports: [OutboxSignal, NotificationDispatcher, NotificationsService],
})
export class NotificationsModule {}
