import { assertEvent } from 'xstate';
import { DEFAULT_SIX_MONTH_ANCHOR, sixMonthAnchorDate, type SixMonthEvaluationFallsDueParams } from '../shared/evaluation';
import { activeBids, rankBids } from './tender.scoring';
import type { Bid, Organisation, TenderContext, TenderEvent } from './tender.types';

/**
 * The side effects tender@2 declares (machines/shared/effects.ts): each is a named action whose params
 * are computed here from the context (after the step's assigns) and the event. Params name the tender
 * by its title and buyer; the instance id is the outbox's, not the machine's.
 */
export const TENDER_EFFECTS = [
  'informRejectedBidders',
  'informAwardedBidder',
  'tenderUnsuccessful',
  'tenderCancelled',
  'sixMonthEvaluationFallsDue',
] as const;

export type TenderEffectType = (typeof TENDER_EFFECTS)[number];

/** Which tender: its title and buyer, as far as the draft names them. */
export interface TenderReference {
  title?: string;
  buyer?: string;
}

/** A bidder to be informed: the bid, the organisation that submitted it and its consortium partners. */
export interface BidderToInform {
  bidId: string;
  bidder: Organisation;
  consortium: Organisation[];
}

/** A rejected bid and why: inadmissible (with the reasons recorded when it came in), or ranked below the winner. */
export interface RejectedBid extends BidderToInform {
  priceExclVatCents: number;
  priceInclVatCents: number;
  reason: 'inadmissible' | 'notTopRanked';
  inadmissibleReasons: string[];
  /** For an admissible bid: its rank and points under the weighted criteria (001 IX). */
  rank?: number;
  totalPoints?: number;
  points?: Record<string, number>;
}

/** The offer that won, as rejected bidders are told of it. */
export interface AwardedOffer extends BidderToInform {
  priceExclVatCents: number;
  priceInclVatCents: number;
  totalPoints: number;
  points: Record<string, number>;
}

/** ATTRIBUTE: every other active bid is rejected; its bidder is to be informed (001, DESIGN). */
export interface InformRejectedBiddersParams extends TenderReference {
  attributedAt: string;
  awarded: AwardedOffer;
  /** Empty when the winning bid was the only active one. */
  rejected: RejectedBid[];
}

/** ATTRIBUTE: the winner is informed. */
export interface InformAwardedBidderParams extends TenderReference, AwardedOffer {
  attributedAt: string;
  /** The planned start of delivery (YYYY-MM-DD), when the tender names one. */
  plannedDeliveryStart?: string;
}

/** CLOSE_BIDS without an admissible bid, or DECLARE_UNSUCCESSFUL: the tender ends without award. */
export interface TenderUnsuccessfulParams extends TenderReference {
  reason: string;
  at: string;
  /** Every bidder whose bid was still active, admissible or not. */
  bidders: BidderToInform[];
}

/** CANCEL before delivery: the tender ends; its bidders, if any, are informed. */
export interface TenderCancelledParams extends TenderReference {
  reason: string;
  at: string;
  /** The state it was cancelled from, e.g. `open.published`. */
  fromState: string;
  bidders: BidderToInform[];
}

/** The +6-month questionnaire (000 §5) is due: sent to the structures supported, with the provider named. */
export interface TenderSixMonthEvaluationFallsDueParams extends SixMonthEvaluationFallsDueParams {
  buyer?: string;
  awardedBidder?: Organisation;
  /** The structures that received intervention days, in the order they were first recorded. */
  structures: string[];
}

export type TenderEffect =
  | { type: 'informRejectedBidders'; params: InformRejectedBiddersParams }
  | { type: 'informAwardedBidder'; params: InformAwardedBidderParams }
  | { type: 'tenderUnsuccessful'; params: TenderUnsuccessfulParams }
  | { type: 'tenderCancelled'; params: TenderCancelledParams }
  | { type: 'sixMonthEvaluationFallsDue'; params: TenderSixMonthEvaluationFallsDueParams };

type Args<T extends TenderEvent['type'] = TenderEvent['type']> = { context: TenderContext; event: Extract<TenderEvent, { type: T }> };

function reference(context: TenderContext): TenderReference {
  return {
    ...(context.title !== undefined ? { title: context.title } : {}),
    ...(context.buyer !== undefined ? { buyer: context.buyer } : {}),
  };
}

function bidderOf(bid: Bid): BidderToInform {
  return { bidId: bid.id, bidder: bid.bidder, consortium: bid.consortium };
}

function awardedOffer(context: TenderContext): AwardedOffer {
  const bid = context.bids.find((candidate) => candidate.id === context.awardedBidId) as Bid;
  const ranked = rankBids(context).find((entry) => entry.bidId === bid.id);
  return {
    ...bidderOf(bid),
    priceExclVatCents: bid.priceExclVatCents,
    priceInclVatCents: bid.priceInclVatCents,
    totalPoints: ranked?.total ?? 0,
    points: ranked?.points ?? {},
  };
}

export function informRejectedBiddersParams({ context, event }: Args<'ATTRIBUTE'>): InformRejectedBiddersParams {
  assertEvent(event, 'ATTRIBUTE');
  const ranking = rankBids(context);
  const rejected = activeBids(context)
    .filter((bid) => bid.outcome === 'rejected')
    .map((bid): RejectedBid => {
      const ranked = ranking.find((entry) => entry.bidId === bid.id);
      return {
        ...bidderOf(bid),
        priceExclVatCents: bid.priceExclVatCents,
        priceInclVatCents: bid.priceInclVatCents,
        reason: bid.admissible ? 'notTopRanked' : 'inadmissible',
        inadmissibleReasons: bid.inadmissibleReasons,
        ...(ranked ? { rank: ranked.rank, totalPoints: ranked.total, points: ranked.points } : {}),
      };
    });
  return { ...reference(context), attributedAt: event.at, awarded: awardedOffer(context), rejected };
}

export function informAwardedBidderParams({ context, event }: Args<'ATTRIBUTE'>): InformAwardedBidderParams {
  assertEvent(event, 'ATTRIBUTE');
  return {
    ...reference(context),
    ...awardedOffer(context),
    attributedAt: event.at,
    ...(context.plannedDeliveryStart !== undefined ? { plannedDeliveryStart: context.plannedDeliveryStart } : {}),
  };
}

export function tenderUnsuccessfulParams({ context, event }: Args<'CLOSE_BIDS' | 'DECLARE_UNSUCCESSFUL'>): TenderUnsuccessfulParams {
  assertEvent(event, ['CLOSE_BIDS', 'DECLARE_UNSUCCESSFUL']);
  return {
    ...reference(context),
    reason: context.unsuccessfulReason as string,
    at: event.at,
    bidders: activeBids(context).map(bidderOf),
  };
}

export function tenderCancelledParams({ context, event }: Args<'CANCEL'>): TenderCancelledParams {
  assertEvent(event, 'CANCEL');
  const cancellation = context.cancellation as NonNullable<TenderContext['cancellation']>;
  return {
    ...reference(context),
    reason: cancellation.reason,
    at: cancellation.at,
    fromState: cancellation.fromState,
    bidders: activeBids(context).map(bidderOf),
  };
}

export function tenderSixMonthEvaluationFallsDueParams({ context }: Args): TenderSixMonthEvaluationFallsDueParams {
  const anchor = context.sixMonthAnchor ?? DEFAULT_SIX_MONTH_ANCHOR;
  const awarded = context.bids.find((bid) => bid.id === context.awardedBidId);
  return {
    subject: context.title ?? '',
    dueAt: context.sixMonthEvaluationDue as string,
    anchor,
    countedFrom: sixMonthAnchorDate(anchor, { start: context.deliveryStartedAt, end: context.deliveryCompletedAt }) as string,
    ...(context.buyer !== undefined ? { buyer: context.buyer } : {}),
    ...(awarded ? { awardedBidder: awarded.bidder } : {}),
    structures: [...new Set(context.interventions.map((intervention) => intervention.structure))],
  };
}
