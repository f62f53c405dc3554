import { and, assertEvent, assign, setup } from 'xstate';
import type { BusinessCalendar } from '../shared/calendar';
import type { StateMetaWithDeadlines } from '../shared/deadlines';
import { guardsFromRules } from '../shared/rules';
import { inadmissibilityReasons, tenderRules } from './tender.rules';
import { rankBids } from './tender.scoring';
import type { Bid, TenderContext, TenderEvent, TenderInput, TenderTerms } from './tender.types';
import { evaluationStates } from '../shared/evaluation';

export const TENDER_KIND = 'tender';
export const TENDER_VERSION = 1;

const TERM_FIELDS: (keyof TenderTerms)[] = [
  'title',
  'buyer',
  'object',
  'theme',
  'budgetFloorCents',
  'budgetCapCents',
  'criteria',
  'bidDeadline',
  'decisionDate',
  'plannedDeliveryStart',
  'requiredDocuments',
  'deliveryCaps',
  'sixMonthAnchor',
  'moveDeadlineToWorkingDay',
];

const TERM_FIELD_SET: ReadonlySet<string> = new Set(TERM_FIELDS);

/** The tender terms among the fields of `source` (an event or an input names only a few). */
function pickTerms(source: Partial<TenderTerms>): TenderTerms {
  const terms: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(source)) {
    if (value !== undefined && TERM_FIELD_SET.has(field)) terms[field] = value;
  }
  return terms as TenderTerms;
}

const deadlines = (meta: StateMetaWithDeadlines) => meta;

/**
 * Formal procedures move a bid deadline that falls on a weekend or a public holiday to the next
 * working day. It is moved as soon as the draft names it, so that every rule (a decision date after
 * the deadline, bids before it) sees the deadline that will apply; the date as given is kept.
 */
function effectiveDeadline(
  given: string | undefined,
  moveToWorkingDay: boolean | undefined,
  calendar: BusinessCalendar,
): Pick<TenderContext, 'bidDeadline' | 'bidDeadlineAsGiven'> {
  if (given === undefined) return {};
  if (moveToWorkingDay && !calendar.isWorkingDay(given)) return { bidDeadline: calendar.nextWorkingDay(given), bidDeadlineAsGiven: given };
  return { bidDeadline: given };
}

/**
 * The tender lifecycle (seeds 000 and 001): draft → published → bidsClosed → (audition) → attributed →
 * delivering → evaluationAtEnd → awaitingSixMonths → evaluationAtSixMonths → closed, with the exits
 * unsuccessful and cancelled. The calendar is injected so that month arithmetic in Europe/Paris comes
 * from a real date library while the machine itself stays pure.
 */
export function createTenderMachine(calendar: BusinessCalendar) {
  return setup({
    types: {
      context: {} as TenderContext,
      events: {} as TenderEvent,
      input: {} as TenderInput,
    },
    guards: guardsFromRules<TenderContext, TenderEvent, typeof tenderRules>(tenderRules),
    actions: {
      applyDraftUpdate: assign(({ context, event }) => {
        assertEvent(event, 'UPDATE_DRAFT');
        // The terms the update names replace those of the context; the others stay as they are.
        const update = pickTerms(event);
        const given = update.bidDeadline ?? context.bidDeadlineAsGiven ?? context.bidDeadline;
        const move = update.moveDeadlineToWorkingDay ?? context.moveDeadlineToWorkingDay;
        return { ...update, bidDeadlineAsGiven: undefined, ...effectiveDeadline(given, move, calendar) };
      }),
      recordPublication: assign(({ event }) => {
        assertEvent(event, 'PUBLISH');
        return { publishedAt: event.at };
      }),
      recordBid: assign(({ context, event }) => {
        assertEvent(event, 'SUBMIT_BID');
        const draft = {
          id: `B${context.bids.length + 1}`,
          bidder: event.bidder,
          consortium: event.consortium ?? [],
          priceExclVatCents: event.priceExclVatCents,
          priceInclVatCents: event.priceInclVatCents,
          documents: event.documents ?? {},
          submittedAt: event.at,
          scores: {},
        };
        const reasons = inadmissibilityReasons(context, draft);
        const bid: Bid = { ...draft, admissible: reasons.length === 0, inadmissibleReasons: reasons };
        return { bids: [...context.bids, bid] };
      }),
      recordBidWithdrawal: assign(({ context, event }) => {
        assertEvent(event, 'WITHDRAW_BID');
        return { bids: context.bids.map((bid) => (bid.id === event.bidId ? { ...bid, withdrawnAt: event.at } : bid)) };
      }),
      recordBidsClosed: assign(({ event }) => ({ bidsClosedAt: event.at })),
      recordScores: assign(({ context, event }) => {
        assertEvent(event, ['SCORE_BID', 'RECORD_AUDITION']);
        const scores = event.scores ?? {};
        return {
          bids: context.bids.map((bid) => (bid.id === event.bidId ? { ...bid, scores: { ...bid.scores, ...scores } } : bid)),
        };
      }),
      recordAudition: assign(({ context, event }) => {
        assertEvent(event, 'RECORD_AUDITION');
        return { auditions: [...context.auditions, { bidId: event.bidId, at: event.at, mode: event.mode, notes: event.notes }] };
      }),
      recordAttribution: assign(({ context, event }) => {
        assertEvent(event, 'ATTRIBUTE');
        // Every other active bid is rejected: its bidder is to be informed (001).
        return {
          awardedBidId: event.bidId,
          attributedAt: event.at,
          bids: context.bids.map((bid) =>
            bid.withdrawnAt !== undefined
              ? bid
              : { ...bid, outcome: bid.id === event.bidId ? ('awarded' as const) : ('rejected' as const) },
          ),
        };
      }),
      recordUnsuccessful: assign(({ event }) => {
        assertEvent(event, ['DECLARE_UNSUCCESSFUL', 'CLOSE_BIDS']);
        return {
          unsuccessfulReason: event.type === 'DECLARE_UNSUCCESSFUL' ? event.reason : 'No admissible bid when bids closed.',
          ...(event.type === 'CLOSE_BIDS' ? { bidsClosedAt: event.at } : {}),
        };
      }),
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
      recordIntervention: assign(({ context, event }) => {
        assertEvent(event, 'RECORD_INTERVENTION');
        return {
          interventions: [
            ...context.interventions,
            { structure: event.structure, date: event.date, days: event.days, recordedAt: event.at },
          ],
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
      recordEndEvaluation: assign(({ event }) => {
        assertEvent(event, 'RECORD_END_EVALUATION');
        return {
          endEvaluation: {
            questionnaireResult: event.questionnaireResult,
            verbalExchangeNotes: event.verbalExchangeNotes,
            recordedAt: event.at,
          },
        };
      }),
      recordSixMonthEvaluation: assign(({ event }) => {
        assertEvent(event, 'RECORD_SIX_MONTH_EVALUATION');
        return {
          sixMonthEvaluation: { questionnaireResult: event.questionnaireResult, respondents: event.respondents, recordedAt: event.at },
        };
      }),
    },
  }).createMachine({
    id: TENDER_KIND,
    initial: 'draft',
    context: ({ input }) => {
      const terms = pickTerms(input ?? {});
      return {
        ...terms,
        ...effectiveDeadline(terms.bidDeadline, terms.moveDeadlineToWorkingDay, calendar),
        bids: [],
        auditions: [],
        interventions: [],
      };
    },
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
          CANCEL: { guard: 'hasReason', target: 'cancelled', actions: { type: 'recordCancellation', params: { fromState: 'published' } } },
        },
      },
      bidsClosed: {
        tags: ['bidsClosed'],
        on: {
          SCORE_BID: { guard: 'scoresAreValid', actions: 'recordScores' },
          START_AUDITIONS: { target: 'audition' },
          ATTRIBUTE: { guard: and(['everyAdmissibleBidScored', 'bidIsTopRanked']), target: 'attributed', actions: 'recordAttribution' },
          DECLARE_UNSUCCESSFUL: { guard: 'hasReason', target: 'unsuccessful', actions: 'recordUnsuccessful' },
          CANCEL: { guard: 'hasReason', target: 'cancelled', actions: { type: 'recordCancellation', params: { fromState: 'bidsClosed' } } },
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
          CANCEL: { guard: 'hasReason', target: 'cancelled', actions: { type: 'recordCancellation', params: { fromState: 'attributed' } } },
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
