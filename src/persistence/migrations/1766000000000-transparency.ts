import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { storedEventLeafHash } from '../../transparency/event-leaf';
import { MerkleFrontier, type MerkleNode } from '../../transparency/merkle';

/**
 * The transparency log (docs/audit.md): a Merkle tree (RFC 9162) with one leaf per event.
 *
 * - `transparency_leaves`: idx = the global leaf index, in commit order; (instance_id, seq) names the event.
 * - `transparency_nodes`: every completed perfect-subtree hash, (level, idx), level 0 = the leaves; write-once.
 * - `transparency_state`: one row (id 1): the tree size and its frontier (JSON, base64 hashes).
 * - `transparency_checkpoints`: the signed checkpoints (C2SP signed notes), by tree size.
 *
 * Events recorded before this migration get their leaves here, in a deterministic order: SQLite's rowid
 * (insertion order), PostgreSQL's recorded_at, then instance_id, seq.
 */
export class Transparency1766000000000 implements MigrationInterface {
  name = 'Transparency1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const bigint = queryRunner.connection.options.type === 'postgres' ? 'bigint' : 'integer';
    await queryRunner.createTable(
      new Table({
        name: 'transparency_leaves',
        columns: [
          { name: 'idx', type: bigint, isPrimary: true },
          { name: 'instance_id', type: 'varchar', length: '36' },
          { name: 'seq', type: 'integer' },
          { name: 'leaf_hash', type: 'varchar', length: '64' },
        ],
      }),
    );
    await queryRunner.createIndex(
      'transparency_leaves',
      new TableIndex({ name: 'ux_transparency_leaves_event', columnNames: ['instance_id', 'seq'], isUnique: true }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'transparency_nodes',
        columns: [
          { name: 'level', type: 'integer', isPrimary: true },
          { name: 'idx', type: bigint, isPrimary: true },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'transparency_state',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'size', type: bigint },
          { name: 'frontier', type: 'text' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'transparency_checkpoints',
        columns: [
          { name: 'size', type: bigint, isPrimary: true },
          { name: 'root_hash', type: 'varchar', length: '64' },
          { name: 'note', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await backfill(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('transparency_checkpoints');
    await queryRunner.dropTable('transparency_state');
    await queryRunner.dropTable('transparency_nodes');
    await queryRunner.dropTable('transparency_leaves');
  }
}

interface EventRow {
  /** SQLite's rowid, the key of the pages there. */
  row_id?: number;
  instance_id: string;
  seq: number | string;
  type: string;
  payload: string;
  actor: string;
  at: string;
  recorded_at: string;
  prev_hash: string;
  hash: string;
}

/** Leaves for the events already recorded, in pages (keyset on the order), then the state row. */
async function backfill(queryRunner: QueryRunner): Promise<void> {
  const postgres = queryRunner.connection.options.type === 'postgres';
  const placeholders = (count: number, width: number): string => {
    let n = 0;
    const rows: string[] = [];
    for (let r = 0; r < count; r++) {
      const cells: string[] = [];
      for (let c = 0; c < width; c++) cells.push(postgres ? `$${++n}` : '?');
      rows.push(`(${cells.join(', ')})`);
    }
    return rows.join(', ');
  };
  const frontier = MerkleFrontier.empty();
  const columns = 'instance_id, seq, type, payload, actor, at, recorded_at, prev_hash, hash';
  const page = 500;
  // Keyset pages (each after the last row of the one before), not OFFSET: each page costs the same on a large table.
  let after: EventRow | undefined;
  for (;;) {
    let rows: EventRow[];
    if (postgres) {
      const where = after ? 'WHERE (recorded_at, instance_id, seq) > ($1, $2, $3) ' : '';
      rows = (await queryRunner.query(
        `SELECT ${columns} FROM events ${where}ORDER BY recorded_at, instance_id, seq LIMIT ${page}`,
        after ? [after.recorded_at, after.instance_id, Number(after.seq)] : [],
      )) as EventRow[];
    } else {
      const where = after ? 'WHERE rowid > ? ' : '';
      rows = (await queryRunner.query(
        `SELECT rowid AS row_id, ${columns} FROM events ${where}ORDER BY rowid LIMIT ${page}`,
        after ? [after.row_id] : [],
      )) as EventRow[];
    }
    if (rows.length === 0) break;
    after = rows[rows.length - 1];
    const leaves: unknown[] = [];
    const nodes: MerkleNode[] = [];
    for (const row of rows) {
      const leaf = storedEventLeafHash({
        instanceId: row.instance_id,
        seq: Number(row.seq),
        type: row.type,
        payload: row.payload,
        actor: row.actor,
        at: row.at,
        recordedAt: row.recorded_at,
        prevHash: row.prev_hash,
        hash: row.hash,
      });
      leaves.push(frontier.size, row.instance_id, Number(row.seq), leaf.toString('hex'));
      nodes.push(...frontier.appendWithNodes(leaf));
    }
    await queryRunner.query(
      `INSERT INTO transparency_leaves (idx, instance_id, seq, leaf_hash) VALUES ${placeholders(rows.length, 4)}`,
      leaves,
    );
    for (let start = 0; start < nodes.length; start += 300) {
      const chunk = nodes.slice(start, start + 300);
      await queryRunner.query(
        `INSERT INTO transparency_nodes (level, idx, hash) VALUES ${placeholders(chunk.length, 3)}`,
        chunk.flatMap((node) => [node.level, node.index, node.hash.toString('hex')]),
      );
    }
    if (rows.length < page) break;
  }
  await queryRunner.query(`INSERT INTO transparency_state (id, size, frontier) VALUES ${placeholders(1, 3)}`, [
    1,
    frontier.size,
    JSON.stringify(frontier.toJSON()),
  ]);
}
