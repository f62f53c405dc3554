import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { DEFAULT_ORGANISATION } from '../../auth/organisations';

/**
 * Organisations (docs/access.md, "Organisations"): every record belongs to one, in a column of the
 * instances table. The records that exist belong to the default organisation (DEFAULT_ORGANISATION,
 * given by dataSourceOptions; `default` without it). Indexes: the list's order and the dashboard's
 * counts within an organisation. The webhook subscriptions keep the organisations of the
 * administrator who made them (a JSON array of names; those made before belong to the default one).
 */
export class Organisations1765900000000 implements MigrationInterface {
  name = 'Organisations1765900000000';

  /** The organisation of the rows that exist; a subclass gives the configured one (database-options.ts). */
  protected defaultOrganisation(): string {
    return DEFAULT_ORGANISATION;
  }

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const organisation = this.defaultOrganisation().replace(/'/g, "''");
    // A default fills the existing rows in one statement (SQLite cannot add a NOT NULL column without one).
    await queryRunner.query(`ALTER TABLE "instances" ADD COLUMN "organisation" varchar(200) NOT NULL DEFAULT '${organisation}'`);
    // Every insert names its organisation: PostgreSQL keeps none by default (SQLite cannot drop one).
    if (postgres) await queryRunner.query('ALTER TABLE "instances" ALTER COLUMN "organisation" DROP DEFAULT');
    await queryRunner.createIndex(
      'instances',
      new TableIndex({ name: 'ix_instances_organisation_created', columnNames: ['organisation', 'created_at', 'id'] }),
    );
    await queryRunner.createIndex(
      'instances',
      new TableIndex({ name: 'ix_instances_organisation_kind', columnNames: ['organisation', 'kind', 'stage', 'state', 'status'] }),
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_subscriptions" ADD COLUMN "organisations" text NOT NULL DEFAULT '${JSON.stringify([this.defaultOrganisation()]).replace(/'/g, "''")}'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "webhook_subscriptions" DROP COLUMN "organisations"');
    await queryRunner.dropIndex('instances', 'ix_instances_organisation_kind');
    await queryRunner.dropIndex('instances', 'ix_instances_organisation_created');
    await queryRunner.query('ALTER TABLE "instances" DROP COLUMN "organisation"');
  }
}
