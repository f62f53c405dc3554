import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { StoredEvent } from '../engine/engine.types';
import { GENESIS_HASH } from '../engine/hash-chain.util';
import type { MachineCatalogue } from '../engine/machine-catalogue';
import type { EventEntity } from '../persistence/entities/event.entity';
import type { InstanceEntity } from '../persistence/entities/instance.entity';
import { HistoryVerifier, type HistoryEvent, type StoredInstanceState, type VerifyReport } from './history.util';

/**
 * The audit export: JSON Lines (one JSON object per line, UTF-8, `\n`), documented in docs/audit.md.
 *
 *   {"record":"export", format, formatVersion, exportedAt, hashAlgorithm, genesisHash}   first line
 *   {"record":"instance", instanceId, kind, machineVersion, parentId, createdAt, updatedAt,
 *     version, headHash, state, stage, status, snapshot}                                one per instance
 *   {"record":"event", instanceId, kind, machineVersion, seq, type, payload, actor, at,
 *     recordedAt, prevHash, hash}                                                        its events, seq order
 *   {"record":"end", instances, events}                                                  last line
 *
 * Every instance line is followed by all of its events and nothing else; the end line makes a
 * truncated file detectable. The file alone (with the machines) is enough to verify the chains and
 * replay every history: `engine-cli verify-export`.
 */
export const EXPORT_FORMAT = 'procurement-engine-audit-export';
export const EXPORT_FORMAT_VERSION = 1;
export const HASH_ALGORITHM = 'sha256(canonical JSON of [prevHash, instanceId, seq, type, payload, actor, at])';

export interface ExportHeaderRecord {
  record: 'export';
  format: typeof EXPORT_FORMAT;
  formatVersion: number;
  exportedAt: string;
  hashAlgorithm: string;
  genesisHash: string;
}

export interface InstanceRecord {
  record: 'instance';
  instanceId: string;
  kind: string;
  machineVersion: number;
  parentId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  headHash: string;
  state: string;
  stage: string;
  status: string;
  snapshot: unknown;
}

export interface EventRecord extends Omit<StoredEvent, 'payload'> {
  record: 'event';
  kind: string;
  machineVersion: number;
  /** The payload as stored; absent, with `payloadText`, when the stored text is not JSON. */
  payload?: unknown;
  payloadText?: string;
}

export interface EndRecord {
  record: 'end';
  instances: number;
  events: number;
}

export function exportHeader(exportedAt: string): ExportHeaderRecord {
  return {
    record: 'export',
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt,
    hashAlgorithm: HASH_ALGORITHM,
    genesisHash: GENESIS_HASH,
  };
}

export function endRecord(instances: number, events: number): EndRecord {
  return { record: 'end', instances, events };
}

function parseOrText(text: string): { value?: unknown; text?: string } {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { text };
  }
}

export function instanceRecord(row: InstanceEntity): InstanceRecord {
  const snapshot = parseOrText(row.snapshot);
  return {
    record: 'instance',
    instanceId: row.id,
    kind: row.kind,
    machineVersion: Number(row.machineVersion),
    parentId: row.parentId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: Number(row.version),
    headHash: row.headHash,
    state: row.state,
    stage: row.stage,
    status: row.status,
    // A snapshot column that is not JSON is exported as its text: the verifier reports it.
    snapshot: 'value' in snapshot ? snapshot.value : row.snapshot,
  };
}

export function eventRecord(row: EventEntity, instance: Pick<InstanceEntity, 'kind' | 'machineVersion'>): EventRecord {
  const payload = parseOrText(row.payload);
  return {
    record: 'event',
    instanceId: row.instanceId,
    kind: instance.kind,
    machineVersion: Number(instance.machineVersion),
    seq: Number(row.seq),
    type: row.type,
    ...('value' in payload ? { payload: payload.value } : { payloadText: payload.text }),
    actor: row.actor,
    at: row.at,
    recordedAt: row.recordedAt,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** One failure found in an export file. File-level failures have no instance. */
export interface ExportFailure {
  instanceId: string | null;
  firstDivergentSeq: number | null;
  /** The line (1-based) where the divergence shows. */
  line: number | null;
  problem: string;
}

export interface ExportVerification {
  ok: boolean;
  instances: number;
  events: number;
  instancesOk: number;
  failures: ExportFailure[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const STRING_FIELDS = ['instanceId', 'kind', 'headHash', 'createdAt', 'updatedAt'] as const;

/**
 * Verifies an export file line by line (no database): the file structure, then per instance its hash
 * chain, its replay through the pinned machine version and the stored snapshot/version/head hash of
 * its instance line (HistoryVerifier). Memory holds one instance's replay state at a time.
 */
export class ExportVerifier {
  private lineNumber = 0;
  private headerSeen = false;
  private ended = false;
  private current: { verifier: HistoryVerifier; stored: StoredInstanceState; line: number; failLine?: number } | undefined;
  private readonly seen = new Set<string>();
  private instances = 0;
  private events = 0;
  private instancesOk = 0;
  private readonly failures: ExportFailure[] = [];

  constructor(private readonly catalogue: MachineCatalogue) {}

  /** Feeds the next line (without its newline). */
  push(text: string): void {
    this.lineNumber += 1;
    if (text.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      this.lineFailure('the line is not valid JSON');
      return;
    }
    if (!isRecord(record)) {
      this.lineFailure('the line is not a JSON object');
      return;
    }
    if (!this.headerSeen) {
      this.headerSeen = true;
      if (record.record !== 'export' || record.format !== EXPORT_FORMAT) {
        this.fileFailure(`the first line is not a ${EXPORT_FORMAT} header`);
      } else if (record.formatVersion !== EXPORT_FORMAT_VERSION) {
        this.fileFailure(
          `format version ${String(record.formatVersion)} is not supported (this tool reads version ${EXPORT_FORMAT_VERSION})`,
        );
      }
      return;
    }
    if (this.ended) {
      this.fileFailure('a line follows the end record');
      return;
    }
    switch (record.record) {
      case 'instance':
        this.startInstance(record);
        return;
      case 'event':
        this.event(record);
        return;
      case 'end':
        this.closeInstance();
        this.ended = true;
        if (record.instances !== this.instances || record.events !== this.events) {
          this.fileFailure(
            `the end record counts ${String(record.instances)} instances and ${String(record.events)} events, the file holds ${this.instances} and ${this.events}`,
          );
        }
        return;
      default:
        this.lineFailure(`unknown record type ${JSON.stringify(record.record)}`);
    }
  }

  finish(): ExportVerification {
    this.closeInstance();
    if (!this.headerSeen) this.fileFailure('the file is empty');
    else if (!this.ended) this.fileFailure('the file has no end record: it is truncated');
    return {
      ok: this.failures.length === 0,
      instances: this.instances,
      events: this.events,
      instancesOk: this.instancesOk,
      failures: [...this.failures],
    };
  }

  private startInstance(record: Record<string, unknown>): void {
    this.closeInstance();
    this.instances += 1;
    const malformed = STRING_FIELDS.find((field) => typeof record[field] !== 'string');
    if (malformed || !Number.isInteger(record.machineVersion) || !Number.isInteger(record.version)) {
      this.lineFailure(`the instance line lacks ${malformed ?? 'an integer machineVersion or version'}`);
      return;
    }
    const id = record.instanceId as string;
    if (this.seen.has(id)) {
      this.failures.push({
        instanceId: id,
        firstDivergentSeq: null,
        line: this.lineNumber,
        problem: 'the instance appears twice in the file',
      });
      return;
    }
    this.seen.add(id);
    const stored: StoredInstanceState = {
      id,
      kind: record.kind as string,
      machineVersion: record.machineVersion as number,
      version: record.version as number,
      headHash: record.headHash as string,
      snapshot: record.snapshot,
      parentId: (record.parentId ?? null) as string | null,
      state: typeof record.state === 'string' ? record.state : undefined,
      stage: typeof record.stage === 'string' ? record.stage : undefined,
      status: typeof record.status === 'string' ? record.status : undefined,
    };
    this.current = { verifier: HistoryVerifier.forInstance(stored, this.catalogue), stored, line: this.lineNumber };
  }

  private event(record: Record<string, unknown>): void {
    this.events += 1;
    const current = this.current;
    if (!current || record.instanceId !== current.stored.id) {
      this.failures.push({
        instanceId: typeof record.instanceId === 'string' ? record.instanceId : null,
        firstDivergentSeq: typeof record.seq === 'number' ? record.seq : null,
        line: this.lineNumber,
        problem: 'an event line outside the block of its instance',
      });
      return;
    }
    if (current.verifier.failed) return;
    const seq = current.verifier.eventsChecked + 1;
    if (record.kind !== current.stored.kind || record.machineVersion !== current.stored.machineVersion) {
      this.failCurrent(
        seq,
        `seq ${seq}: the event line names ${String(record.kind)}@${String(record.machineVersion)}, its instance ${current.stored.kind}@${current.stored.machineVersion}`,
      );
      return;
    }
    const text = (field: string) => (typeof record[field] === 'string' ? record[field] : '');
    const event: HistoryEvent = {
      instanceId: text('instanceId'),
      seq: typeof record.seq === 'number' ? record.seq : Number.NaN,
      type: text('type'),
      payload: record.payload,
      actor: text('actor'),
      at: text('at'),
      recordedAt: text('recordedAt'),
      prevHash: text('prevHash'),
      hash: text('hash'),
      ...('payload' in record
        ? {}
        : {
            unreadable: `payload is not valid JSON (${JSON.stringify((typeof record.payloadText === 'string' ? record.payloadText : '').slice(0, 40))}…)`,
          }),
    };
    if (!current.verifier.push(event)) current.failLine = this.lineNumber;
  }

  private closeInstance(): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    const report: VerifyReport = current.verifier.finish(current.stored);
    if (report.ok) {
      this.instancesOk += 1;
      return;
    }
    this.failures.push({
      instanceId: report.instanceId,
      firstDivergentSeq: report.firstDivergentSeq,
      line: current.failLine ?? current.line,
      problem: report.problem ?? '',
    });
  }

  private failCurrent(seq: number, problem: string): void {
    if (!this.current || this.current.verifier.failed) return;
    this.current.verifier.fail(seq, problem);
    this.current.failLine = this.lineNumber;
  }

  /** A line that cannot be read: charged to the instance being read, else to the file. */
  private lineFailure(problem: string): void {
    if (this.current) {
      const seq = this.current.verifier.eventsChecked + 1;
      this.failCurrent(seq, `line ${this.lineNumber}: ${problem}`);
      return;
    }
    this.fileFailure(problem);
  }

  private fileFailure(problem: string): void {
    this.failures.push({ instanceId: null, firstDivergentSeq: null, line: this.lineNumber || null, problem });
  }
}

/** Verifies an export read from a stream (a file), reporting progress in bytes read. */
export async function verifyExportStream(
  input: Readable,
  catalogue: MachineCatalogue,
  onBytes?: (bytes: number) => void,
): Promise<ExportVerification> {
  const verifier = new ExportVerifier(catalogue);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let bytes = 0;
  for await (const line of lines) {
    verifier.push(line);
    bytes += Buffer.byteLength(line) + 1;
    onBytes?.(bytes);
  }
  return verifier.finish();
}
