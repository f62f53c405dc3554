import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * The simulated clock's time, one row (id 1), so that it survives a restart and every node of one
 * database reads the same time. Empty until a service first starts on the simulated clock.
 */
export class SimulatedClock1765200000000 implements MigrationInterface {
  name = 'SimulatedClock1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'simulated_clock',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'now', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('simulated_clock');
  }
}
