#!/usr/bin/env node
// Times the records list's filters on a large table (not a test: prints timings, asserts nothing).
//   npm run build && node scripts/measure-list-filters.js [rows] [database-url]
// Rows are written straight into the tables (snapshots of 1.5 and 5 KB, as tenders and conventions
// are), then each filter runs through the service's own repository: the page (limit 50) and the count.
'use strict';

const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { randomUUID } = require('node:crypto');

const root = join(__dirname, '..');
const { Database } = require(join(root, 'dist', 'src', 'persistence', 'database.js'));
const { ReadModelRepository } = require(join(root, 'dist', 'src', 'persistence', 'repositories', 'read-model.repository.js'));
const { listingColumnsOf, searchKey } = require(join(root, 'dist', 'src', 'kinds', 'listing.js'));
const { loadConfig } = require(join(root, 'dist', 'src', 'config', 'app-config.js'));

const ROWS = Number(process.argv[2] ?? 200_000);
const folder = mkdtempSync(join(tmpdir(), 'measure-list-'));
const URL_GIVEN = process.argv[3];
const NOW = '2026-06-01T00:00:00.000Z';
const WORDS = ['accompagnement', 'formation', 'insertion', 'mobilité', 'numérique', 'parentalité', 'orientation', 'emploi'];
const CITIES = ['Dijon', 'Châteauroux', 'Quetigny', 'Chenôve', 'Longvic', 'Talant', 'Paris', 'Lyon'];

function rowOf(index) {
  const kind = index % 2 === 0 ? 'tender' : 'convention';
  const rare = index % 10_000 === 0 ? ' zéphyr' : '';
  const title = `Marché ${index} ${WORDS[index % WORDS.length]} ${WORDS[(index >> 3) % WORDS.length]}${rare}`;
  const city = CITIES[(index >> 2) % CITIES.length];
  const context =
    kind === 'tender'
      ? { title, buyer: `Ville de ${city}${rare}`, filler: 'x'.repeat(1_500) }
      : {
          terms: { title },
          parties: [{ organisation: `Mission locale de ${city}` }, { organisation: `Région ${city}${rare}` }],
          filler: 'y'.repeat(5_000),
        };
  const created = new Date(Date.parse('2022-01-01T00:00:00Z') + index * 60_000).toISOString();
  const updated = new Date(Date.parse(created) + (index % 97) * 3_600_000).toISOString();
  const done = index % 5 === 0;
  return {
    id: randomUUID(),
    kind,
    state: done ? 'closed' : 'draft',
    stage: done ? 'closed' : 'draft',
    status: done ? 'done' : 'active',
    snapshot: JSON.stringify({ value: 'draft', context, status: done ? 'done' : 'active' }),
    created,
    updated,
    ...listingColumnsOf(kind, context),
    // One record in 50 has a pending deadline; a tenth of those are due before NOW.
    deadline: index % 50 === 0 ? (index % 500 === 0 ? '2026-01-01T00:00:00.000Z' : '2027-01-01T00:00:00.000Z') : undefined,
  };
}

const INSERT_INSTANCE =
  'INSERT INTO instances (id, kind, machine_version, state, stage, status, snapshot, version, parent_id, head_hash, created_at, updated_at, label, search_label, search_parties) VALUES (?, ?, 1, ?, ?, ?, ?, 1, NULL, ?, ?, ?, ?, ?, ?)';
const INSERT_DEADLINE =
  "INSERT INTO deadlines (instance_id, kind, event, payload, due_at, label, instance_version) VALUES (?, ?, 'TERM_END', '{}', ?, 'due', 1)";

async function fill(database) {
  const started = Date.now();
  const BATCH = 5_000;
  for (let from = 0; from < ROWS; from += BATCH) {
    await database.sqlTransaction(async (session) => {
      for (let index = from; index < Math.min(ROWS, from + BATCH); index += 1) {
        const row = rowOf(index);
        await session.run(INSERT_INSTANCE, [
          row.id,
          row.kind,
          row.state,
          row.stage,
          row.status,
          row.snapshot,
          'h'.repeat(64),
          row.created,
          row.updated,
          row.label,
          row.searchLabel,
          row.searchParties,
        ]);
        if (row.deadline) await session.run(INSERT_DEADLINE, [row.id, row.kind, row.deadline]);
      }
    });
  }
  if (database.type === 'postgres') await database.dataSource.query('ANALYZE instances; ANALYZE deadlines');
  else await database.dataSource.query('ANALYZE');
  return Date.now() - started;
}

const CASES = [
  ['no filter', {}],
  ['q=numérique (1 in 4 rows)', { labelContains: searchKey('numérique') }],
  ['q=zéphyr (1 in 10,000)', { labelContains: searchKey('zéphyr') }],
  ['q=no such text', { labelContains: 'no such text' }],
  ['party=dijon (1 in 8)', { partyContains: 'dijon' }],
  ['party=zéphyr (1 in 10,000)', { partyContains: searchKey('zéphyr') }],
  ['createdFrom, last 1,000 rows', { createdFrom: new Date(Date.parse('2022-01-01T00:00:00Z') + (ROWS - 1_000) * 60_000).toISOString() }],
  [
    'createdFrom/To, a 1,000-row window',
    { createdFrom: '2022-02-01T00:00:00.000Z', createdTo: new Date(Date.parse('2022-02-01T00:00:00Z') + 1_000 * 60_000).toISOString() },
  ],
  ['updatedFrom, last ~1,000 rows', { updatedFrom: new Date(Date.parse('2022-01-01T00:00:00Z') + (ROWS - 1_000) * 60_000).toISOString() }],
  ['overdue=true (1 in 500)', { overdue: { now: NOW, overdue: true } }],
  ['status=done (1 in 5)', { status: 'done' }],
  ['kind=tender&q=emploi&status=active', { kind: 'tender', labelContains: 'emploi', status: 'active' }],
  ['party=dijon&overdue=true', { partyContains: 'dijon', overdue: { now: NOW, overdue: true } }],
];

async function main() {
  const url = URL_GIVEN ?? `sqlite:${join(folder, 'engine.sqlite')}`;
  const config = loadConfig({ DATABASE_URL: url, DATA_DIR: folder, API_TOKENS: 'a=auditor:0123456789abcdef0123' });
  const database = await Database.open(config.database);
  try {
    const fillMs = await fill(database);
    console.log(`${database.type}: ${ROWS} rows written in ${(fillMs / 1000).toFixed(1)} s`);
    const repository = new ReadModelRepository(database);
    for (const [name, filter] of CASES) {
      const times = [];
      let total = 0;
      for (let run = 0; run < 3; run += 1) {
        const started = process.hrtime.bigint();
        total = (await repository.list({ ...filter, limit: 50, offset: 0 })).total;
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      times.sort((a, b) => a - b);
      console.log(
        `${name.padEnd(40)} total ${String(total).padStart(7)}   median ${times[1].toFixed(1).padStart(8)} ms (min ${times[0].toFixed(1)}, max ${times[2].toFixed(1)})`,
      );
    }
  } finally {
    await database.close();
    if (!process.env.KEEP) rmSync(folder, { recursive: true, force: true });
    else console.log(`kept ${url}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
