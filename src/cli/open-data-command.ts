import { writeFileSync } from 'node:fs';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { loadConfig } from '../config/app-config';
import { validated } from '../contract/validator';
import { OpenDataPeriodQuery } from '../open-data/open-data.schemas';
import { OpenDataService } from '../open-data/open-data.service';
import { Database } from '../persistence/database';
import { ClockRepository } from '../persistence/repositories/clock.repository';
import { DeadlineRepository } from '../persistence/repositories/deadline.repository';
import { HistoryRepository } from '../persistence/repositories/history.repository';
import { EXIT_OK, type CliContext } from './cli-context';
import { guarded } from './commands';

export interface OpenDataArgs {
  /** decp or ocds (anything else is refused). */
  format: string;
  from?: string;
  to?: string;
  /** ocds only: one record's package instead of a period's. */
  instance?: string;
  /** The file to write, or - for stdout (`--out=-`). */
  out: string;
}

/**
 * `open-data decp --from --to --out f.json`, `open-data ocds --from --to --out f.json` and
 * `open-data ocds --instance <id> --out f.json`: the documents the API serves (GET /api/open-data/…,
 * GET /api/instances/:id/ocds), byte for byte, made offline from the database. The export's business
 * date (DECP publication dates not yet recorded) is the service clock's: the stored simulated time on
 * CLOCK=simulated, else now.
 */
export async function openDataCommand(context: CliContext, args: OpenDataArgs): Promise<number> {
  return guarded(context, async () => {
    if (args.format !== 'decp' && args.format !== 'ocds') {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `the format must be decp or ocds, got ${JSON.stringify(args.format)}`);
    }
    if (!args.out) throw new DomainError(ErrorCode.VALIDATION_FAILED, 'open-data needs --out <file.json> (or --out=- for stdout)');
    const period = args.instance === undefined ? readPeriod(args) : undefined;
    if (args.instance !== undefined && (args.format !== 'ocds' || args.from !== undefined || args.to !== undefined)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, '--instance goes with open-data ocds alone, without --from and --to');
    }
    const config = loadConfig(context.env);
    // Read-only: the database is left as it is (no migration, no checkpoints).
    const database = await Database.open(config.database, { migrate: false });
    try {
      const openData = new OpenDataService(new HistoryRepository(database, new DeadlineRepository(database)), context.catalogue, config);
      let document: unknown;
      if (args.format === 'decp') {
        const stored = config.clock.mode === 'simulated' ? await new ClockRepository(database).load() : undefined;
        const exported = await openData.decp(period!, OpenDataService.businessDateOf(stored ? new Date(stored) : new Date()));
        for (const skipped of exported.skipped) {
          context.stderr.write(`engine-cli: left out ${skipped.id}: it lacks ${skipped.missing.join(', ')}\n`);
        }
        document = exported.document;
      } else {
        document = args.instance !== undefined ? await openData.ocdsOfRecord(args.instance) : await openData.ocdsOfPeriod(period!);
      }
      // The API's body, byte for byte: compact JSON.
      const text = JSON.stringify(document);
      if (args.out === '-') context.stdout.write(`${text}\n`);
      else writeFileSync(args.out, text, 'utf8');
      if (args.out !== '-')
        context.stderr.write(`wrote the ${args.format === 'decp' ? 'DECP document' : 'OCDS release package'} to ${args.out}\n`);
      return EXIT_OK;
    } finally {
      await database.close();
    }
  });
}

function readPeriod(args: OpenDataArgs) {
  if (args.from === undefined || args.to === undefined) {
    throw new DomainError(
      ErrorCode.VALIDATION_FAILED,
      `open-data ${args.format} needs --from and --to (YYYY-MM-DD)${args.format === 'ocds' ? ', or --instance <id>' : ''}`,
    );
  }
  return validated(OpenDataPeriodQuery, { from: args.from, to: args.to }, 'The options');
}
