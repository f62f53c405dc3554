import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Instances, their append-only events and their pending deadlines. Portable: SQLite and PostgreSQL. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'instances',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '64' },
          { name: 'machine_version', type: 'integer' },
          { name: 'state', type: 'varchar', length: '200' },
          { name: 'stage', type: 'varchar', length: '32' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'snapshot', type: 'text' },
          { name: 'version', type: 'integer' },
          { name: 'parent_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'head_hash', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'updated_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await queryRunner.createIndex('instances', new TableIndex({ name: 'ix_instances_kind_stage', columnNames: ['kind', 'stage'] }));
    await queryRunner.createIndex('instances', new TableIndex({ name: 'ix_instances_parent', columnNames: ['parent_id'] }));

    await queryRunner.createTable(
      new Table({
        name: 'events',
        columns: [
          { name: 'instance_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'type', type: 'varchar', length: '64' },
          { name: 'payload', type: 'text' },
          { name: 'actor', type: 'varchar', length: '200' },
          { name: 'at', type: 'varchar', length: '30' },
          { name: 'recorded_at', type: 'varchar', length: '30' },
          { name: 'prev_hash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'deadlines',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'instance_id', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '64' },
          { name: 'event', type: 'varchar', length: '64' },
          { name: 'payload', type: 'text' },
          { name: 'due_at', type: 'varchar', length: '30' },
          { name: 'label', type: 'varchar', length: '300' },
          { name: 'instance_version', type: 'integer' },
          { name: 'claimed_by', type: 'varchar', length: '100', isNullable: true },
          { name: 'claimed_until', type: 'varchar', length: '30', isNullable: true },
          { name: 'failure', type: 'text', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex('deadlines', new TableIndex({ name: 'ix_deadlines_due', columnNames: ['due_at'] }));
    await queryRunner.createIndex('deadlines', new TableIndex({ name: 'ix_deadlines_instance', columnNames: ['instance_id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('deadlines');
    await queryRunner.dropTable('events');
    await queryRunner.dropTable('instances');
  }
}
