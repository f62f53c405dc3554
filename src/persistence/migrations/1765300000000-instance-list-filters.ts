import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { listingColumnsOf } from '../../kinds/listing';

const FILL_BATCH = 1000;

/**
 * SQLite's list index: the list's order, then the columns most filters test. Scanning it in order
 * finds a page without reading the rows, whose snapshots make them wide; none of these columns
 * changes with most events (updated_at, which does, has an index of its own).
 */
const SQLITE_LIST_INDEX = ['created_at', 'id', 'kind', 'stage', 'state', 'status', 'search_label', 'search_parties'];

/**
 * The records list's filters (docs/api.md, "Filters of the records list"): the label and the parties
 * of each record, folded for substring search, kept in columns of the instances table (the engine
 * rewrites them with every event that changes them) and filled here for the rows that exist; an
 * index on updated_at.
 *
 * Substring search: on PostgreSQL a trigram GIN index on each search column when the pg_trgm
 * extension is installed or can be installed (it is a trusted extension from PostgreSQL 13: a role
 * that may create in the database may install it); without it the search still works, by scanning.
 * On SQLite, LIKE '%…%' cannot seek in any index: the list index below makes the scan read only the
 * filtered columns, not the rows.
 */
export class InstanceListFilters1765300000000 implements MigrationInterface {
  name = 'InstanceListFilters1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Plain ALTER TABLE on both: TypeORM's addColumns would copy the whole SQLite table to add them.
    await queryRunner.query('ALTER TABLE "instances" ADD COLUMN "label" text');
    await queryRunner.query(`ALTER TABLE "instances" ADD COLUMN "search_label" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "instances" ADD COLUMN "search_parties" text NOT NULL DEFAULT ''`);
    await fill(queryRunner);
    await queryRunner.createIndex('instances', new TableIndex({ name: 'ix_instances_updated', columnNames: ['updated_at', 'id'] }));
    if (queryRunner.connection.options.type === 'postgres') {
      const trigrams = await trigramSchema(queryRunner);
      if (trigrams) {
        for (const column of ['search_label', 'search_parties']) {
          await queryRunner.query(
            `CREATE INDEX "ix_instances_${column}" ON "instances" USING gin ("${column}" "${trigrams}".gin_trgm_ops)`,
          );
        }
      }
    } else {
      await queryRunner.createIndex('instances', new TableIndex({ name: 'ix_instances_list', columnNames: SQLITE_LIST_INDEX }));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS "ix_instances_search_label"');
    await queryRunner.query('DROP INDEX IF EXISTS "ix_instances_search_parties"');
    await queryRunner.query('DROP INDEX IF EXISTS "ix_instances_list"');
    await queryRunner.dropIndex('instances', 'ix_instances_updated');
    await queryRunner.dropColumns('instances', ['search_parties', 'search_label', 'label']);
  }
}

interface SnapshotRow {
  id: string;
  kind: string;
  snapshot: string;
}

/** Every existing row's label and search columns, from its stored snapshot, a batch at a time by id. */
async function fill(queryRunner: QueryRunner): Promise<void> {
  const postgres = queryRunner.connection.options.type === 'postgres';
  const placeholder = (index: number) => (postgres ? `$${index}` : '?');
  let after = '';
  for (;;) {
    const rows = (await queryRunner.query(
      `SELECT id, kind, snapshot FROM instances WHERE id > ${placeholder(1)} ORDER BY id LIMIT ${FILL_BATCH}`,
      [after],
    )) as SnapshotRow[];
    if (rows.length === 0) return;
    const filled = rows.map((row) => ({ id: row.id, ...listingColumnsOf(row.kind, contextOf(row.snapshot)) }));
    if (postgres) {
      await queryRunner.query(
        `UPDATE instances AS i SET label = v.label, search_label = v.search_label, search_parties = v.search_parties
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(id, label, search_label, search_parties)
         WHERE i.id = v.id`,
        [
          filled.map((row) => row.id),
          filled.map((row) => row.label),
          filled.map((row) => row.searchLabel),
          filled.map((row) => row.searchParties),
        ],
      );
    } else {
      for (const row of filled) {
        await queryRunner.query('UPDATE instances SET label = ?, search_label = ?, search_parties = ? WHERE id = ?', [
          row.label,
          row.searchLabel,
          row.searchParties,
          row.id,
        ]);
      }
    }
    after = rows[rows.length - 1].id;
    if (rows.length < FILL_BATCH) return;
  }
}

/** A stored snapshot's context; nothing for one that is not JSON (a damaged row: verify reports it). */
function contextOf(snapshot: string): unknown {
  try {
    return (JSON.parse(snapshot) as { context?: unknown }).context;
  } catch {
    return undefined;
  }
}

/**
 * The schema holding pg_trgm, installing it in `public` when it is missing and may be installed;
 * undefined when it is not available. Installed in `public`, not in the service's own schema: an
 * extension exists once per database, and a schema dropped with CASCADE would take it away from the
 * others. The attempt runs under a savepoint, so that a refusal leaves the migration's transaction
 * usable; two nodes installing it together are covered by reading the catalogue again.
 */
async function trigramSchema(queryRunner: QueryRunner): Promise<string | undefined> {
  const installed = async () => {
    const rows = (await queryRunner.query(
      "SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'",
    )) as { schema: string }[];
    return rows[0]?.schema;
  };
  const found = await installed();
  if (found) return found;
  await queryRunner.query('SAVEPOINT install_pg_trgm');
  try {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public');
    await queryRunner.query('RELEASE SAVEPOINT install_pg_trgm');
  } catch {
    await queryRunner.query('ROLLBACK TO SAVEPOINT install_pg_trgm');
  }
  return installed();
}
