import { and, assertEvent, assign } from 'xstate';
import type { BusinessCalendar } from '../shared/calendar';
import type { StateMetaWithDeadlines } from '../shared/deadlines';
import { evaluationStates } from '../shared/evaluation';
import { createTenderSetup, initialTenderContext } from './tender.setup';
import { rankBids } from './tender.scoring';
import type { TenderContext } from './tender.types';

export const TENDER_KIND = 'tender';
export const TENDER_VERSION = 1;

const deadlines = (meta: StateMetaWithDeadlines) => meta;

/** tender@1's own actions, beside those every version shares. */
function createTenderSetupV1(calendar: BusinessCalendar) {
  return createTenderSetup(calendar).extend({
    actions: {
      recordCancellation: assign(({ event }, params: { fromState: string }) => {
        assertEvent(event, 'CANCEL');
        return { cancellation: { reason: event.reason, at: event.at, fromState: params.fromState } };
      }),
      recordDeliveryStart: assign(({ context, event }) => {
        assertEvent(event, 'START_DELIVERY');
        const start = event.startedAt ?? event.at;
        // 000: the +6-month questionnaire is sent six months after the START of the support.
        const anchoredOnStart = (context.sixMonthAnchor ?? 'start') === 'start';
        return {
          deliveryStartedAt: start,
          ...(anchoredOnStart ? { sixMonthEvaluationDue: calendar.addMonths(start, 6) } : {}),
        };
      }),
      recordDeliveryCompletion: assign(({ context, event }) => {
        assertEvent(event, 'COMPLETE_DELIVERY');
        const end = event.completedAt ?? event.at;
        return {
          deliveryCompletedAt: end,
          ...(context.sixMonthAnchor === 'end' ? { sixMonthEvaluationDue: calendar.addMonths(end, 6) } : {}),
        };
      }),
    },
  });
}

/**
 * The tender lifecycle (seeds 000 and 001): draft → published → bidsClosed → (audition) → attributed →
 * delivering → evaluationAtEnd → awaitingSixMonths → evaluationAtSixMonths → closed, with the exits
 * unsuccessful and cancelled. The calendar is injected so that month arithmetic in Europe/Paris comes
 * from a real date library while the machine itself stays pure.
 */
export function createTenderMachine(calendar: BusinessCalendar) {
  return createTenderSetupV1(calendar).createMachine({
    id: TENDER_KIND,
    initial: 'draft',
    context: ({ input }) => initialTenderContext(input, calendar),
    states: {
      draft: {
        tags: ['draft'],
        on: {
          UPDATE_DRAFT: { actions: 'applyDraftUpdate' },
          PUBLISH: { guard: 'draftIsComplete', target: 'published', actions: 'recordPublication' },
          CANCEL: { guard: 'hasReason', target: 'cancelled', actions: { type: 'recordCancellation', params: { fromState: 'draft' } } },
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
            { guard: and(['bidDeadlinePassed', 'noAdmissibleBid']), target: 'unsuccessful', actions: 'recordUnsuccessful' },
            { guard: 'bidDeadlinePassed', target: 'bidsClosed', actions: 'recordBidsClosed' },
          ],
          CANCEL: {
            guard: 'hasReason',
            target: 'cancelled',
            actions: { type: 'recordCancellation', params: { fromState: 'published' } },
          },
        },
      },
      bidsClosed: {
        tags: ['bidsClosed'],
        on: {
          SCORE_BID: { guard: 'scoresAreValid', actions: 'recordScores' },
          START_AUDITIONS: { target: 'audition' },
          ATTRIBUTE: { guard: and(['everyAdmissibleBidScored', 'bidIsTopRanked']), target: 'attributed', actions: 'recordAttribution' },
          DECLARE_UNSUCCESSFUL: { guard: 'hasReason', target: 'unsuccessful', actions: 'recordUnsuccessful' },
          CANCEL: {
            guard: 'hasReason',
            target: 'cancelled',
            actions: { type: 'recordCancellation', params: { fromState: 'bidsClosed' } },
          },
        },
      },
      audition: {
        tags: ['audition'],
        on: {
          RECORD_AUDITION: { guard: 'scoresAreValid', actions: ['recordAudition', 'recordScores'] },
          SCORE_BID: { guard: 'scoresAreValid', actions: 'recordScores' },
          ATTRIBUTE: { guard: and(['everyAdmissibleBidScored', 'bidIsTopRanked']), target: 'attributed', actions: 'recordAttribution' },
          DECLARE_UNSUCCESSFUL: { guard: 'hasReason', target: 'unsuccessful', actions: 'recordUnsuccessful' },
          CANCEL: { guard: 'hasReason', target: 'cancelled', actions: { type: 'recordCancellation', params: { fromState: 'audition' } } },
        },
      },
      attributed: {
        tags: ['attributed'],
        on: {
          START_DELIVERY: { guard: 'deliveryStartsAfterAttribution', target: 'delivering', actions: 'recordDeliveryStart' },
          CANCEL: {
            guard: 'hasReason',
            target: 'cancelled',
            actions: { type: 'recordCancellation', params: { fromState: 'attributed' } },
          },
        },
      },
      delivering: {
        tags: ['delivering'],
        on: {
          RECORD_INTERVENTION: { guard: 'interventionWithinCaps', actions: 'recordIntervention' },
          COMPLETE_DELIVERY: { guard: 'noChildAwaitingEndEvaluation', target: 'evaluationAtEnd', actions: 'recordDeliveryCompletion' },
        },
      },
      ...evaluationStates({ endEvaluation: 'endEvaluationComplete', sixMonthEvaluation: 'sixMonthEvaluationComplete' }),
      closed: { tags: ['closed'], type: 'final' },
      unsuccessful: { tags: ['closed'], type: 'final' },
      cancelled: { tags: ['closed'], type: 'final' },
    },
  });
}

export type TenderMachine = ReturnType<typeof createTenderMachine>;

/** The derived part of a tender's view: the ranking under the weighted criteria. */
export function summarizeTender(context: TenderContext) {
  return { ranking: rankBids(context) };
}
