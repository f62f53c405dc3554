import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveDeadlines, type PendingDeadline } from '../../../machines/shared/deadlines';
import type { DatabaseConfig } from '../../config/app-config';
import { dropSchema } from '../../../test/support/postgres-schema';
import { Database } from '../database';
import { DeadlineRepository } from './deadline.repository';

const POSTGRES_URL = process.env.TEST_POSTGRES_URL;
const INSTANCE = '00000000-0000-4000-8000-000000000001';

describe('deadline declarations', () => {
  it('mark duties, and leave timers as they always were', () => {
    const pending = resolveDeadlines(
      [
        { event: 'CLOSE_BIDS', dueAt: 'bidDeadline', label: 'Bids close' },
        { event: 'RECORD_PUBLICATION', dueAt: 'publicationDue', label: 'Publish the essential data', duty: true },
      ],
      { bidDeadline: '2022-08-05T21:59:59.000Z', publicationDue: '2022-11-01T23:00:00.000Z' },
    );
    expect(pending).toEqual([
      { event: 'CLOSE_BIDS', dueAt: '2022-08-05T21:59:59.000Z', payload: {}, label: 'Bids close' },
      { event: 'RECORD_PUBLICATION', dueAt: '2022-11-01T23:00:00.000Z', payload: {}, label: 'Publish the essential data', duty: true },
    ]);
  });
});

const databases: [string, () => DatabaseConfig, () => Promise<void>][] = [];
let dir: string;
databases.push([
  'SQLite',
  () => {
    dir = mkdtempSync(join(tmpdir(), 'duties-'));
    return { type: 'sqlite', path: join(dir, 'engine.sqlite') };
  },
  () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
]);
const schema = `duties_${process.pid}`;
if (POSTGRES_URL) databases.push(['PostgreSQL', () => ({ type: 'postgres', url: POSTGRES_URL, schema }), () => dropSchema(schema)]);
else console.warn('PostgreSQL deadline tests SKIPPED: set TEST_POSTGRES_URL to run them.');

describe.each(databases)('duties in the deadlines table (%s)', (_name, config, cleanUp) => {
  let database: Database;
  let deadlines: DeadlineRepository;
  const timer: PendingDeadline = { event: 'SIX_MONTH_EVALUATION_DUE', dueAt: '2023-03-01T23:00:00.000Z', payload: {}, label: 'Due' };
  const duty: PendingDeadline = {
    event: 'RECORD_PUBLICATION',
    dueAt: '2022-11-01T23:00:00.000Z',
    payload: {},
    label: 'Publish',
    duty: true,
  };

  beforeAll(async () => {
    database = await Database.open(config());
    deadlines = new DeadlineRepository(database);
    await database.sqlTransaction((session) => deadlines.replace(session, INSTANCE, 'tender', 7, [], [duty, timer]));
  });
  afterAll(async () => {
    await database?.close();
    await cleanUp();
  });

  it('never hands a duty to the scheduler, even long past its date, nor wakes it up for one', async () => {
    const now = new Date('2024-01-01T00:00:00.000Z');
    const claimed = await deadlines.claimDue(now.toISOString(), 10, 'node-a', now);
    expect(claimed.map((row) => row.event)).toEqual(['SIX_MONTH_EVALUATION_DUE']);
    expect(await deadlines.nextDueAt()).toBe(timer.dueAt);
  });

  it('shows a duty on the agenda, marked, and counts its record as overdue once past', async () => {
    const { rows } = await deadlines.agenda({ limit: 10, offset: 0 });
    expect(rows.map((row) => [row.event, row.duty])).toEqual([
      ['RECORD_PUBLICATION', 1],
      ['SIX_MONTH_EVALUATION_DUE', 0],
    ]);
    expect((await deadlines.overdueAndFailed('2022-12-01T00:00:00.000Z')).overdueInstances).toBe(1);
  });

  it('rewrites the rows when only the duty mark changes', async () => {
    const asTimer = { ...duty, duty: undefined };
    await database.sqlTransaction((session) => deadlines.replace(session, INSTANCE, 'tender', 8, [duty, timer], [asTimer, timer]));
    const { rows } = await deadlines.agenda({ limit: 10, offset: 0 });
    expect(rows.map((row) => row.duty)).toEqual([0, 0]);
    await database.sqlTransaction((session) => deadlines.replace(session, INSTANCE, 'tender', 9, [asTimer, timer], [duty, timer]));
    expect((await deadlines.agenda({ limit: 10, offset: 0 })).rows.map((row) => row.duty)).toEqual([1, 0]);
  });
});
