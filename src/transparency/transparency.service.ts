import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { APP_CONFIG, type AppConfig, type TransparencyWitness } from '../config/app-config';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { Database } from '../persistence/database';
import { TransparencyRepository, type StoredCheckpoint } from '../persistence/repositories/transparency.repository';
import type { SqlSession } from '../persistence/sql-session';
import { signCheckpoint, type NoteSigner } from './checkpoint';
import { parseCosignerKey, verifiedCosignatures } from './cosignature';
import { consistencyProofPlan, inclusionProofPlan, resolveProof, type ProofPlan } from './merkle';
import { loadSigningKey } from './signing-key';

export interface InclusionProofAnswer {
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  hashes: string[];
}

export interface ConsistencyProofAnswer {
  from: number;
  to: number;
  hashes: string[];
}

/** How often the checkpointer looks at the tree's size (for TRANSPARENCY_CHECKPOINT_EVENTS). */
const TICK_MS = 1_000;
/** How long a witness may take to answer. */
const WITNESS_TIMEOUT_MS = 10_000;

/**
 * Signed checkpoints of the transparency log and its proofs (docs/audit.md).
 *
 * A checkpoint (C2SP tlog-checkpoint: origin, size, base64 root) is signed with the log's key when the
 * service starts and the tree grew since the last one, every TRANSPARENCY_CHECKPOINT_S seconds when it
 * grew, as soon as TRANSPARENCY_CHECKPOINT_EVENTS events are not covered yet, and on demand. Each is kept
 * in transparency_checkpoints and, with TRANSPARENCY_PUBLISH_DIR, written there as `<size>.checkpoint` and
 * `latest`. Proofs are given for tree sizes that have a checkpoint, or the current size: an auditor checks
 * a proof against a signed root, so a size nobody can get signed is of no use.
 */
@Injectable()
export class TransparencyService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Transparency');
  private signer!: NoteSigner;
  private readonly signing = new Mutex();
  private timer: NodeJS.Timeout | undefined;
  private lastSignedAt = Date.now();
  private lastSize = 0;
  /** Per witness URL, the size of the checkpoint it last cosigned, as far as this process knows (0: unknown). */
  private readonly witnessSizes = new Map<string, number>();
  private readonly cosigning = new Mutex();
  private readonly submissions = new Set<Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Database) private readonly database: Database,
    @Inject(TransparencyRepository) private readonly repository: TransparencyRepository,
  ) {}

  onModuleInit(): void {
    this.signer = loadSigningKey(this.config.transparency.keyFile, this.config.transparency.origin);
  }

  async onApplicationBootstrap(): Promise<void> {
    const latest = await this.checkpoint();
    this.lastSize = latest.size;
    const { checkpointIntervalS, checkpointEvents } = this.config.transparency;
    if (checkpointIntervalS > 0 || checkpointEvents > 0) {
      this.timer = setInterval(
        () => void this.tick().catch((error: unknown) => this.logger.error({ err: error }, 'checkpoint failed')),
        TICK_MS,
      );
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.submissions]);
  }

  get verifierKey(): string {
    return this.signer.verifierKey;
  }

  private async tick(): Promise<void> {
    const { checkpointIntervalS, checkpointEvents } = this.config.transparency;
    const size = await this.database.sqlRead((session) => this.repository.size(session));
    if (size === this.lastSize) return;
    const dueByCount = checkpointEvents > 0 && size - this.lastSize >= checkpointEvents;
    const dueByTime = checkpointIntervalS > 0 && Date.now() - this.lastSignedAt >= checkpointIntervalS * 1_000;
    if (dueByCount || dueByTime) await this.checkpoint();
  }

  /**
   * Signs a checkpoint of the tree as it is now, unless the latest one already has this size (then it is
   * the answer). The size and root are read in one consistent view; the note is stored, then published.
   */
  async checkpoint(): Promise<StoredCheckpoint> {
    return this.signing.runExclusive(async () => {
      const state = await this.database.sqlRead((session) => this.repository.tree(session));
      const latest = await this.database.sqlRead((session) => this.repository.latestCheckpoint(session));
      if (latest && latest.size >= state.size) return latest;
      const rootHash = state.frontier.root();
      const note = signCheckpoint({ origin: this.config.transparency.origin, size: state.size, rootHash }, this.signer);
      const stored: StoredCheckpoint = { size: state.size, rootHash: rootHash.toString('hex'), note, createdAt: new Date().toISOString() };
      const kept = await this.database.sqlTransaction((session) => this.repository.insertCheckpoint(session, stored));
      this.lastSignedAt = Date.now();
      this.lastSize = state.size;
      this.publish(kept, true);
      this.submitToWitnesses(kept);
      return kept;
    });
  }

  /**
   * Submits a new checkpoint to every configured witness (C2SP tlog-witness `add-checkpoint`), in the
   * background; their cosignatures, checked with each witness's key, are added to the stored note (and the
   * published files). A witness that refuses, or cannot be reached, is logged; the next checkpoint tries again.
   */
  private submitToWitnesses(checkpoint: StoredCheckpoint): void {
    for (const witness of this.config.transparency.witnesses) {
      const submission = this.submitToWitness(witness, checkpoint)
        .catch((error: unknown) => this.logger.warn({ err: error, witness: witness.url, size: checkpoint.size }, 'witness unreachable'))
        .finally(() => this.submissions.delete(submission));
      this.submissions.add(submission);
    }
  }

  /** Waits for the submissions to witnesses under way (tests, shutdown). */
  async witnessed(): Promise<void> {
    while (this.submissions.size > 0) await Promise.allSettled([...this.submissions]);
  }

  private async submitToWitness(witness: TransparencyWitness, checkpoint: StoredCheckpoint): Promise<void> {
    const cosigner = parseCosignerKey(witness.key);
    // Twice at most: a witness that knows a size this process does not answers 409 with it.
    for (let attempt = 0; attempt < 2; attempt++) {
      const old = this.witnessSizes.get(witness.url) ?? 0;
      if (old > checkpoint.size) return; // it already cosigned a later checkpoint
      const proof = old === 0 || old === checkpoint.size ? [] : (await this.consistencyProof(old, checkpoint.size)).hashes;
      const body = `old ${old}\n${proof.map((hash) => `${Buffer.from(hash, 'hex').toString('base64')}\n`).join('')}\n${checkpoint.note}`;
      const response = await fetch(`${witness.url}/add-checkpoint`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body,
        signal: AbortSignal.timeout(WITNESS_TIMEOUT_MS),
      });
      const answer = await response.text();
      if (response.status === 409 && (response.headers.get('content-type') ?? '').startsWith('text/x.tlog.size')) {
        const size = Number(answer.trim());
        if (!Number.isSafeInteger(size) || size < 0) break;
        this.witnessSizes.set(witness.url, size);
        continue;
      }
      if (!response.ok) {
        this.logger.warn(
          { witness: witness.url, size: checkpoint.size, status: response.status, answer: answer.slice(0, 200) },
          'the witness refused the checkpoint',
        );
        return;
      }
      const noteText = checkpoint.note.slice(0, checkpoint.note.lastIndexOf('\n\n') + 1);
      const cosignatures = verifiedCosignatures(noteText, answer.split('\n'), cosigner);
      if (cosignatures.length === 0) {
        this.logger.warn({ witness: witness.url, size: checkpoint.size }, 'the witness answered no cosignature of its key');
        return;
      }
      this.witnessSizes.set(witness.url, checkpoint.size);
      await this.addCosignatures(
        checkpoint.size,
        cosignatures.map((cosignature) => cosignature.line),
      );
      return;
    }
    this.logger.warn({ witness: witness.url, size: checkpoint.size }, 'the witness and the log disagree on the size it last cosigned');
  }

  private async addCosignatures(size: number, lines: string[]): Promise<void> {
    await this.cosigning.runExclusive(async () => {
      const updated = await this.database.sqlTransaction((session) => this.repository.addSignatureLines(session, size, lines));
      if (!updated) return;
      const latest = await this.database.sqlRead((session) => this.repository.latestCheckpoint(session));
      this.publish(updated, latest?.size === size);
    });
  }

  async latest(): Promise<StoredCheckpoint> {
    return (await this.database.sqlRead((session) => this.repository.latestCheckpoint(session))) ?? this.checkpoint();
  }

  private publish(checkpoint: StoredCheckpoint, latest: boolean): void {
    const dir = this.config.transparency.publishDir;
    if (!dir) return;
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${checkpoint.size}.checkpoint`), checkpoint.note);
      if (!latest) return;
      const aside = join(dir, `.latest.${process.pid}.tmp`);
      writeFileSync(aside, checkpoint.note);
      renameSync(aside, join(dir, 'latest'));
    } catch (error) {
      this.logger.error({ err: error, dir }, 'cannot publish the checkpoint in TRANSPARENCY_PUBLISH_DIR');
    }
  }

  /** A size proofs may be given for: one of a stored checkpoint, or the current size. */
  private async provableSize(session: SqlSession, size: number, field: string): Promise<void> {
    const current = await this.repository.size(session);
    if (size === current) return;
    if (size > current) throw badInput(field, `${field} ${size} is beyond the tree's size ${current}`);
    if (!(await this.repository.checkpoint(session, size))) {
      throw badInput(field, `${field} ${size} is neither the size of a checkpoint nor the current size ${current}`);
    }
  }

  /** `size` by default: the current size. */
  async inclusionProof(index: number, given?: number): Promise<InclusionProofAnswer> {
    return this.database.sqlRead(async (session) => {
      const size = given ?? (await this.repository.size(session));
      await this.provableSize(session, size, 'size');
      if (index >= size) throw badInput('index', `index ${index} is not below size ${size}`);
      const leaf = (await this.repository.leaves(session, index, 1))[0];
      if (leaf?.index !== index) throw damaged(`leaf ${index} is not stored`);
      const hashes = await this.resolved(session, inclusionProofPlan(index, size));
      return { leafIndex: index, treeSize: size, leafHash: leaf.leafHash, hashes };
    });
  }

  /** `to` by default: the current size. */
  async consistencyProof(from: number, given?: number): Promise<ConsistencyProofAnswer> {
    return this.database.sqlRead(async (session) => {
      const to = given ?? (await this.repository.size(session));
      if (from > to) throw badInput('from', `from ${from} is larger than to ${to}`);
      await this.provableSize(session, to, 'to');
      await this.provableSize(session, from, 'from');
      const hashes = await this.resolved(session, consistencyProofPlan(from, to));
      return { from, to, hashes };
    });
  }

  private async resolved(session: SqlSession, plan: ProofPlan): Promise<string[]> {
    const nodes = await this.repository.nodes(session, plan.nodes);
    const missing = plan.nodes.find((id) => !nodes.has(`${id.level}:${id.index}`));
    if (missing) throw damaged(`the tree node (${missing.level}, ${missing.index}) cannot be read or hashed from stored leaves`);
    return resolveProof(plan, (level, index) => nodes.get(`${level}:${index}`)!).map((hash) => hash.toString('hex'));
  }
}

/** The database lacks what a proof needs: only a damaged (edited) database does. */
function damaged(what: string): DomainError {
  return new DomainError(
    ErrorCode.NOT_FOUND,
    `No proof can be given: ${what}; the database was changed outside the service (engine-cli verify --all says where).`,
  );
}

function badInput(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.VALIDATION_FAILED, `${message}.`, { errors: [{ field, pointer: `/${field}`, messages: [message] }] });
}
