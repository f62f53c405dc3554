import { isAtOrAfter, isBefore } from '../shared/envelope';
import { formatEuros } from '../shared/money';
import type { Rule } from '../shared/rules';
import { admissibleBids, activeBids, isFullyScored, qualityCriteria, rankBids } from './tender.scoring';
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
