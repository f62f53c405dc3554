import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * E-mail and reminders (docs/notifications.md). `webhook_deliveries` become the deliveries of every
 * channel: `channel` ('webhook' or 'email'), the e-mail's `recipient`, and its `subject` and `body`
 * rendered once from the record when the message is taken up, so that every attempt sends the same
 * text. An e-mail delivery has no subscription: its `subscription_id` holds a name-based id of the
 * recipient's address, so that the unique (message, subscription) pair also makes one e-mail per
 * (message, recipient). `reminders`: the reminders still to send, derived from the pending deadlines
 * in the transaction that writes them, each keyed by its stable id; one is moved to the outbox (same
 * id) once its time has come, or dropped with its deadline.
 */
export class EmailAndReminders1765800000000 implements MigrationInterface {
  name = 'EmailAndReminders1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('webhook_deliveries', [
      new TableColumn({ name: 'channel', type: 'varchar', length: '16', default: "'webhook'" }),
      new TableColumn({ name: 'recipient', type: 'varchar', length: '320', isNullable: true }),
      new TableColumn({ name: 'subject', type: 'text', isNullable: true }),
      new TableColumn({ name: 'body', type: 'text', isNullable: true }),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'reminders',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'instance_id', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '64' },
          { name: 'seq', type: 'integer' },
          { name: 'remind_at', type: 'varchar', length: '30' },
          { name: 'params', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await queryRunner.createIndex('reminders', new TableIndex({ name: 'ix_reminders_due', columnNames: ['remind_at', 'id'] }));
    await queryRunner.createIndex(
      'reminders',
      new TableIndex({ name: 'ix_reminders_instance', columnNames: ['instance_id', 'remind_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('reminders');
    for (const column of ['body', 'subject', 'recipient', 'channel']) await queryRunner.dropColumn('webhook_deliveries', column);
  }
}
