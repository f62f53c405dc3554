import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TRANSPARENCY_ORIGIN, loadConfig } from '../src/config/app-config';
import { loadSigningKey } from '../src/transparency/signing-key';
import { TransparencyService } from '../src/transparency/transparency.service';
import { seed001TenderInput } from './support/seed-001';
import { bearer, startTestApp, testDatabases, type TestApp } from './support/test-app';
import { openSignedCheckpoint } from './support/tlog-verifier';
import { startTestWitness, witnessCosignatures, type TestWitness } from './support/tlog-witness';

/*
 * Witnesses (C2SP tlog-witness): each new checkpoint is submitted to the configured witnesses with a
 * consistency proof from the size each last cosigned; their cosignatures, checked with their keys, join
 * the stored and published note. The witness here is the test's own, written from the specifications.
 */

const SIMULATED = { CLOCK: 'simulated', CLOCK_START: '2022-06-27T09:00:00+02:00' };

describe.each(testDatabases())('checkpoints cosigned by witnesses ($name)', (database) => {
  let folder: string;
  let url: string;
  let t: TestApp | undefined;
  let logKey = '';
  let witness: TestWitness;
  let stranger: TestWitness;

  const env = () => ({
    ...SIMULATED,
    DATA_DIR: folder,
    TRANSPARENCY_KEY_FILE: join(folder, 'key'),
    TRANSPARENCY_CHECKPOINT_S: '0',
    TRANSPARENCY_CHECKPOINT_EVENTS: '0',
    TRANSPARENCY_PUBLISH_DIR: join(folder, 'published'),
    TRANSPARENCY_WITNESSES: `${witness.url} ${witness.verifierKey}, ${stranger.url} ${stranger.verifierKey}`,
  });
  const start = async () => {
    t = await startTestApp(database, env(), url);
    expect(((await t.request('GET', '/api/transparency/key', undefined, bearer('auditor'))).body as unknown as string).trim()).toBe(logKey);
    return t;
  };
  /** Signs a checkpoint of the tree as it is, and waits for the witnesses' answers. */
  const checkpoint = async (app: TestApp) => {
    const signed = await app.request('POST', '/api/transparency/checkpoint', undefined, bearer('scheduler'));
    expect(signed.status).toBe(200);
    await app.app.get(TransparencyService).witnessed();
    return (await app.request('GET', '/api/transparency/checkpoint', undefined, bearer('auditor'))).body as unknown as string;
  };
  const create = async (app: TestApp) =>
    expect((await app.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput })).status).toBe(201);

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tlog-witness-'));
    url = database.url();
    // The log's key made before the service starts, so that the witness trusts it from the first checkpoint on.
    logKey = loadSigningKey(join(folder, 'key'), DEFAULT_TRANSPARENCY_ORIGIN).verifierKey;
    witness = await startTestWitness(() => logKey);
    // A witness that trusts another log's key: it refuses ours (403), and nothing of it joins the note.
    stranger = await startTestWitness(
      () => 'other.example/log+01234567+AZ7gJmGLMhTlmQ3YJtT5aTVF/yVcqDDmzXG8hc0rVRuH',
      'witness.test/stranger',
    );
  });

  afterEach(async () => {
    await t?.close();
    t = undefined;
    await witness.close();
    await stranger.close();
    await database.cleanup(url);
    rmSync(folder, { recursive: true, force: true });
  });

  it('submits each new checkpoint with a consistency proof from the last one cosigned; the cosignatures join the note', async () => {
    const app = await start();
    for (let i = 0; i < 3; i++) await create(app);
    const first = await checkpoint(app);
    expect(openSignedCheckpoint(first, logKey).size).toBe(3);
    expect(witnessCosignatures(first, witness)).toHaveLength(1);
    expect(witness.latest?.size).toBe(3);
    // At start the empty tree (size 0), then size 3: both from old 0, with no proof.
    expect(witness.requests.filter((r) => r.status === 200)).toEqual([
      { old: 0, proofLines: 0, status: 200 },
      { old: 0, proofLines: 0, status: 200 },
    ]);
    // The stranger refused: no line of it, and the log's own signature still verifies.
    expect(stranger.requests.map((r) => r.status)).toContain(403);
    expect(first).not.toContain('witness.test/stranger');

    for (let i = 0; i < 4; i++) await create(app);
    const second = await checkpoint(app);
    expect(openSignedCheckpoint(second, logKey).size).toBe(7);
    expect(witnessCosignatures(second, witness)).toHaveLength(1);
    const accepted = witness.requests.filter((r) => r.status === 200);
    expect(accepted).toHaveLength(3);
    expect(accepted[2].old).toBe(3);
    expect(accepted[2].proofLines).toBeGreaterThan(0);
    // Published as cosigned: the size's file and `latest`.
    expect(readFileSync(join(folder, 'published', '7.checkpoint'), 'utf8')).toBe(second);
    expect(readFileSync(join(folder, 'published', 'latest'), 'utf8')).toBe(second);
  });

  it('after a restart, learns from the witness (409) the size it last cosigned and proves consistency from there', async () => {
    let app = await start();
    await create(app);
    await checkpoint(app);
    await app.close();
    t = undefined;
    app = await start();
    await create(app);
    await create(app);
    const note = await checkpoint(app);
    expect(witnessCosignatures(note, witness)).toHaveLength(1);
    // The restarted service knew nothing: old 0, answered 409 with 1; then old 1 with its proof.
    expect(witness.requests.slice(-2)).toEqual([
      { old: 0, proofLines: 0, status: 409 },
      { old: 1, proofLines: expect.any(Number), status: 200 },
    ]);
    expect(witness.latest?.size).toBe(3);
  });

  it('a witness that cannot be reached leaves the checkpoint as the log signed it', async () => {
    const app = await start();
    await witness.close();
    await create(app);
    const note = await checkpoint(app);
    expect(openSignedCheckpoint(note, logKey).size).toBe(1);
    expect(witnessCosignatures(note, witness)).toHaveLength(0);
    witness = await startTestWitness(() => logKey); // afterEach closes it
  });
});

describe('TRANSPARENCY_WITNESSES', () => {
  it('takes "<url> <witness key>" entries, and refuses anything else naming the variable', async () => {
    const w = await startTestWitness(() => '');
    try {
      const check = (value: string) => () => loadConfig({ TRANSPARENCY_WITNESSES: value });
      expect(
        loadConfig({ TRANSPARENCY_WITNESSES: `${w.url}/ ${w.verifierKey}, https://w2.example/sub ${w.verifierKey}` }).transparency
          .witnesses,
      ).toEqual([
        { url: w.url, key: w.verifierKey },
        { url: 'https://w2.example/sub', key: w.verifierKey },
      ]);
      expect(check(`https://witness.example/w1 not-a-key`)).toThrow(
        /TRANSPARENCY_WITNESSES has an unusable witness key in .*cosigner key: expected/,
      );
      // A note verifier key (type 0x01) is not a cosigner key (0x04).
      expect(check(`https://witness.example/w1 other.example/log+01234567+AZ7gJmGLMhTlmQ3YJtT5aTVF/yVcqDDmzXG8hc0rVRuH`)).toThrow(
        /TRANSPARENCY_WITNESSES/,
      );
      expect(check(`ftp://witness.example ${w.verifierKey}`)).toThrow(/TRANSPARENCY_WITNESSES must be "<http\(s\) URL> <witness key>"/);
      expect(check('https://witness.example/w1')).toThrow(/TRANSPARENCY_WITNESSES/);
      expect(loadConfig({}).transparency.witnesses).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
