import 'reflect-metadata';
import { once } from 'node:events';
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { AuditService } from '../audit/audit.service';
import { verifyExportStream, type ExportFailure } from '../audit/export-format.util';
import { parseMachineKey, type VerifyReport } from '../audit/history.util';
import { auditTransparencyLog } from '../audit/transparency-audit';
import type { MigrationCheck } from '../audit/migration.util';
import { createToken } from '../auth/static-token.authenticator';
import { DomainError } from '../common/errors/domain-error';
import { loadConfig, StartupError } from '../config/app-config';
import { Database } from '../persistence/database';
import { NotificationsService } from '../notifications/notifications.service';
import { DeadlineRepository } from '../persistence/repositories/deadline.repository';
import { HistoryRepository } from '../persistence/repositories/history.repository';
import { InstanceRepository } from '../persistence/repositories/instance.repository';
import { OutboxRepository } from '../persistence/repositories/outbox.repository';
import { TransparencyRepository } from '../persistence/repositories/transparency.repository';
import { WebhookRepository, type DeliveryStatus } from '../persistence/repositories/webhook.repository';
import { EXIT_ERROR, EXIT_FAILED, EXIT_OK, type CliContext } from './cli-context';
import { startProgress } from './progress';
import { verifyExportInclusion, type TransparencyExportCheck } from './transparency-command';

/**
 * The command handlers of `engine-cli` (src/cli/main.ts parses the arguments with yargs and calls
 * them). Each returns its exit code; tests call them in-process with their own context. The logic
 * lives in src/audit (shared with the HTTP routes); these only open the database and print.
 */

export interface VerifyArgs {
  id?: string;
  all?: boolean;
  kind?: string;
  json?: boolean;
  progress?: boolean;
}

export interface ReplayArgs {
  id: string;
  at?: string;
}

export interface ExportArgs {
  id?: string;
  all?: boolean;
  out: string;
  progress?: boolean;
}

export interface VerifyExportArgs {
  file: string;
  /** With `key` and `proofs`: also check each event against this signed checkpoint (docs/audit.md). */
  checkpoint?: string;
  key?: string;
  proofs?: string;
  json?: boolean;
  progress?: boolean;
}

export interface MigrateArgs {
  to: string;
  dryRun?: boolean;
  json?: boolean;
  progress?: boolean;
}

export interface NotificationsArgs {
  action: 'list' | 'retry';
  id?: string;
  status?: DeliveryStatus;
  instance?: string;
  limit?: number;
  json?: boolean;
}

function print(stream: CliContext['stdout'], text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

class UsageError extends Error {}

/** Runs `work` with the audit service over the database named by DATABASE_URL; errors become exit 2. */
async function withAudit(context: CliContext, work: (audit: AuditService, database: Database) => Promise<number>): Promise<number> {
  return guarded(context, async () => {
    // The tools only read: the database is left as it is (no migration, no checkpoints).
    const database = await Database.open(loadConfig(context.env).database, { migrate: false });
    try {
      const audit = new AuditService(new HistoryRepository(database, new DeadlineRepository(database)), context.catalogue);
      return await work(audit, database);
    } finally {
      await database.close();
    }
  });
}

export async function guarded(context: CliContext, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    const message =
      error instanceof DomainError ? `${error.code}: ${error.detail}` : error instanceof Error ? error.message : String(error);
    print(context.stderr, `engine-cli: ${message}`);
    return EXIT_ERROR;
  }
}

export function formatFailure(
  report: Pick<VerifyReport, 'instanceId' | 'firstDivergentSeq' | 'problem'> & { line?: number | null },
): string {
  const where = [
    report.firstDivergentSeq !== null ? `seq ${report.firstDivergentSeq}` : undefined,
    report.line ? `line ${report.line}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return `FAIL ${report.instanceId ?? '(file)'}${where ? ` ${where}` : ''}: ${report.problem}`;
}

/** `verify <id>` and `verify --all [--kind k]`: exit 1 when any history fails. */
export async function verifyCommand(context: CliContext, args: VerifyArgs): Promise<number> {
  if (Boolean(args.id) === Boolean(args.all)) {
    print(context.stderr, 'engine-cli: verify needs an instance id or --all (not both)');
    return EXIT_ERROR;
  }
  return withAudit(context, async (audit, database) => {
    if (args.id) {
      const report = await audit.verify(args.id);
      print(
        context.stdout,
        args.json ? json(report) : report.ok ? `OK ${report.instanceId}: ${report.eventsChecked} events` : formatFailure(report),
      );
      return report.ok ? EXIT_OK : EXIT_FAILED;
    }
    const total = await audit.countInstances(args.kind);
    const progress = startProgress(context, args.progress, total, 'verify');
    const summary = await audit.verifyAll({ kind: args.kind, onProgress: (done) => progress.update(done) }).finally(() => progress.stop());
    // Every record: the transparency log too, recomputed from the events (not for one kind: the tree holds them all).
    const log = args.kind ? undefined : await auditTransparencyLog(database, new TransparencyRepository(database));
    if (args.json) {
      print(context.stdout, json(log ? { ...summary, ok: summary.ok && log.ok, transparency: log } : summary));
    } else {
      for (const failure of summary.failures) print(context.stdout, formatFailure(failure));
      print(
        context.stdout,
        `verified ${summary.instances} instances (${summary.events} events): ${summary.instancesOk} ok, ${summary.failures.length} failed`,
      );
      if (log) {
        for (const problem of log.problems) print(context.stdout, `FAIL transparency log: ${problem}`);
        const checkpoint = log.checkpoint ? `, latest checkpoint at size ${log.checkpoint.size}` : ', no checkpoint yet';
        print(
          context.stdout,
          `transparency log: ${log.leaves} leaves recomputed from the events${checkpoint}: ${log.ok ? 'ok' : 'FAILED'}`,
        );
      }
    }
    if (summary.instances === 0) print(context.stderr, 'engine-cli: warning: the database holds no instance (check DATABASE_URL)');
    return summary.ok && (log?.ok ?? true) ? EXIT_OK : EXIT_FAILED;
  });
}

/** `replay <id> [--at <instant>]`: prints the replayed view (GET /api/instances/:id shape) as JSON. */
export async function replayCommand(context: CliContext, args: ReplayArgs): Promise<number> {
  return withAudit(context, async (audit) => {
    const view = await audit.replay(args.id, args.at);
    print(context.stdout, json(view));
    return EXIT_OK;
  });
}

/** `export <id> --out f.jsonl` or `export --all --out f.jsonl` (`--out -` for stdout). */
export async function exportCommand(context: CliContext, args: ExportArgs): Promise<number> {
  if (Boolean(args.id) === Boolean(args.all)) {
    print(context.stderr, 'engine-cli: export needs an instance id or --all (not both)');
    return EXIT_ERROR;
  }
  if (!args.out) {
    print(context.stderr, 'engine-cli: export needs --out <file.jsonl> (or --out - for stdout)');
    return EXIT_ERROR;
  }
  return withAudit(context, async (audit) => {
    const toStdout = args.out === '-';
    const file = toStdout ? undefined : createWriteStream(args.out, { encoding: 'utf8' });
    // Errors surface through `errored` and `finished` below, not as an unhandled 'error' event.
    file?.on('error', () => undefined);
    const sink = async (line: string) => {
      if (!file) {
        context.stdout.write(`${line}\n`);
        return;
      }
      if (file.errored) throw file.errored;
      if (!file.write(`${line}\n`)) await once(file, 'drain');
    };
    const total = args.all ? await audit.countInstances() : 1;
    const progress = startProgress(context, args.progress, total, 'export');
    try {
      const counts = await audit.exportHistories(sink, {
        ids: args.id ? [args.id] : undefined,
        onProgress: (done) => progress.update(done),
      });
      if (file) {
        file.end();
        await finished(file);
      }
      progress.stop();
      print(context.stderr, `exported ${counts.instances} instances (${counts.events} events) to ${toStdout ? 'stdout' : args.out}`);
      return EXIT_OK;
    } catch (error) {
      progress.stop();
      if (file) {
        file.destroy();
        rmSync(args.out, { force: true });
      }
      throw error;
    }
  });
}

/** `verify-export <file>`: checks chains and replays from the file alone (no database); exit 1 on failure. */
export async function verifyExportCommand(context: CliContext, args: VerifyExportArgs): Promise<number> {
  return guarded(context, async () => {
    const transparency = [args.checkpoint, args.key, args.proofs].filter((given) => given !== undefined).length;
    if (transparency !== 0 && transparency !== 3) throw new UsageError('--checkpoint, --key and --proofs go together');
    const size = statSync(args.file).size;
    const progress = startProgress(context, args.progress, size, 'verify-export', 'bytes');
    const result = await verifyExportStream(createReadStream(args.file), context.catalogue, (bytes) => progress.update(bytes)).finally(() =>
      progress.stop(),
    );
    let log: TransparencyExportCheck | undefined;
    if (args.checkpoint && args.key && args.proofs) log = await verifyExportInclusion(args.file, args.checkpoint, args.key, args.proofs);
    if (args.json) {
      print(context.stdout, json(log ? { ...result, transparency: log } : result));
    } else {
      for (const failure of result.failures) print(context.stdout, formatFailure(exportFailureAsReport(failure)));
      print(
        context.stdout,
        `verified ${result.instances} instances (${result.events} events) from ${args.file}: ${result.instancesOk} ok, ${result.failures.length} failed`,
      );
      if (log) {
        for (const failure of log.failures) print(context.stdout, `FAIL ${failure.instanceId} seq ${failure.seq}: ${failure.problem}`);
        print(
          context.stdout,
          `transparency log: ${log.proved} events proved in the signed tree of size ${log.treeSize}, ${log.notCovered} recorded after it, ${log.failures.length} failed`,
        );
      }
    }
    return result.ok && (log?.ok ?? true) ? EXIT_OK : EXIT_FAILED;
  });
}

function exportFailureAsReport(failure: ExportFailure) {
  return {
    instanceId: failure.instanceId ?? '(file)',
    firstDivergentSeq: failure.firstDivergentSeq,
    problem: failure.problem,
    line: failure.line,
  };
}

function describeChange(change: MigrationCheck): string {
  switch (change.outcome) {
    case 'refused':
      return `REFUSED ${change.instanceId} (${change.pinned} → ${change.target}) seq ${change.seq} ${change.eventType ?? ''}: ${change.detail} [stored state ${change.storedState}]`;
    case 'state-changed':
      return `STATE-CHANGED ${change.instanceId} (${change.pinned} → ${change.target}): ${change.storedState} → ${change.replayedState}`;
    default:
      return `CONTEXT-CHANGED ${change.instanceId} (${change.pinned} → ${change.target}) in state ${change.storedState}: ${change.detail}`;
  }
}

/**
 * `migrate --dry-run --to kind@version`: replays every history of the kind on that version and lists
 * the instances that would end differently. Exit 0 when none would, 1 when some would. Without
 * --dry-run it refuses: instances stay pinned to the version they were created with.
 */
export async function migrateCommand(context: CliContext, args: MigrateArgs): Promise<number> {
  return guarded(context, async () => {
    if (!args.dryRun)
      throw new UsageError('migrate only runs with --dry-run: instances stay pinned to the machine version they were created with');
    const key = parseMachineKey(args.to ?? '');
    if (!key) throw new UsageError(`--to must be kind@version, e.g. tender@2 (got ${JSON.stringify(args.to)})`);
    const target = context.catalogue.get(key.kind, key.version);
    if (!target) {
      const known = context.catalogue.versionsOf(key.kind).map((definition) => `${definition.kind}@${definition.version}`);
      throw new UsageError(`no machine ${args.to} in the catalogue${known.length ? `; known: ${known.join(', ')}` : ''}`);
    }
    return withAudit(context, async (audit) => {
      const total = await audit.countInstances(target.kind);
      const progress = startProgress(context, args.progress, total, `replay on ${args.to}`);
      const report = await audit.migrationDryRun(target, { onProgress: (done) => progress.update(done) }).finally(() => progress.stop());
      if (args.json) {
        print(context.stdout, json(report));
      } else {
        for (const change of report.changes) print(context.stdout, describeChange(change));
        print(
          context.stdout,
          `dry run on ${report.target}: ${report.instances} instances, ${report.unchanged} would end unchanged, ${report.changes.length} would differ`,
        );
      }
      return report.changes.length === 0 ? EXIT_OK : EXIT_FAILED;
    });
  });
}

/**
 * `notifications list [--status dead] [--instance <id>]` and `notifications retry <id>`: the same as
 * GET /api/notifications and POST /api/notifications/:id/retry, offline on the database. A retried
 * notification is pending again: the service's dispatcher sends it at its next pass.
 */
export async function notificationsCommand(context: CliContext, args: NotificationsArgs): Promise<number> {
  return guarded(context, async () => {
    if (args.action === 'retry' && !args.id) throw new UsageError('notifications retry needs the notification id');
    if (args.limit !== undefined && !(Number.isInteger(args.limit) && args.limit >= 1 && args.limit <= 500)) {
      throw new UsageError(`--limit must be a whole number from 1 to 500 (got ${args.limit})`);
    }
    const config = loadConfig(context.env);
    const database = await Database.open(config.database, { migrate: false });
    try {
      const service = new NotificationsService(
        config,
        new WebhookRepository(database),
        new OutboxRepository(database),
        database,
        new InstanceRepository(database),
        context.catalogue,
      );
      if (args.action === 'retry') {
        const retried = await service.retry(args.id!);
        print(context.stdout, args.json ? json(retried) : `RETRY ${retried.id}: pending, due ${retried.nextAttemptAt}`);
        return EXIT_OK;
      }
      const page = await service.notifications({ status: args.status, instanceId: args.instance, limit: args.limit ?? 50, offset: 0 });
      if (args.json) print(context.stdout, json(page));
      else {
        for (const item of page.items) {
          const error = item.lastError ? ` (${item.lastError})` : '';
          print(
            context.stdout,
            `${item.id} ${item.status} ${item.type} ${item.instanceId}#${item.seq} → ${item.url}: ${item.attempts} attempt(s)${error}`,
          );
        }
        print(context.stdout, `${page.items.length} of ${page.total} notification(s)`);
      }
      return EXIT_OK;
    } finally {
      await database.close();
    }
  });
}

export interface TokensArgs {
  action: string;
  name?: string;
  role?: string;
}

/**
 * `tokens create <name> <role>`: a new static token for a principal, added to `<DATA_DIR>/api-tokens`
 * as its SHA-256 digest. The token is printed on stdout, once (and nothing else is: `ADMIN=$(engine-cli
 * tokens create …)` keeps it); a running service reads the file again when it changes.
 */
export function tokensCommand(context: CliContext, args: TokensArgs): Promise<number> {
  if (args.action !== 'create' || !args.name || !args.role) {
    context.stderr.write(
      'engine-cli: tokens create <name> <role>[@org1+org2] (roles: administrator, scheduler, auditor, global-auditor; without @, the default organisation)\n',
    );
    return Promise.resolve(EXIT_ERROR);
  }
  try {
    const config = loadConfig(context.env);
    const { path, token } = createToken(config.dataDir, args.name, args.role);
    context.stdout.write(`${token}\n`);
    context.stderr.write(
      `engine-cli: ${args.name} (${args.role}) added to ${path}, its token printed above (shown this once); a running service takes it within a second.${config.apiTokens ? ' API_TOKENS is set: the service reads it instead of the file.' : ''}\n`,
    );
    return Promise.resolve(EXIT_OK);
  } catch (error) {
    const message =
      error instanceof StartupError
        ? error.message.replace(/^Configuration: /, '')
        : error instanceof Error
          ? error.message
          : String(error);
    context.stderr.write(`engine-cli: ${message}\n`);
    return Promise.resolve(EXIT_ERROR);
  }
}
