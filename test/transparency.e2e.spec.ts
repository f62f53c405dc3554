import { chmodSync, existsSync, statSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../src/config/app-config';
import { generateNoteKeyPair } from '../src/transparency/checkpoint';
import { seed001TenderInput } from './support/seed-001';
import { bearer, startTestApp, testDatabases, type TestApp } from './support/test-app';
import { consistencyHolds, exportedLeaf, inclusionHolds, openSignedCheckpoint } from './support/tlog-verifier';

/*
 * The transparency log through the API: signed checkpoints, the verifier key, inclusion and
 * consistency proofs, each checked by the independent verifier of test/support/tlog-verifier.ts.
 */

const SIMULATED = { CLOCK: 'simulated', CLOCK_START: '2022-06-27T09:00:00+02:00' };
const hex = (values: string[]): Buffer[] => values.map((v) => Buffer.from(v, 'hex'));

type Line = Record<string, unknown>;
const linesOf = (text: string): Line[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Line);

describe.each(testDatabases())('transparency log routes ($name)', (database) => {
  let t: TestApp;
  let folder: string;
  const ids: string[] = [];

  const create = async (): Promise<string> => {
    const response = await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const text = async (method: 'GET' | 'POST', path: string, role: 'auditor' | 'scheduler' = 'auditor'): Promise<string> => {
    const response = await t.request(method, path, undefined, bearer(role));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    return response.body;
  };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tlog-'));
    t = await startTestApp(database, {
      ...SIMULATED,
      TRANSPARENCY_KEY_FILE: join(folder, 'key'),
      TRANSPARENCY_ORIGIN: 'example.org/procurement',
      TRANSPARENCY_PUBLISH_DIR: join(folder, 'published'),
      TRANSPARENCY_CHECKPOINT_S: '0',
      TRANSPARENCY_CHECKPOINT_EVENTS: '0',
    });
    for (let i = 0; i < 3; i++) ids.push(await create());
    expect((await t.request('POST', `/api/instances/${ids[0]}/events`, { type: 'PUBLISH' })).status).toBe(200);
  });

  afterAll(async () => {
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('makes the key file on first start, readable by its owner only', () => {
    expect(readFileSync(join(folder, 'key'), 'utf8')).toMatch(/^PRIVATE\+KEY\+example\.org\/procurement\+[0-9a-f]{8}\+/);
    expect(statSync(join(folder, 'key')).mode & 0o777).toBe(0o600);
  });

  it('signs checkpoints on demand (schedulers), verifiable with node:crypto from the public key alone; proves inclusion and consistency', async () => {
    const key = (await text('GET', '/api/transparency/key')).trim();
    expect(key).toMatch(/^example\.org\/procurement\+[0-9a-f]{8}\+/);
    const first = openSignedCheckpoint(await text('POST', '/api/transparency/checkpoint', 'scheduler'), key);
    expect(first).toMatchObject({ origin: 'example.org/procurement', size: 4 });
    expect(openSignedCheckpoint(await text('GET', '/api/transparency/checkpoint'), key)).toEqual(first);
    expect(readFileSync(join(folder, 'published', '4.checkpoint'), 'utf8')).toBe(await text('GET', '/api/transparency/checkpoint'));
    expect(readFileSync(join(folder, 'published', 'latest'), 'utf8')).toBe(await text('GET', '/api/transparency/checkpoint'));
    expect((await t.request('POST', '/api/transparency/checkpoint', undefined, bearer('auditor'))).status).toBe(403);

    for (let i = 0; i < 3; i++)
      expect(
        (await t.request('POST', `/api/instances/${ids[1 + (i % 2)]}/events`, { type: i < 2 ? 'PUBLISH' : 'NOPE' })).status,
      ).toBeLessThan(500);
    ids.push(await create());
    const second = openSignedCheckpoint(await text('POST', '/api/transparency/checkpoint', 'scheduler'), key);
    expect(second.size).toBe(7);

    // Every event of every record: its leaf recomputed from the export, proved in both checkpoints.
    let checked = 0;
    for (const id of ids) {
      const history = await t.request('GET', `/api/instances/${id}/history`, undefined, bearer('auditor'));
      const exported = linesOf((await t.request('GET', `/api/instances/${id}/history.jsonl`, undefined, bearer('auditor'))).body);
      for (const line of exported.filter((l) => l.record === 'event')) {
        const leafIndex = (history.body.items as { seq: number; leafIndex: number }[]).find((e) => e.seq === line.seq)!.leafIndex;
        const leaf = exportedLeaf(line);
        for (const cp of [first, second]) {
          if (leafIndex >= cp.size) continue;
          const proof = await t.request(
            'GET',
            `/api/transparency/proof/inclusion?index=${leafIndex}&size=${cp.size}`,
            undefined,
            bearer('auditor'),
          );
          expect(proof.status).toBe(200);
          expect(proof.body.leafHash).toBe(leaf.toString('hex'));
          expect(inclusionHolds(leaf, leafIndex, cp.size, hex(proof.body.hashes), cp.root)).toBe(true);
          expect(inclusionHolds(leaf, leafIndex, cp.size, hex(proof.body.hashes), second.size === cp.size ? first.root : second.root)).toBe(
            false,
          );
          checked++;
        }
      }
    }
    expect(checked).toBe(4 + 7);

    const consistency = await t.request('GET', `/api/transparency/proof/consistency?from=4&to=7`, undefined, bearer('auditor'));
    expect(consistency.status).toBe(200);
    expect(consistencyHolds(4, 7, first.root, second.root, hex(consistency.body.hashes))).toBe(true);
    expect(consistencyHolds(4, 7, second.root, first.root, hex(consistency.body.hashes))).toBe(false);
  });

  it.each([
    ['size that is no checkpoint', '/api/transparency/proof/inclusion?index=0&size=3'],
    ['size beyond the tree', '/api/transparency/proof/inclusion?index=0&size=99'],
    ['index not below size', '/api/transparency/proof/inclusion?index=4&size=4'],
    ['no index', '/api/transparency/proof/inclusion?size=4'],
    ['a negative index', '/api/transparency/proof/inclusion?index=-1&size=4'],
    ['letters', '/api/transparency/proof/inclusion?index=a&size=4'],
    ['from after to', '/api/transparency/proof/consistency?from=7&to=4'],
    ['from no checkpoint', '/api/transparency/proof/consistency?from=5&to=7'],
    ['unknown parameter', '/api/transparency/proof/consistency?from=4&to=7&x=1'],
  ])('answers 400 to %s', async (_, path) => {
    const response = await t.request('GET', path, undefined, bearer('auditor'));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it('needs a token', async () => {
    expect((await t.request('GET', '/api/transparency/checkpoint', undefined, { authorization: '' })).status).toBe(401);
  });
});

describe('the transparency key file', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'tlog-key-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const start = (env: Record<string, string>) => startTestApp(testDatabases()[0], { TRANSPARENCY_KEY_FILE: join(folder, 'key'), ...env });

  it('is refused, in one line, when others may read it', async () => {
    writeFileSync(join(folder, 'key'), `${generateNoteKeyPair('procurement-engine.local/log').signerKey}\n`);
    chmodSync(join(folder, 'key'), 0o644);
    const error = await start({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /^Configuration: .*key \(TRANSPARENCY_KEY_FILE\) is readable or writable by other users \(mode 0644\); chmod 600 it$/,
    );
  });

  it('is refused when its key is named otherwise than TRANSPARENCY_ORIGIN', async () => {
    writeFileSync(join(folder, 'key'), `${generateNoteKeyPair('other.example/log').signerKey}\n`, { mode: 0o600 });
    await expect(start({})).rejects.toThrow(/named "other.example\/log" but TRANSPARENCY_ORIGIN is "procurement-engine.local\/log"/);
  });

  it('refuses an origin that is no key name', async () => {
    await expect(start({ TRANSPARENCY_ORIGIN: 'with space' })).rejects.toThrow(/TRANSPARENCY_ORIGIN must be a note key name/);
    expect(existsSync(join(folder, 'key'))).toBe(false);
  });
});

describe('checkpoints on a count of events, and on demand at once', () => {
  let t: TestApp;
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tlog-count-'));
    t = await startTestApp(testDatabases()[0], {
      TRANSPARENCY_KEY_FILE: join(folder, 'key'),
      TRANSPARENCY_CHECKPOINT_S: '0',
      TRANSPARENCY_CHECKPOINT_EVENTS: '3',
    });
  });
  afterAll(async () => {
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('signs one within a second or so of the events it waits for', async () => {
    const size = async () =>
      Number(String((await t.request('GET', '/api/transparency/checkpoint', undefined, bearer('auditor'))).body).split('\n')[1]);
    expect(await size()).toBe(0);
    for (let i = 0; i < 3; i++) {
      expect((await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput })).status).toBe(201);
    }
    const deadline = Date.now() + 5_000;
    while ((await size()) < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await size()).toBe(3);
  });

  it('answers the same note to requests made together', async () => {
    expect((await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput })).status).toBe(201);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => t.request('POST', '/api/transparency/checkpoint', undefined, bearer('scheduler'))),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(String(answers[0].body).split('\n')[1]).toBe('4');
  });
});
