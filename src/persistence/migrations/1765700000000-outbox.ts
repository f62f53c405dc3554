import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Notifications from an outbox (DESIGN rule 8). `outbox`: one row per effect a decision declared,
 * written in the transaction of its event (so a row exists if and only if its event was committed),
 * keyed by a stable message id derived from (instance, seq, effect index). `webhook_subscriptions`:
 * where messages go, with the secrets that sign them (kept usable: a signature needs the secret).
 * `webhook_deliveries`: one row per (message, matching subscription), created by the dispatcher
 * when it takes up a message (`outbox.dispatched_at`), each with its own attempts and fate.
 */
export class Outbox1765700000000 implements MigrationInterface {
  name = 'Outbox1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'outbox',
        columns: [
          { name: 'message_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'instance_id', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '64' },
          { name: 'seq', type: 'integer' },
          { name: 'effect_index', type: 'integer' },
          { name: 'type', type: 'varchar', length: '64' },
          { name: 'params', type: 'text' },
          { name: 'occurred_at', type: 'varchar', length: '30' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'dispatched_at', type: 'varchar', length: '30', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex('outbox', new TableIndex({ name: 'ix_outbox_instance', columnNames: ['instance_id', 'seq'] }));
    await queryRunner.createIndex(
      'outbox',
      new TableIndex({ name: 'ix_outbox_undispatched', columnNames: ['created_at', 'message_id'], where: 'dispatched_at IS NULL' }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'webhook_subscriptions',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'url', type: 'varchar', length: '2048' },
          { name: 'events', type: 'text', isNullable: true },
          { name: 'kinds', type: 'text', isNullable: true },
          { name: 'secret', type: 'varchar', length: '200' },
          { name: 'previous_secret', type: 'varchar', length: '200', isNullable: true },
          { name: 'previous_secret_expires_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'secret_rotated_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'created_by', type: 'varchar', length: '200' },
          { name: 'deleted_at', type: 'varchar', length: '30', isNullable: true },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'message_id', type: 'varchar', length: '36' },
          { name: 'subscription_id', type: 'varchar', length: '36' },
          { name: 'instance_id', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '64' },
          { name: 'seq', type: 'integer' },
          { name: 'type', type: 'varchar', length: '64' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'next_attempt_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'last_attempt_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'last_status_code', type: 'integer', isNullable: true },
          { name: 'last_error', type: 'text', isNullable: true },
          { name: 'delivered_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'claimed_by', type: 'varchar', length: '100', isNullable: true },
          { name: 'claimed_until', type: 'varchar', length: '30', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex(
      'webhook_deliveries',
      new TableIndex({
        name: 'ux_webhook_deliveries_message_subscription',
        columnNames: ['message_id', 'subscription_id'],
        isUnique: true,
      }),
    );
    await queryRunner.createIndex(
      'webhook_deliveries',
      new TableIndex({ name: 'ix_webhook_deliveries_due', columnNames: ['next_attempt_at', 'id'], where: "status = 'pending'" }),
    );
    await queryRunner.createIndex(
      'webhook_deliveries',
      new TableIndex({ name: 'ix_webhook_deliveries_created', columnNames: ['created_at', 'id'] }),
    );
    await queryRunner.createIndex(
      'webhook_deliveries',
      new TableIndex({ name: 'ix_webhook_deliveries_instance', columnNames: ['instance_id', 'created_at'] }),
    );
    await queryRunner.createIndex(
      'webhook_deliveries',
      new TableIndex({ name: 'ix_webhook_deliveries_subscription', columnNames: ['subscription_id', 'created_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webhook_deliveries');
    await queryRunner.dropTable('webhook_subscriptions');
    await queryRunner.dropTable('outbox');
  }
}
