import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** The instance list is newest first: an index lets it read one page without sorting every row. */
export class InstancesCreatedIndex1764100000000 implements MigrationInterface {
  name = 'InstancesCreatedIndex1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('instances', new TableIndex({ name: 'ix_instances_created', columnNames: ['created_at', 'id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('instances', 'ix_instances_created');
  }
}
