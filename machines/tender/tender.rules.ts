import type { BusinessCalendar } from '../shared/calendar';
import { isAtOrAfter, isBefore } from '../shared/envelope';
import { formatEuros } from '../shared/money';
import type { Rule } from '../shared/rules';
import { admissibleBids, activeBids, isFullyScored, qualityCriteria, rankBids } from './tender.scoring';
import { dutiesOutstanding } from './tender.contract';
import type { Bid, TenderContext, TenderEvent, TenderEventOf } from './tender.types';
import { sixMonthDateReached as sharedSixMonthDateReached } from '../shared/evaluation';

type TenderRule<T extends TenderEvent['type'] = TenderEvent['type']> = Rule<TenderContext, TenderEventOf<T>>;

/** What a draft still lacks before it can be published; empty when it is complete (DESIGN, seed 001). */
export function draftGaps(context: TenderContext, publishAt: string): string[] {
  const gaps: string[] = [];
  if (!context.title?.trim()) gaps.push('a title');
  if (!context.buyer?.trim()) gaps.push('a buyer');
  if (!context.budgetCapCents || context.budgetCapCents <= 0) gaps.push('a budget cap in cents');
  if (context.budgetFloorCents !== undefined && context.budgetCapCents !== undefined && context.budgetFloorCents > context.budgetCapCents) {
    gaps.push('a budget floor not above the cap');
  }
  const criteria = context.criteria ?? [];
  if (criteria.length === 0) {
    gaps.push('award criteria');
  } else {
    const total = criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
    if (total !== 100) gaps.push(`criteria weights summing to 100 (they sum to ${total})`);
    if (criteria.filter((criterion) => criterion.kind === 'price').length > 1) gaps.push('at most one price criterion');
    if (new Set(criteria.map((criterion) => criterion.id)).size !== criteria.length) gaps.push('distinct criterion ids');
  }
  if (!context.bidDeadline) gaps.push('a bid deadline');
  else if (!isBefore(publishAt, context.bidDeadline)) gaps.push('a bid deadline after the publication instant');
  if (!context.decisionDate) gaps.push('a decision date');
  else if (context.bidDeadline && !isBefore(context.bidDeadline, context.decisionDate)) {
    gaps.push('a decision date after the bid deadline');
  }
  return gaps;
}

export const draftIsComplete: TenderRule<'PUBLISH'> = (context, event) => {
  const gaps = draftGaps(context, event.at);
  return gaps.length === 0 ? undefined : `The draft is incomplete: it needs ${gaps.join(', ')}.`;
};

export const bidWindowOpen: TenderRule = (context, event) =>
  context.bidDeadline && isBefore(event.at, context.bidDeadline)
    ? undefined
    : `Bids are accepted only before the deadline (${context.bidDeadline}); this one is at ${event.at}.`;

export const bidderHasNoActiveBid: TenderRule<'SUBMIT_BID'> = (context, event) => {
  const existing = activeBids(context).find((bid) => bid.bidder.identifier === event.bidder.identifier);
  return existing ? `Bidder ${event.bidder.identifier} already has bid ${existing.id}; withdraw it before submitting another.` : undefined;
};

export const bidPricesConsistent: TenderRule<'SUBMIT_BID'> = (_context, event) =>
  event.priceInclVatCents >= event.priceExclVatCents && event.priceExclVatCents > 0
    ? undefined
    : 'A bid needs a positive price excl. VAT and a price incl. VAT not below it.';

function findActiveBid(context: TenderContext, bidId: string): Bid | undefined {
  return activeBids(context).find((bid) => bid.id === bidId);
}

export const bidIsActive: TenderRule<'WITHDRAW_BID'> = (context, event) =>
  findActiveBid(context, event.bidId) ? undefined : `There is no active bid ${event.bidId}.`;

export const bidDeadlinePassed: TenderRule<'CLOSE_BIDS'> = (context, event) =>
  context.bidDeadline && isAtOrAfter(event.at, context.bidDeadline)
    ? undefined
    : `Bids cannot close before the deadline (${context.bidDeadline}).`;

export const noAdmissibleBid: TenderRule = (context) =>
  admissibleBids(context).length === 0 ? undefined : 'There is at least one admissible bid.';

export const scoresAreValid: TenderRule<'SCORE_BID' | 'RECORD_AUDITION'> = (context, event) => {
  const bid = findActiveBid(context, event.bidId);
  if (!bid) return `There is no active bid ${event.bidId}.`;
  if (!bid.admissible) return `Bid ${bid.id} is inadmissible and is not scored.`;
  const scores = event.scores ?? {};
  const known = new Set(qualityCriteria(context).map((criterion) => criterion.id));
  for (const [criterionId, score] of Object.entries(scores)) {
    if (!known.has(criterionId)) {
      return `Criterion ${criterionId} is not a scored criterion of this tender (scored: ${[...known].join(', ')}; price is computed).`;
    }
    if (!Number.isFinite(score) || score < 0 || score > 100) return `A score is 0 to 100; ${criterionId} got ${score}.`;
  }
  return undefined;
};

export const everyAdmissibleBidScored: TenderRule<'ATTRIBUTE'> = (context) => {
  const unscored = admissibleBids(context).filter((bid) => !isFullyScored(context, bid));
  return unscored.length === 0
    ? undefined
    : `Every admissible bid must be scored first; not yet: ${unscored.map((bid) => bid.id).join(', ')}.`;
};

export const bidIsTopRanked: TenderRule<'ATTRIBUTE'> = (context, event) => {
  const ranking = rankBids(context);
  const entry = ranking.find((ranked) => ranked.bidId === event.bidId);
  if (!entry) return `Bid ${event.bidId} is not an admissible bid.`;
  if (entry.rank === 1) return undefined;
  const leaders = ranking.filter((ranked) => ranked.rank === 1).map((ranked) => ranked.bidId);
  return `Only the most advantageous offer can be attributed: ${leaders.join(', ')} ranks first, ${event.bidId} ranks ${entry.rank}.`;
};

export const hasReason: TenderRule<'CANCEL' | 'DECLARE_UNSUCCESSFUL'> = (_context, event) =>
  event.reason?.trim() ? undefined : 'A reason is required.';

export const deliveryStartsAfterAttribution: TenderRule<'START_DELIVERY'> = (context, event) => {
  const start = event.startedAt ?? event.at;
  return context.attributedAt && isBefore(start, context.attributedAt)
    ? `Delivery cannot start (${start}) before the attribution (${context.attributedAt}).`
    : undefined;
};

/** Delivery caps from the tender (000: 3 days per structure, 3 structures, 9 days in all). */
export const interventionWithinCaps: TenderRule<'RECORD_INTERVENTION'> = (context, event) => {
  const caps = context.deliveryCaps ?? {};
  if (!(event.days > 0)) return 'An intervention lasts a positive number of days.';
  const structures = new Set(context.interventions.map((intervention) => intervention.structure));
  if (caps.maxStructures !== undefined && !structures.has(event.structure) && structures.size >= caps.maxStructures) {
    return `Cap reached: at most ${caps.maxStructures} structures (already ${[...structures].join(', ')}).`;
  }
  const structureDays = context.interventions
    .filter((intervention) => intervention.structure === event.structure)
    .reduce((sum, intervention) => sum + intervention.days, 0);
  if (caps.maxDaysPerStructure !== undefined && structureDays + event.days > caps.maxDaysPerStructure) {
    return `Cap exceeded: at most ${caps.maxDaysPerStructure} days per structure (${event.structure} has ${structureDays}).`;
  }
  const totalDays = context.interventions.reduce((sum, intervention) => sum + intervention.days, 0);
  if (caps.maxTotalDays !== undefined && totalDays + event.days > caps.maxTotalDays) {
    return `Cap exceeded: at most ${caps.maxTotalDays} days in all (${totalDays} recorded).`;
  }
  return undefined;
};

/**
 * A tender that leads to child records (001: two coaching cohorts) completes its delivery only once
 * each child has reached its end evaluation. The engine states which have not, in the event.
 */
export const noChildAwaitingEndEvaluation: TenderRule<'COMPLETE_DELIVERY'> = (_context, event) => {
  const waiting = event.childrenAwaitingEndEvaluation ?? [];
  return waiting.length === 0
    ? undefined
    : `Delivery cannot complete while ${waiting.length} child record(s) have not reached their end evaluation: ${waiting.join(', ')}.`;
};

export const endEvaluationComplete: TenderRule<'RECORD_END_EVALUATION'> = (_context, event) =>
  event.questionnaireResult?.trim() && event.verbalExchangeNotes?.trim()
    ? undefined
    : 'The end evaluation needs the questionnaire result and the notes of the verbal exchange.';

export const sixMonthDateReached: TenderRule = sharedSixMonthDateReached;

export const sixMonthEvaluationComplete: TenderRule<'RECORD_SIX_MONTH_EVALUATION'> = (_context, event) =>
  event.questionnaireResult?.trim() ? undefined : 'The +6-month evaluation needs the questionnaire result.';

/** Why a bid is inadmissible, recorded with it (it is still kept). */
export function inadmissibilityReasons(context: TenderContext, bid: Omit<Bid, 'admissible' | 'inadmissibleReasons'>): string[] {
  const reasons: string[] = [];
  if (context.budgetCapCents !== undefined && bid.priceInclVatCents > context.budgetCapCents) {
    reasons.push(`price ${formatEuros(bid.priceInclVatCents)} incl. VAT is above the budget cap of ${formatEuros(context.budgetCapCents)}`);
  }
  const missing = (context.requiredDocuments ?? []).filter((name) => !bid.documents[name]?.trim());
  if (missing.length > 0) reasons.push(`missing documents: ${missing.join(', ')}`);
  return reasons;
}

export const tenderRules = {
  draftIsComplete,
  bidWindowOpen,
  bidderHasNoActiveBid,
  bidPricesConsistent,
  bidIsActive,
  bidDeadlinePassed,
  noAdmissibleBid,
  scoresAreValid,
  everyAdmissibleBidScored,
  bidIsTopRanked,
  hasReason,
  deliveryStartsAfterAttribution,
  interventionWithinCaps,
  noChildAwaitingEndEvaluation,
  endEvaluationComplete,
  sixMonthDateReached,
  sixMonthEvaluationComplete,
} as const;

/*
 * tender@3's rules. They are kept apart from `tenderRules` (the guards of tender@1 and tender@2, which
 * stay exactly as released): tender@3's setup adds them to the shared guards.
 */

/** What the essential data of the contract (DECP 2.0.3) need that a tender@3 draft still lacks. */
export function essentialDataGaps(context: TenderContext): string[] {
  const gaps: string[] = [];
  if (!context.buyerSiret) gaps.push("the buyer's SIRET");
  if (!context.nature) gaps.push('the nature of the contract');
  if (!context.procedure) gaps.push('the procedure');
  if (!context.cpvCode) gaps.push('a CPV code');
  if (!context.placeOfExecution?.code || !context.placeOfExecution.typeCode) gaps.push('the place of execution');
  if (context.durationMonths === undefined) gaps.push('the duration in months');
  if (!context.priceForm) gaps.push('the price form');
  return gaps;
}

/** tender@3's draft gaps: tender@2's, then what the essential data need (DECP 2.0.3). */
export function draftGapsV3(context: TenderContext, publishAt: string): string[] {
  return [...draftGaps(context, publishAt), ...essentialDataGaps(context)];
}

/** PUBLISH on tender@3: the draft is complete, essential data included (DECP 2.0.3, required fields). */
export const draftIsCompleteWithEssentialData: TenderRule<'PUBLISH'> = (context, event) => {
  const gaps = draftGapsV3(context, event.at);
  return gaps.length === 0 ? undefined : `The draft is incomplete: it needs ${gaps.join(', ')}.`;
};

/**
 * A structure's name as the caps compare it (000 section 3): without accents, case, punctuation or
 * repeated spaces, so that "Lycee professionnel de Blois" and "lycée  professionnel de Blois." are one.
 */
export function normaliseStructureName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Which structure an intervention is for, as the caps count them: by its SIRET when given, else by
 * its normalised name. An intervention joins a structure already recorded with the same SIRET, or with
 * the same normalised name unless both have a SIRET and they differ (two SIRETs are two structures,
 * whatever their names). The first intervention of a structure gives it its key.
 */
export function structureKeyFor(context: TenderContext, structure: string, structureSiret?: string): string {
  const name = normaliseStructureName(structure);
  const known = new Map<string, { names: Set<string>; sirets: Set<string> }>();
  for (const intervention of context.interventions) {
    if (intervention.structureKey === undefined) continue;
    let entry = known.get(intervention.structureKey);
    if (!entry) known.set(intervention.structureKey, (entry = { names: new Set(), sirets: new Set() }));
    entry.names.add(normaliseStructureName(intervention.structure));
    if (intervention.structureSiret !== undefined) entry.sirets.add(intervention.structureSiret);
  }
  if (structureSiret !== undefined) {
    for (const [key, entry] of known) if (entry.sirets.has(structureSiret)) return key;
  }
  for (const [key, entry] of known) {
    const otherSiret = structureSiret !== undefined && entry.sirets.size > 0;
    if (entry.names.has(name) && !otherSiret) return key;
  }
  return structureSiret !== undefined ? `siret:${structureSiret}` : `name:${name}`;
}

/** The caps of 000 section 3, counting structures by who they are (tender@3), not by how they were typed. */
export const interventionWithinCapsByIdentity: TenderRule<'RECORD_INTERVENTION'> = (context, event) => {
  const caps = context.deliveryCaps ?? {};
  if (!(event.days > 0)) return 'An intervention lasts a positive number of days.';
  const key = structureKeyFor(context, event.structure, event.structureSiret);
  const keyOf = (intervention: TenderContext['interventions'][number]) =>
    intervention.structureKey ?? `name:${normaliseStructureName(intervention.structure)}`;
  const structures = new Map<string, string>();
  for (const intervention of context.interventions)
    if (!structures.has(keyOf(intervention))) structures.set(keyOf(intervention), intervention.structure);
  if (caps.maxStructures !== undefined && !structures.has(key) && structures.size >= caps.maxStructures) {
    return `Cap reached: at most ${caps.maxStructures} structures (already ${[...structures.values()].join(', ')}).`;
  }
  const structureDays = context.interventions
    .filter((intervention) => keyOf(intervention) === key)
    .reduce((sum, intervention) => sum + intervention.days, 0);
  if (caps.maxDaysPerStructure !== undefined && structureDays + event.days > caps.maxDaysPerStructure) {
    return `Cap exceeded: at most ${caps.maxDaysPerStructure} days per structure (${structures.get(key) ?? event.structure} has ${structureDays}).`;
  }
  const totalDays = context.interventions.reduce((sum, intervention) => sum + intervention.days, 0);
  if (caps.maxTotalDays !== undefined && totalDays + event.days > caps.maxTotalDays) {
    return `Cap exceeded: at most ${caps.maxTotalDays} days in all (${totalDays} recorded).`;
  }
  return undefined;
};

/** CANCEL on tender@3: a notified contract is concluded; it is amended, not cancelled. */
export const contractNotNotified: TenderRule<'CANCEL'> = (context) =>
  context.contract === undefined
    ? undefined
    : `The contract was notified on ${context.contract.notifiedOn}: it can no longer be cancelled, only amended.`;

/** NOTIFY_CONTRACT: once, after the attribution, not before the attribution's day (issue text). */
export const contractNotifiable: TenderRule<'NOTIFY_CONTRACT'> = (context, event) => {
  if (context.awardedBidId === undefined || context.attributedOn === undefined) return 'The contract is notified only once attributed.';
  if (context.contract !== undefined) return `The contract was already notified on ${context.contract.notifiedOn}.`;
  if (event.notifiedOn < context.attributedOn) {
    return `The contract cannot be notified (${event.notifiedOn}) before the attribution (${context.attributedOn}).`;
  }
  if (event.advance?.rate !== undefined && event.advance.granted !== true) return 'An advance rate is given only with an advance granted.';
  return undefined;
};

/** AMEND_CONTRACT: a notified contract, an amendment notified no earlier than the contract and the previous amendment. */
export const amendmentValid: TenderRule<'AMEND_CONTRACT'> = (context, event) => {
  const contract = context.contract;
  if (contract === undefined) return 'Only a notified contract can be amended.';
  if (!event.summary?.trim()) return 'An amendment needs a summary of what it changes.';
  const previous = contract.modifications.at(-1)?.notifiedOn ?? contract.notifiedOn;
  if (event.notifiedOn < previous) {
    return `An amendment cannot be notified (${event.notifiedOn}) before the contract or the previous amendment (${previous}).`;
  }
  return undefined;
};

/** RECORD_PUBLICATION: of the contract's essential data, or of one modification, once each, not before its notification. */
export const publicationRecordable: TenderRule<'RECORD_PUBLICATION'> = (context, event) => {
  const contract = context.contract;
  if (contract === undefined) return 'The essential data are published once the contract is notified.';
  if (!event.where?.trim()) return 'Say where the data were published (a URL or the place).';
  if (event.modificationId === undefined) {
    if (contract.publication) return `The essential data were already recorded as published on ${contract.publication.publishedOn}.`;
    if (event.publishedOn < contract.notifiedOn) {
      return `The essential data cannot be published (${event.publishedOn}) before the notification (${contract.notifiedOn}).`;
    }
    return undefined;
  }
  const modification = contract.modifications.find((candidate) => candidate.id === event.modificationId);
  if (!modification)
    return `There is no modification ${event.modificationId} (modifications: ${contract.modifications.map((m) => m.id).join(', ') || 'none'}).`;
  if (modification.publication)
    return `Modification ${modification.id} was already recorded as published on ${modification.publication.publishedOn}.`;
  if (event.publishedOn < modification.notifiedOn) {
    return `Modification ${modification.id} cannot be published (${event.publishedOn}) before its notification (${modification.notifiedOn}).`;
  }
  return undefined;
};

/** INFORM_BIDDER: a rejected bid (not the awarded one, not a withdrawn one), once, not before the attribution (001). */
export const bidderToBeInformed: TenderRule<'INFORM_BIDDER'> = (context, event) => {
  const bid = context.bids.find((candidate) => candidate.id === event.bidId);
  if (!bid) return `There is no bid ${event.bidId}.`;
  if (bid.withdrawnAt !== undefined) return `Bid ${bid.id} was withdrawn: its bidder is not informed of a rejection.`;
  if (bid.outcome === 'awarded') return `Bid ${bid.id} was awarded the tender: its bidder is not informed of a rejection.`;
  if (bid.outcome !== 'rejected') return `Bid ${bid.id} is not rejected (the tender is not attributed yet).`;
  if (bid.informed) return `The bidder of ${bid.id} was already informed on ${bid.informed.informedAt}.`;
  const informedAt = event.informedAt ?? event.at;
  if (context.attributedAt && isBefore(informedAt, context.attributedAt)) {
    return `A bidder cannot be informed (${informedAt}) before the attribution (${context.attributedAt}).`;
  }
  return undefined;
};

/** The closed tender@3 waits until every publication and information owed is recorded. */
export const noDutyOutstanding: TenderRule = (context) => {
  const owed = dutiesOutstanding(context);
  return owed.length === 0 ? undefined : `Still owed: ${owed.join('; ')}.`;
};

/**
 * What a command reports happened (a notification, a publication, an information) happened by the day
 * it is recorded (Europe/Paris): a date after the event's own day is refused. Built with the calendar.
 */
export function createReportedDateNotAhead(
  calendar: BusinessCalendar,
): TenderRule<'NOTIFY_CONTRACT' | 'AMEND_CONTRACT' | 'RECORD_PUBLICATION' | 'INFORM_BIDDER'> {
  return (_context, event) => {
    const today = calendar.businessDate(event.at);
    if (event.type === 'INFORM_BIDDER') {
      return event.informedAt !== undefined && isBefore(event.at, event.informedAt)
        ? `A bidder cannot be recorded as informed (${event.informedAt}) later than the event itself (${event.at}).`
        : undefined;
    }
    const date = event.type === 'RECORD_PUBLICATION' ? event.publishedOn : event.notifiedOn;
    return date > today ? `The date reported (${date}) is after the day the event is recorded (${today}).` : undefined;
  };
}

/**
 * tender@3's guards beside the shared ones. Two keep the name of the rule they replace, so that a
 * refusal names the same rule on every version (`draftIsComplete`, `interventionWithinCaps`), with
 * tender@3's stricter reading.
 */
export const tenderRulesV3 = {
  draftIsComplete: draftIsCompleteWithEssentialData,
  interventionWithinCaps: interventionWithinCapsByIdentity,
  contractNotNotified,
  contractNotifiable,
  amendmentValid,
  publicationRecordable,
  bidderToBeInformed,
  noDutyOutstanding,
} as const;

/** tender@3's guards, the calendar-bound one included: the rules the tender@3 machine and kind use. */
export function createTenderRulesV3(calendar: BusinessCalendar) {
  return { ...tenderRulesV3, reportedDateNotAhead: createReportedDateNotAhead(calendar) } as const;
}
