import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { MerkleFrontier, type MerkleNode } from '../../transparency/merkle';

/** Kept in transparency_nodes from this level up; the levels below are hashed from the leaves when needed. */
const STORED_NODE_MIN_LEVEL = 4;
const PAGE = 1_000;

/**
 * The transparency log's leaves move into the events they are the leaves of (docs/performance.md: the log
 * cost the engine half its speed, and most of it was these rows): each event row gets `leaf_index` (unique)
 * and `leaf_hash`, copied from `transparency_leaves`; the tree nodes below level 4 (subtrees of fewer than
 * 16 leaves) are no longer stored, being hashed from the leaf hashes when a proof needs them. The state row
 * (size and frontier) stays as it is. Nothing of the events' own fields changes: their hashes and leaves
 * stay what they were, and so does every root.
 */
export class LeavesInEvents1766100000000 implements MigrationInterface {
  name = 'LeavesInEvents1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const bigint = queryRunner.connection.options.type === 'postgres' ? 'bigint' : 'integer';
    await queryRunner.addColumns('events', [
      new TableColumn({ name: 'leaf_index', type: bigint, isNullable: true }),
      new TableColumn({ name: 'leaf_hash', type: 'varchar', length: '64', isNullable: true }),
    ]);
    await queryRunner.query(
      'UPDATE events SET ' +
        'leaf_index = (SELECT l.idx FROM transparency_leaves l WHERE l.instance_id = events.instance_id AND l.seq = events.seq), ' +
        'leaf_hash = (SELECT l.leaf_hash FROM transparency_leaves l WHERE l.instance_id = events.instance_id AND l.seq = events.seq)',
    );
    await queryRunner.createIndex('events', new TableIndex({ name: 'ux_events_leaf_index', columnNames: ['leaf_index'], isUnique: true }));
    await queryRunner.query(`DELETE FROM transparency_nodes WHERE level < ${STORED_NODE_MIN_LEVEL}`);
    await queryRunner.dropTable('transparency_leaves');
  }

  /** Back to 1766000000000: the leaves table and the lower nodes, rebuilt from the leaves in the events. */
  async down(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const bigint = postgres ? 'bigint' : 'integer';
    const placeholders = (count: number, width: number): string => {
      let n = 0;
      return Array.from({ length: count }, () => `(${Array.from({ length: width }, () => (postgres ? `$${++n}` : '?')).join(', ')})`).join(
        ', ',
      );
    };
    await queryRunner.query(
      `CREATE TABLE transparency_leaves (idx ${bigint} PRIMARY KEY NOT NULL, instance_id varchar(36) NOT NULL, seq integer NOT NULL, leaf_hash varchar(64) NOT NULL)`,
    );
    await queryRunner.query('CREATE UNIQUE INDEX ux_transparency_leaves_event ON transparency_leaves (instance_id, seq)');
    const frontier = MerkleFrontier.empty();
    for (;;) {
      const rows = (await queryRunner.query(
        `SELECT leaf_index, instance_id, seq, leaf_hash FROM events WHERE leaf_index >= ${frontier.size} ORDER BY leaf_index LIMIT ${PAGE}`,
      )) as { leaf_index: number | string; instance_id: string; seq: number | string; leaf_hash: string }[];
      if (rows.length === 0) break;
      const leaves: unknown[] = [];
      const nodes: MerkleNode[] = [];
      for (const row of rows) {
        if (Number(row.leaf_index) !== frontier.size) throw new Error(`leaf ${frontier.size} is missing: the log cannot be rebuilt`);
        leaves.push(frontier.size, row.instance_id, Number(row.seq), row.leaf_hash);
        nodes.push(...frontier.appendWithNodes(Buffer.from(row.leaf_hash, 'hex')).filter((node) => node.level < STORED_NODE_MIN_LEVEL));
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
      if (rows.length < PAGE) break;
    }
    await queryRunner.dropIndex('events', 'ux_events_leaf_index');
    await queryRunner.dropColumn('events', 'leaf_hash');
    await queryRunner.dropColumn('events', 'leaf_index');
  }
}
