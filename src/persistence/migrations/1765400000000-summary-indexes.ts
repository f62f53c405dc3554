import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The dashboard's counts (GET /api/instances/summary) read indexes only, however many records there
 * are: records grouped by kind, stage, state and status from one covering index (which also serves
 * the list's filters, so it replaces the index on kind and stage alone); overdue records from the
 * pending deadlines in due order; failed deadlines from an index of those alone (usually few).
 * Both partial indexes hold `failure`, the column of their condition, so that SQLite counts them as
 * covering (it reads no table row).
 */
export class SummaryIndexes1765400000000 implements MigrationInterface {
  name = 'SummaryIndexes1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'instances',
      new TableIndex({ name: 'ix_instances_kind_stage_state_status', columnNames: ['kind', 'stage', 'state', 'status'] }),
    );
    await queryRunner.dropIndex('instances', 'ix_instances_kind_stage');
    await queryRunner.createIndex(
      'deadlines',
      new TableIndex({ name: 'ix_deadlines_pending_due', columnNames: ['due_at', 'instance_id', 'failure'], where: 'failure IS NULL' }),
    );
    await queryRunner.createIndex(
      'deadlines',
      new TableIndex({ name: 'ix_deadlines_failed', columnNames: ['instance_id', 'failure'], where: 'failure IS NOT NULL' }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('deadlines', 'ix_deadlines_failed');
    await queryRunner.dropIndex('deadlines', 'ix_deadlines_pending_due');
    await queryRunner.createIndex('instances', new TableIndex({ name: 'ix_instances_kind_stage', columnNames: ['kind', 'stage'] }));
    await queryRunner.dropIndex('instances', 'ix_instances_kind_stage_state_status');
  }
}
