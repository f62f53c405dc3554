import { assertEvent, assign, setup } from 'xstate';
import type { BusinessCalendar } from '../shared/calendar';
import { machineTypes } from '../shared/machine-types';
import { guardsFromRules } from '../shared/rules';
import { pickTerms } from '../shared/terms';
import { inadmissibilityReasons, tenderRules } from './tender.rules';
import type { Bid, TenderContext, TenderEvent, TenderInput, TenderTerms } from './tender.types';

/** The terms of a tender: what its input and UPDATE_DRAFT may set (and nothing else). */
export const TENDER_TERM_FIELDS: readonly (keyof TenderTerms)[] = [
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

/**
 * Formal procedures move a bid deadline that falls on a weekend or a public holiday to the next
 * working day. It is moved as soon as the draft names it, so that every rule (a decision date after
 * the deadline, bids before it) sees the deadline that will apply; the date as given is kept.
 */
export function effectiveDeadline(
  given: string | undefined,
  moveToWorkingDay: boolean | undefined,
  calendar: BusinessCalendar,
): Pick<TenderContext, 'bidDeadline' | 'bidDeadlineAsGiven'> {
  if (given === undefined) return {};
  if (moveToWorkingDay && !calendar.isWorkingDay(given)) return { bidDeadline: calendar.nextWorkingDay(given), bidDeadlineAsGiven: given };
  return { bidDeadline: given };
}

/** The context a tender starts with: the terms of its input, no bid yet. */
export function initialTenderContext(input: TenderInput | undefined, calendar: BusinessCalendar): TenderContext {
  const terms = pickTerms(input, TENDER_TERM_FIELDS);
  return {
    ...terms,
    ...effectiveDeadline(terms.bidDeadline, terms.moveDeadlineToWorkingDay, calendar),
    bids: [],
    auditions: [],
    interventions: [],
  };
}

/**
 * What every version of the tender machine shares: its types, its guards (the rules of
 * tender.rules.ts) and the actions whose behaviour is the same in every version. tender@1 is released
 * and frozen: a change here changes tender@1 too, so an action that must behave differently in a new
 * version is added by that version (`.extend`), under its own name, and this file is left alone.
 */
export function createTenderSetup(calendar: BusinessCalendar) {
  return setup({
    types: machineTypes<TenderContext, TenderEvent, TenderInput>(),
    guards: guardsFromRules<TenderContext, TenderEvent, typeof tenderRules>(tenderRules),
    actions: {
      applyDraftUpdate: assign(({ context, event }) => {
        assertEvent(event, 'UPDATE_DRAFT');
        // The terms the update names replace those of the context; the others stay as they are.
        const update = pickTerms(event, TENDER_TERM_FIELDS);
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
      recordIntervention: assign(({ context, event }) => {
        assertEvent(event, 'RECORD_INTERVENTION');
        return {
          interventions: [
            ...context.interventions,
            { structure: event.structure, date: event.date, days: event.days, recordedAt: event.at },
          ],
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
  });
}
