import { and, assertEvent, assign } from 'xstate';
import type { BusinessCalendar } from '../shared/calendar';
import type { StateMetaWithDeadlines } from '../shared/deadlines';
import { effect } from '../shared/effects';
import { DEFAULT_SIX_MONTH_ANCHOR, evaluationStates, sixMonthEvaluationDue } from '../shared/evaluation';
import {
  informAwardedBidderParams,
  informRejectedBiddersParams,
  tenderCancelledParams,
  tenderSixMonthEvaluationFallsDueParams,
  tenderUnsuccessfulParams,
  type InformAwardedBidderParams,
  type InformRejectedBiddersParams,
  type TenderCancelledParams,
  type TenderSixMonthEvaluationFallsDueParams,
  type TenderUnsuccessfulParams,
} from './tender.effects';
import { TENDER_KIND } from './tender.machine';
import { createTenderSetup, initialTenderContext } from './tender.setup';
import type { TenderContext } from './tender.types';

export const TENDER_VERSION_2 = 2;

/** The states of `open`, in lifecycle order: a tender can be cancelled from any of them. */
export const TENDER_OPEN_STATES = ['draft', 'published', 'bidsClosed', 'audition', 'attributed'] as const;

export type TenderOpenState = (typeof TENDER_OPEN_STATES)[number];

/**
 * Which state of `open` a tender is in, read from its context. XState gives actions the context and
 * the event, never the state value, and tender@2 carries CANCEL once, on `open`: to record where it was
 * cancelled from, either the state is mirrored into the context on every transition (a second record
 * of the same fact, to be kept in step) or it is derived from what the context already records. Each
 * step of `open` leaves its instant in the context (publishedAt, bidsClosedAt, attributedAt; tender@2
 * adds auditionsStartedAt, the only step that left no trace), and the steps only go forward, so the
 * latest one recorded says where the tender is. The path tests check this function against the
 * machine's own state in every reachable snapshot.
 */
export function openStateOf(context: TenderContext): TenderOpenState {
  if (context.attributedAt !== undefined) return 'attributed';
  if (context.auditionsStartedAt !== undefined) return 'audition';
  if (context.bidsClosedAt !== undefined) return 'bidsClosed';
  if (context.publishedAt !== undefined) return 'published';
  return 'draft';
}

const deadlines = (meta: StateMetaWithDeadlines) => meta;

/** tender@2's own actions (beside those every version shares) and its declared effects. */
export function createTenderSetupV2(calendar: BusinessCalendar) {
  return createTenderSetup(calendar).extend({
    actions: {
      recordAuditionsStart: assign(({ event }) => {
        assertEvent(event, 'START_AUDITIONS');
        return { auditionsStartedAt: event.at };
      }),
      /** The record names the state as the service shows it: `open.published`. */
      recordCancellation: assign(({ context, event }) => {
        assertEvent(event, 'CANCEL');
        return { cancellation: { reason: event.reason, at: event.at, fromState: `open.${openStateOf(context)}` } };
      }),
      recordDeliveryStart: assign(({ event }) => {
        assertEvent(event, 'START_DELIVERY');
        return { deliveryStartedAt: event.startedAt ?? event.at };
      }),
      recordDeliveryCompletion: assign(({ event }) => {
        assertEvent(event, 'COMPLETE_DELIVERY');
        return { deliveryCompletedAt: event.completedAt ?? event.at };
      }),
      /** The one +6-month rule: from the start of delivery by default (000 §5), or its end. */
      scheduleSixMonthEvaluation: assign(({ context }) => {
        const due = sixMonthEvaluationDue(calendar, context.sixMonthAnchor ?? DEFAULT_SIX_MONTH_ANCHOR, {
          start: context.deliveryStartedAt,
          end: context.deliveryCompletedAt,
        });
        return due === undefined ? {} : { sixMonthEvaluationDue: due };
      }),
      informRejectedBidders: effect<InformRejectedBiddersParams>(),
      informAwardedBidder: effect<InformAwardedBidderParams>(),
      tenderUnsuccessful: effect<TenderUnsuccessfulParams>(),
      tenderCancelled: effect<TenderCancelledParams>(),
      sixMonthEvaluationFallsDue: effect<TenderSixMonthEvaluationFallsDueParams>(),
    },
  });
}

/**
 * tender@2: the lifecycle of tender@1 (seeds 000 and 001) with the states before delivery grouped
 * under `open`, which carries CANCEL once: open.draft → open.published → open.bidsClosed →
 * (open.audition) → open.attributed → delivering → evaluationAtEnd → awaitingSixMonths →
 * evaluationAtSixMonths → closed, with the exits unsuccessful and cancelled. It declares its side
 * effects (tender.effects.ts) and counts the +6-month evaluation from the instance's anchor.
 */
export function createTenderMachineV2(calendar: BusinessCalendar) {
  const attribute = {
    guard: and(['everyAdmissibleBidScored', 'bidIsTopRanked']),
    target: 'attributed',
    actions: [
      'recordAttribution',
      { type: 'informRejectedBidders', params: informRejectedBiddersParams },
      { type: 'informAwardedBidder', params: informAwardedBidderParams },
    ],
  } as const;
  const declareUnsuccessful = {
    guard: 'hasReason',
    target: '#tender.unsuccessful',
    actions: ['recordUnsuccessful', { type: 'tenderUnsuccessful', params: tenderUnsuccessfulParams }],
  } as const;

  return createTenderSetupV2(calendar).createMachine({
    id: TENDER_KIND,
    initial: 'open',
    context: ({ input }) => initialTenderContext(input, calendar),
    states: {
      open: {
        initial: 'draft',
        on: {
          CANCEL: {
            guard: 'hasReason',
            target: 'cancelled',
            actions: ['recordCancellation', { type: 'tenderCancelled', params: tenderCancelledParams }],
          },
        },
        states: {
          draft: {
            tags: ['draft'],
            on: {
              UPDATE_DRAFT: { actions: 'applyDraftUpdate' },
              PUBLISH: { guard: 'draftIsComplete', target: 'published', actions: 'recordPublication' },
            },
          },
          published: {
            tags: ['published'],
            meta: deadlines({ deadlines: [{ event: 'CLOSE_BIDS', dueAt: 'bidDeadline', label: 'Bids close at the deadline' }] }),
            on: {
              SUBMIT_BID: {
                guard: and(['bidWindowOpen', 'bidPricesConsistent', 'bidderHasNoActiveBid']),
                actions: 'recordBid',
              },
              WITHDRAW_BID: { guard: and(['bidWindowOpen', 'bidIsActive']), actions: 'recordBidWithdrawal' },
              CLOSE_BIDS: [
                {
                  guard: and(['bidDeadlinePassed', 'noAdmissibleBid']),
                  target: '#tender.unsuccessful',
                  actions: ['recordUnsuccessful', { type: 'tenderUnsuccessful', params: tenderUnsuccessfulParams }],
                },
                { guard: 'bidDeadlinePassed', target: 'bidsClosed', actions: 'recordBidsClosed' },
              ],
            },
          },
          bidsClosed: {
            tags: ['bidsClosed'],
            on: {
              SCORE_BID: { guard: 'scoresAreValid', actions: 'recordScores' },
              START_AUDITIONS: { target: 'audition', actions: 'recordAuditionsStart' },
              ATTRIBUTE: attribute,
              DECLARE_UNSUCCESSFUL: declareUnsuccessful,
            },
          },
          audition: {
            tags: ['audition'],
            on: {
              RECORD_AUDITION: { guard: 'scoresAreValid', actions: ['recordAudition', 'recordScores'] },
              SCORE_BID: { guard: 'scoresAreValid', actions: 'recordScores' },
              ATTRIBUTE: attribute,
              DECLARE_UNSUCCESSFUL: declareUnsuccessful,
            },
          },
          attributed: {
            tags: ['attributed'],
            on: {
              START_DELIVERY: {
                guard: 'deliveryStartsAfterAttribution',
                target: '#tender.delivering',
                actions: ['recordDeliveryStart', 'scheduleSixMonthEvaluation'],
              },
            },
          },
        },
      },
      delivering: {
        tags: ['delivering'],
        on: {
          RECORD_INTERVENTION: { guard: 'interventionWithinCaps', actions: 'recordIntervention' },
          COMPLETE_DELIVERY: {
            guard: 'noChildAwaitingEndEvaluation',
            target: 'evaluationAtEnd',
            actions: ['recordDeliveryCompletion', 'scheduleSixMonthEvaluation'],
          },
        },
      },
      ...evaluationStates(
        { endEvaluation: 'endEvaluationComplete', sixMonthEvaluation: 'sixMonthEvaluationComplete' },
        { onSixMonthEvaluationDue: { type: 'sixMonthEvaluationFallsDue', params: tenderSixMonthEvaluationFallsDueParams } as const },
      ),
      closed: { tags: ['closed'], type: 'final' },
      unsuccessful: { tags: ['closed'], type: 'final' },
      cancelled: { tags: ['closed'], type: 'final' },
    },
  });
}

export type TenderMachineV2 = ReturnType<typeof createTenderMachineV2>;
