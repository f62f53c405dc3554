import type { Organisation, Procedure, TenderContext } from '../../machines/tender/tender.types';
import { currentAmountExclVatCents } from '../../machines/tender/tender.contract';
import { parisCalendar } from '../calendar/paris-calendar';
import { euros } from './decp.builder';
import type { OcdsAward, OcdsContract, OcdsParty, OcdsRelease, OcdsReleasePackage, OcdsTender, OcdsValue } from './open-data.schemas';

/*
 * OCDS 1.1.5 releases from a tender's history: pure functions, no clock, no database. Each release is
 * built from the record as it stood just after the event that reached its stage (the service replays
 * the history to give each step's context), so a release never changes once its event is written, and
 * its id (the event's seq and the tag) is the same on every call.
 */

/** The version of the schema the packages declare (major.minor). */
export const OCDS_VERSION = '1.1';

/** One event of a tender's history with the record as it stood just after it. */
export interface TenderStep {
  seq: number;
  type: string;
  /** The event's business instant (UTC ISO 8601). */
  at: string;
  /** The state after the event (`open.published`, `delivering`…). */
  state: string;
  context: TenderContext;
}

export interface TenderHistoryFacts {
  id: string;
  ocid: string;
  steps: TenderStep[];
}

/** The OCDS id of a contracting process: the publisher's registered prefix and the record's id. */
export function ocidOf(prefix: string, recordId: string): string {
  return `${prefix}-${recordId}`;
}

/** The organisation identifier scheme of org-id.guide for a DECP identifier type (SIRET: FR-RCS, as French DECP-to-OCDS conversions do). */
export function identifierScheme(scheme: Organisation['scheme']): string {
  return scheme === undefined || scheme === 'SIRET' ? 'FR-RCS' : scheme;
}

/** A party's id in the releases: its scheme and identifier, else its name. */
export function partyId(organisation: Organisation): string {
  const identifier = organisation.identifier?.trim();
  return identifier ? `${identifierScheme(organisation.scheme)}-${identifier}` : `name-${organisation.name.trim()}`;
}

/** The method codelist's word for a French procedure (the procedure itself goes in procurementMethodDetails). */
export function procurementMethodOf(procedure: Procedure | undefined): string | undefined {
  switch (procedure) {
    case undefined:
      return undefined;
    case 'Procédure adaptée':
    case "Appel d'offres ouvert":
      return 'open';
    case 'Marché passé sans publicité ni mise en concurrence préalable':
      return 'direct';
    default:
      return 'selective';
  }
}

const lastSegment = (state: string) => state.split('.').pop() ?? state;

/** tender.status (tenderStatus, closed codelist) for a state of the tender machine. */
export function tenderStatusOf(state: string): string {
  switch (lastSegment(state)) {
    case 'draft':
      return 'planning';
    case 'published':
    case 'bidsClosed':
    case 'audition':
      return 'active';
    case 'unsuccessful':
      return 'unsuccessful';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'complete';
  }
}

function value(cents: number | undefined): OcdsValue | undefined {
  return cents === undefined ? undefined : { amount: euros(cents), currency: 'EUR' };
}

/** The tags of the release an event makes, given the record just after it; none when it publishes nothing. */
export function releaseTagOf(step: TenderStep): string | undefined {
  const { context } = step;
  if (context.publishedAt === undefined) return undefined;
  switch (step.type) {
    case 'PUBLISH':
      return 'tender';
    case 'CLOSE_BIDS':
    case 'DECLARE_UNSUCCESSFUL':
      return lastSegment(step.state) === 'unsuccessful' ? 'tenderUpdate' : undefined;
    case 'CANCEL':
      return 'tenderCancellation';
    case 'ATTRIBUTE':
      return 'award';
    case 'NOTIFY_CONTRACT':
      return 'contract';
    case 'AMEND_CONTRACT':
      return 'contractAmendment';
    case 'START_DELIVERY':
      return 'implementation';
    case 'COMPLETE_DELIVERY':
      return context.contract ? 'contractTermination' : undefined;
    default:
      return undefined;
  }
}

class Parties {
  private readonly byId = new Map<string, OcdsParty>();

  add(party: Omit<OcdsParty, 'roles'>, role: string): { id: string; name: string } {
    const known = this.byId.get(party.id);
    if (known) {
      if (!known.roles.includes(role)) known.roles.push(role);
    } else {
      this.byId.set(party.id, { ...party, roles: [role] });
    }
    return { id: party.id, name: party.name };
  }

  organisation(organisation: Organisation, role: string): { id: string; name: string } {
    const identifier = organisation.identifier?.trim();
    return this.add(
      {
        id: partyId(organisation),
        name: organisation.name,
        ...(identifier
          ? { identifier: { scheme: identifierScheme(organisation.scheme), id: identifier, legalName: organisation.name } }
          : {}),
      },
      role,
    );
  }

  list(): OcdsParty[] {
    return [...this.byId.values()];
  }
}

function buyerOf(context: TenderContext, parties: Parties): { id: string; name: string } {
  const name = context.buyer?.trim() || 'Acheteur';
  if (context.buyerSiret) return parties.organisation({ name, identifier: context.buyerSiret }, 'buyer');
  return parties.add({ id: 'buyer', name }, 'buyer');
}

function tenderOf(facts: TenderHistoryFacts, step: TenderStep, parties: Parties): OcdsTender {
  const { context } = step;
  const received = context.bids.filter((bid) => bid.withdrawnAt === undefined);
  const tenderers = received.flatMap((bid) => [bid.bidder, ...bid.consortium].map((member) => parties.organisation(member, 'tenderer')));
  const criteria = (context.criteria ?? []).map((criterion) => `${criterion.label}: ${criterion.weight} %`).join('; ');
  const tender: OcdsTender = {
    id: facts.id,
    ...(context.title ? { title: context.title } : {}),
    ...(context.object ? { description: context.object } : {}),
    status: tenderStatusOf(step.state),
  };
  const budget = value(context.budgetCapCents);
  if (budget) tender.value = budget;
  const method = procurementMethodOf(context.procedure);
  if (method) tender.procurementMethod = method;
  if (context.procedure) tender.procurementMethodDetails = context.procedure;
  if (context.cpvCode)
    tender.items = [
      { id: '1', ...(context.object ? { description: context.object } : {}), classification: { scheme: 'CPV', id: context.cpvCode } },
    ];
  if (criteria) tender.awardCriteriaDetails = criteria;
  if (context.bidDeadline)
    tender.tenderPeriod = { ...(context.publishedAt ? { startDate: context.publishedAt } : {}), endDate: context.bidDeadline };
  if (context.decisionDate) tender.awardPeriod = { endDate: context.decisionDate };
  if (context.bidsClosedAt !== undefined || received.length > 0) {
    tender.numberOfTenderers = received.length;
    tender.tenderers = dedupe(tenderers);
  }
  return tender;
}

function dedupe<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)));
}

function awardOf(facts: TenderHistoryFacts, step: TenderStep, parties: Parties): OcdsAward | undefined {
  const { context } = step;
  const bid = context.bids.find((candidate) => candidate.id === context.awardedBidId);
  if (!bid || context.attributedAt === undefined) return undefined;
  const members = context.contract?.holders.length ? context.contract.holders : [bid.bidder, ...bid.consortium];
  const award: OcdsAward = {
    id: `${facts.id}-award`,
    status: lastSegment(step.state) === 'cancelled' ? 'cancelled' : 'active',
    date: context.attributedAt,
    suppliers: dedupe(members.map((member) => parties.organisation(member, 'supplier'))),
  };
  const price = value(bid.priceExclVatCents);
  if (price) award.value = price;
  return award;
}

function contractOf(facts: TenderHistoryFacts, step: TenderStep): OcdsContract | undefined {
  const { context } = step;
  const contract = context.contract;
  if (!contract) return undefined;
  const status =
    lastSegment(step.state) === 'cancelled' ? 'cancelled' : context.deliveryCompletedAt !== undefined ? 'terminated' : 'active';
  const amount = currentAmountExclVatCents(contract);
  const result: OcdsContract = {
    id: `${facts.id}-contract`,
    awardID: `${facts.id}-award`,
    status,
    value: value(amount),
    dateSigned: contract.notifiedAt,
  };
  if (context.deliveryStartedAt !== undefined) {
    result.period = {
      startDate: context.deliveryStartedAt,
      ...(context.deliveryCompletedAt ? { endDate: context.deliveryCompletedAt } : {}),
    };
  }
  if (contract.modifications.length > 0) {
    result.amendments = contract.modifications.map((modification) => ({
      id: String(modification.id),
      date: modification.recordedAt,
      description: modification.summary,
    }));
  }
  return result;
}

/** The release an event of the history makes, built from the record just after it; undefined when it makes none. */
export function releaseOf(facts: TenderHistoryFacts, step: TenderStep): OcdsRelease | undefined {
  const tag = releaseTagOf(step);
  if (!tag) return undefined;
  const parties = new Parties();
  const buyer = buyerOf(step.context, parties);
  const tender = tenderOf(facts, step, parties);
  const award = awardOf(facts, step, parties);
  const contract = contractOf(facts, step);
  return {
    ocid: facts.ocid,
    id: `${step.seq}-${tag}`,
    date: step.at,
    tag: [tag],
    initiationType: 'tender',
    language: 'fr',
    parties: parties.list(),
    buyer,
    tender,
    ...(award ? { awards: [award] } : {}),
    ...(contract ? { contracts: [contract] } : {}),
  };
}

/** Every release of a tender's history, in seq order. */
export function releasesOf(facts: TenderHistoryFacts): OcdsRelease[] {
  return facts.steps.map((step) => releaseOf(facts, step)).filter((release): release is OcdsRelease => release !== undefined);
}

/** Whether a release is dated in [from, to], business dates in Europe/Paris (23:30 UTC on 30 June is 1 July in summer). */
export function releaseInPeriod(release: OcdsRelease, from: string, to: string): boolean {
  const date = parisCalendar.businessDate(release.date);
  return date >= from && date <= to;
}

/**
 * A release package, its releases by date (then ocid and seq). `publishedDate` is the date of its latest release (OCDS: a package made on demand
 * carries the date of the last change to what it holds), so the same releases give the same package.
 * The publisher is the buyers of its releases unless given.
 */
export function releasePackage(uri: string, releases: OcdsRelease[], publisher?: string): OcdsReleasePackage {
  const sorted = [...releases].sort(
    (a, b) => compare(a.date, b.date) || compare(a.ocid, b.ocid) || parseInt(a.id, 10) - parseInt(b.id, 10),
  );
  const publishedDate = sorted.reduce((latest, release) => (release.date > latest ? release.date : latest), sorted[0]?.date ?? '');
  return { uri, version: OCDS_VERSION, publishedDate, publisher: { name: publisher ?? publisherOf(sorted) }, releases: sorted };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The publisher of a package: the buyers of its releases, in order of first appearance (the package's order: by date). */
export function publisherOf(releases: OcdsRelease[]): string {
  const names = [...new Set(releases.map((release) => release.buyer?.name).filter((name): name is string => Boolean(name)))];
  return names.length > 0 ? names.join(', ') : 'Acheteur';
}
