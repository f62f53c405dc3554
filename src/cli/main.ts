#!/usr/bin/env node
import 'reflect-metadata';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT_ERROR, processContext, type CliContext } from './cli-context';
import {
  exportCommand,
  migrateCommand,
  notificationsCommand,
  replayCommand,
  tokensCommand,
  verifyCommand,
  verifyExportCommand,
} from './commands';
import { openDataCommand } from './open-data-command';
import { checkpointCommand, inclusionProofsCommand, transparencyKeyCommand, verifyConsistencyCommand } from './transparency-command';

/**
 * engine-cli: the auditors' command-line tool (docs/audit.md). Reads DATABASE_URL like the service,
 * opens the database directly (migrations run), never goes through HTTP. `verify-export` needs no
 * database at all.
 *
 * yargs 18 ships ES modules only: Node loads it from this CommonJS build (require of ESM), Jest does
 * not, so tests call the handlers of commands.ts and run this parser as a built child process.
 */
export async function runCli(argv: string[], context: CliContext = processContext()): Promise<number> {
  let exitCode = 0;
  const run = (work: Promise<number>) =>
    work.then((code) => {
      exitCode = code;
    });
  const progress = {
    type: 'boolean',
    description: 'Show a progress bar on stderr (default: when stdout is a terminal); --no-progress hides it',
  } as const;
  const asJson = { type: 'boolean', description: 'Print the result as JSON' } as const;

  await yargs(argv)
    .scriptName('engine-cli')
    .usage(
      "$0 <command> [options]\n\nAuditors' tools: verify hash chains and replays, state on a date, export, dry-run a machine version.\nThe database comes from DATABASE_URL (sqlite:<file> or postgres://…), as for the service.",
    )
    .command(
      'verify [id]',
      'Recompute the hash chain and replay the history of one instance, or of all (--all); exit 1 on any failure',
      (y) =>
        y
          .positional('id', { type: 'string', description: 'Instance id' })
          .option('all', { type: 'boolean', description: 'Verify every instance' })
          .option('kind', { type: 'string', description: 'With --all: only instances of this kind' })
          .option('json', asJson)
          .option('progress', progress),
      (args) => run(verifyCommand(context, { id: args.id, all: args.all, kind: args.kind, json: args.json, progress: args.progress })),
    )
    .command(
      'replay <id>',
      'Replay an instance from its events (up to --at) and print its view as JSON',
      (y) =>
        y
          .positional('id', { type: 'string', demandOption: true, description: 'Instance id' })
          .option('at', { type: 'string', description: 'ISO 8601 instant with an offset: the state at that instant' }),
      (args) => run(replayCommand(context, { id: args.id, at: args.at })),
    )
    .command(
      'export [id]',
      'Export one instance or all (--all) as JSON Lines: headers, events with their hashes, end record',
      (y) =>
        y
          .positional('id', { type: 'string', description: 'Instance id' })
          .option('all', { type: 'boolean', description: 'Export every instance' })
          .option('out', { type: 'string', demandOption: true, description: 'Output file (.jsonl), or - for stdout' })
          .option('progress', progress),
      (args) => run(exportCommand(context, { id: args.id, all: args.all, out: args.out, progress: args.progress })),
    )
    .command(
      'verify-export <file>',
      'Verify an export file alone, without a database: chains, replays, stored snapshots; exit 1 on any failure',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, description: 'The .jsonl export' })
          .option('checkpoint', {
            type: 'string',
            description: 'A signed checkpoint note file: also prove each event is in its tree (with --key, --proofs)',
          })
          .option('key', { type: 'string', description: 'The log’s verifier key string (GET /api/transparency/key), or a file holding it' })
          .option('proofs', {
            type: 'string',
            description: 'The inclusion proofs file (engine-cli inclusion-proofs) for the checkpoint’s size',
          })
          .option('json', asJson)
          .option('progress', progress),
      (args) =>
        run(
          verifyExportCommand(context, {
            file: args.file,
            checkpoint: args.checkpoint,
            key: args.key,
            proofs: args.proofs,
            json: args.json,
            progress: args.progress,
          }),
        ),
    )
    .command(
      'checkpoint',
      'Print the latest signed checkpoint of the transparency log',
      (y) => y,
      () => run(checkpointCommand(context)),
    )
    .command(
      'transparency-key',
      'Print the verifier key of the transparency log’s checkpoints (from TRANSPARENCY_KEY_FILE)',
      (y) => y,
      () => run(transparencyKeyCommand(context)),
    )
    .command(
      'inclusion-proofs',
      'Write, for a checkpoint’s tree size, the inclusion proof of every event (of one record with --instance), for verify-export',
      (y) =>
        y
          .option('checkpoint', { type: 'string', demandOption: true, description: 'The checkpoint note file (its size is used)' })
          .option('out', { type: 'string', demandOption: true, description: 'Output file (.jsonl), or - for stdout' })
          .option('instance', { type: 'string', description: 'Only the events of this record' }),
      (args) => run(inclusionProofsCommand(context, { checkpoint: args.checkpoint, out: args.out, instance: args.instance })),
    )
    .command(
      'verify-consistency <old> <new>',
      'Offline: check that the tree of the OLD checkpoint is a prefix of the NEW one’s (proof from GET /api/transparency/proof/consistency)',
      (y) =>
        y
          .positional('old', { type: 'string', demandOption: true, description: 'The older checkpoint note file' })
          .positional('new', { type: 'string', demandOption: true, description: 'The newer checkpoint note file' })
          .option('key', { type: 'string', demandOption: true, description: 'The verifier key string, or a file holding it' })
          .option('proof', { type: 'string', demandOption: true, description: 'The consistency proof (the route’s JSON answer) file' })
          .option('json', asJson),
      (args) => run(verifyConsistencyCommand(context, { old: args.old, new: args.new, key: args.key, proof: args.proof, json: args.json })),
    )
    .command(
      'migrate',
      'Replay every history of a kind on another machine version and list the instances that would end differently (exit 1 if any)',
      (y) =>
        y
          .option('to', { type: 'string', demandOption: true, description: 'Target machine, kind@version (e.g. tender@2)' })
          .option('dry-run', { type: 'boolean', description: 'Required: nothing is written, instances stay pinned' })
          .option('json', asJson)
          .option('progress', progress),
      (args) => run(migrateCommand(context, { to: args.to, dryRun: args.dryRun, json: args.json, progress: args.progress })),
    )
    .command(
      'notifications <action> [id]',
      'List notifications (list [--status dead] [--instance ID]) or retry a dead one (retry ID); offline on the database',
      (y) =>
        y
          .positional('action', { choices: ['list', 'retry'] as const, demandOption: true, description: 'list or retry' })
          .positional('id', { type: 'string', description: 'With retry: the notification id' })
          .option('status', { choices: ['pending', 'delivered', 'dead'] as const, description: 'With list: only this status' })
          .option('instance', { type: 'string', description: 'With list: only this record' })
          .option('limit', { type: 'number', description: 'With list: at most this many (default 50)' })
          .option('json', asJson),
      (args) =>
        run(
          notificationsCommand(context, {
            action: args.action,
            id: args.id,
            status: args.status,
            instance: args.instance,
            limit: args.limit,
            json: args.json,
          }),
        ),
    )
    .command(
      'open-data <format>',
      'Write the open data the API serves: the DECP 2.0.3 document of a period, or an OCDS 1.1.5 release package (of a period, or of one tender)',
      (y) =>
        y
          .positional('format', { type: 'string', demandOption: true, description: 'decp or ocds' })
          .option('from', { type: 'string', description: 'First business date of the period (YYYY-MM-DD, Europe/Paris), inclusive' })
          .option('to', { type: 'string', description: 'Last business date of the period (YYYY-MM-DD, Europe/Paris), inclusive' })
          .option('instance', { type: 'string', description: 'ocds only: the package of this one tender' })
          .option('out', { type: 'string', demandOption: true, description: 'Output file (.json), or - for stdout' }),
      (args) =>
        run(openDataCommand(context, { format: args.format, from: args.from, to: args.to, instance: args.instance, out: args.out })),
    )
    .command(
      'tokens <action> [name] [role]',
      'tokens create <name> <role>: a new static API token, added to DATA_DIR/api-tokens as its SHA-256; the token is printed once on stdout (a running service takes it within a second)',
      (y) =>
        y
          .positional('action', { type: 'string', demandOption: true, description: 'create' })
          .positional('name', { type: 'string', description: 'The principal: 1 to 100 letters, digits or . _ @ -' })
          .positional('role', {
            type: 'string',
            description:
              'administrator, scheduler, auditor or global-auditor, with @org1+org2 for its organisations (without: the default one)',
          }),
      (args) => run(tokensCommand(context, { action: args.action, name: args.name, role: args.role })),
    )
    .demandCommand(
      1,
      'Name a command: verify, replay, export, verify-export, checkpoint, transparency-key, inclusion-proofs, verify-consistency, migrate, notifications, open-data or tokens.',
    )
    .strict()
    .recommendCommands()
    .example('$0 verify --all', 'verify every history; names each failing instance and sequence')
    .example('$0 replay <id> --at 2022-08-06T09:00:00+02:00', 'the record as it was at that instant')
    .example('$0 export --all --out audit.jsonl && $0 verify-export audit.jsonl', 'export, then verify the file alone')
    .example('$0 migrate --dry-run --to tender@2', 'which tenders would end differently on tender@2')
    .example('$0 notifications list --status dead && $0 notifications retry <id>', 'dead notifications, and sending one again')
    .example('$0 tokens create marie.dupont administrator', 'a new token for a principal, printed once')
    .example('$0 open-data decp --from 2024-01-01 --to 2024-03-31 --out decp.json', 'the essential data of the contracts of a quarter')
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      context.stderr.write(`engine-cli: ${message}\nRun engine-cli --help for usage.\n`);
      exitCode = EXIT_ERROR;
    })
    .parseAsync();
  return exitCode;
}

if (require.main === module) {
  runCli(hideBin(process.argv))
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      console.error(`engine-cli: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = EXIT_ERROR;
    });
}
