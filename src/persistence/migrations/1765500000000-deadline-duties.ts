import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Duties beside timers in the deadlines table: a duty (DeadlineDeclaration.duty) is someone's to do by
 * its date (publish the contract's data, inform a bidder); the agenda shows it and flags it overdue,
 * the scheduler never sends it. Existing rows are timers. The scheduler's claims and its wake-up time
 * read timers only, from a partial index of them in due order, so past duties never keep it busy.
 */
export class DeadlineDuties1765500000000 implements MigrationInterface {
  name = 'DeadlineDuties1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('deadlines', new TableColumn({ name: 'duty', type: 'integer', isNullable: false, default: 0 }));
    await queryRunner.createIndex(
      'deadlines',
      new TableIndex({ name: 'ix_deadlines_timers_due', columnNames: ['due_at', 'id'], where: 'failure IS NULL AND duty = 0' }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('deadlines', 'ix_deadlines_timers_due');
    await queryRunner.dropColumn('deadlines', 'duty');
  }
}
