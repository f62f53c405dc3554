import { Inject, Injectable } from '@nestjs/common';
import type { AnyMachineSnapshot } from 'xstate';
import { TENDER_KIND } from '../../machines/tender/tender.machine';
import type { TenderContext } from '../../machines/tender/tender.types';
import { applyHistoryEvent, historyEventFromRow } from '../audit/history.util';
import { parisCalendar } from '../calendar/paris-calendar';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MachineCatalogue } from '../engine/machine-catalogue';
import { stateOf } from '../engine/snapshot.util';
import { assertInstanceId } from '../instances/instance-id.util';
import { HistoryRepository, type StoredRecord } from '../persistence/repositories/history.repository';
import { contractInPeriod, decpDocument, decpMarche } from './decp.builder';
import { ocidOf, releaseInPeriod, releasePackage, releasesOf, type TenderStep } from './ocds.builder';
import type { DecpDocument, DecpMarche, OcdsRelease, OcdsReleasePackage, OpenDataPeriod } from './open-data.schemas';

/** A tender whose contract is in the period but lacks a field DECP requires (docs/open-data.md). */
export interface SkippedContract {
  id: string;
  missing: string[];
}

export interface DecpExport {
  document: DecpDocument;
  /** Contracts of the period left out of the document, with what they lack. */
  skipped: SkippedContract[];
}

/**
 * The open-data exports over the database (docs/open-data.md): the essential data of the contracts
 * (DECP 2.0.3) and the OCDS 1.1.5 releases of the tenders. Read-only; the documents themselves are
 * made by the pure builders (decp.builder.ts, ocds.builder.ts). The CLI uses this service without HTTP.
 */
@Injectable()
export class OpenDataService {
  private readonly ocidPrefix: string;

  constructor(
    @Inject(HistoryRepository) private readonly histories: HistoryRepository,
    @Inject(MachineCatalogue) private readonly catalogue: MachineCatalogue,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'openData'>,
  ) {
    this.ocidPrefix = config.openData.ocidPrefix;
  }

  /** The business date (Europe/Paris) of an instant: what stands for publication dates not recorded yet. */
  static businessDateOf(now: Date): string {
    return parisCalendar.businessDate(now.toISOString());
  }

  /**
   * The DECP document of the tender contracts notified, or amended, in the period (business dates,
   * inclusive), by notification date then id. `exportedOn` stands for a publication date not yet recorded.
   */
  async decp(period: OpenDataPeriod, exportedOn: string, organisations?: readonly string[]): Promise<DecpExport> {
    checkPeriod(period);
    const found: DecpMarche[] = [];
    const skipped: SkippedContract[] = [];
    await this.histories.forEachBatch({ kind: TENDER_KIND, organisations }, (batch) => {
      for (const record of batch) {
        const context = storedContext(record);
        if (!context || !contractInPeriod(context.contract, period.from, period.to)) continue;
        const outcome = decpMarche({ id: record.instance.id, context }, exportedOn);
        if (outcome.ok) found.push(outcome.marche);
        else skipped.push({ id: record.instance.id, missing: outcome.missing });
      }
    });
    found.sort((a, b) => compare(a.dateNotification, b.dateNotification) || compare(a.id, b.id));
    return { document: decpDocument(found), skipped };
  }

  /** The OCDS release package of one tender: one release per stage it reached. */
  async ocdsOfRecord(id: string): Promise<OcdsReleasePackage> {
    assertInstanceId(id);
    const record = await this.histories.record(id);
    if (!record) throw new DomainError(ErrorCode.INSTANCE_NOT_FOUND, `No instance ${id}.`);
    if (record.instance.kind !== TENDER_KIND) {
      throw new DomainError(
        ErrorCode.NOT_A_TENDER,
        `Instance ${id} is a ${record.instance.kind}: OCDS describes contracting processes, which only tenders are.`,
        { kind: record.instance.kind },
      );
    }
    const releases = this.releasesOfRecord(record);
    if (releases.length === 0) {
      throw new DomainError(ErrorCode.NOTHING_TO_PUBLISH, `Tender ${id} has no release yet: a release starts with its publication.`, {
        state: record.instance.state,
      });
    }
    const ocid = ocidOf(this.ocidPrefix, id);
    return releasePackage(`urn:ocds:${ocid}`, releases);
  }

  /**
   * One OCDS release package with every release of each tender that has a release dated in the period
   * (business dates, inclusive): a tender's whole story, so that each package stands alone.
   */
  async ocdsOfPeriod(period: OpenDataPeriod, organisations?: readonly string[]): Promise<OcdsReleasePackage> {
    checkPeriod(period);
    const releases: OcdsRelease[] = [];
    await this.histories.forEachBatch({ kind: TENDER_KIND, organisations }, (batch) => {
      for (const record of batch) {
        const own = this.releasesOfRecord(record);
        if (own.some((release) => releaseInPeriod(release, period.from, period.to))) releases.push(...own);
      }
    });
    if (releases.length === 0) {
      throw new DomainError(ErrorCode.NOTHING_TO_PUBLISH, `No tender has an OCDS release from ${period.from} to ${period.to}.`, {
        from: period.from,
        to: period.to,
      });
    }
    return releasePackage(`urn:ocds:${this.ocidPrefix}:period:${period.from}:${period.to}`, releases);
  }

  /** The releases of one tender's history, each built from the record just after its event (a replay through its pinned machine). */
  private releasesOfRecord(record: StoredRecord): OcdsRelease[] {
    const { instance } = record;
    const definition = this.catalogue.get(instance.kind, Number(instance.machineVersion));
    if (!definition) {
      throw new DomainError(
        ErrorCode.INTERNAL,
        `No machine ${instance.kind}@${instance.machineVersion} is loaded; ${instance.id} cannot be replayed.`,
      );
    }
    const steps: TenderStep[] = [];
    let snapshot: AnyMachineSnapshot | undefined;
    for (const row of record.rows) {
      const event = historyEventFromRow(row);
      const step = applyHistoryEvent(definition, snapshot, event);
      if (!step.ok) {
        throw new DomainError(
          ErrorCode.EVENT_NOT_ACCEPTED,
          `The history of instance ${instance.id} does not replay: ${step.problem}. Run GET /api/instances/${instance.id}/verify.`,
          { seq: event.seq },
        );
      }
      snapshot = step.snapshot;
      // As the engine stores it: a JSON round trip (undefined fields vanish).
      const context = JSON.parse(JSON.stringify(snapshot.context ?? {})) as TenderContext;
      steps.push({ seq: event.seq, type: event.type, at: event.at, state: stateOf(snapshot), context });
    }
    return releasesOf({ id: instance.id, ocid: ocidOf(this.ocidPrefix, instance.id), steps });
  }
}

/** A period whose start comes after its end is refused (400), rather than answering an empty export. */
function checkPeriod(period: OpenDataPeriod): void {
  if (period.from > period.to) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, `The period is empty: from (${period.from}) comes after to (${period.to}).`, {
      errors: [{ field: 'from', pointer: '/from', messages: [`must not come after to (${period.to})`] }],
    });
  }
}

/** The context of a stored snapshot, when it parses (a tender record). */
function storedContext(record: StoredRecord): TenderContext | undefined {
  try {
    const snapshot = JSON.parse(record.instance.snapshot) as { context?: TenderContext };
    return snapshot.context && Array.isArray(snapshot.context.bids) ? snapshot.context : undefined;
  } catch {
    return undefined;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
