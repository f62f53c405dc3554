import { and, assertEvent, assign } from 'xstate';
import type { BusinessCalendar } from '../shared/calendar';
import type { DeadlineDeclaration, StateMetaWithDeadlines } from '../shared/deadlines';
import { effect } from '../shared/effects';
import { isBefore } from '../shared/envelope';
import { evaluationStates, SIX_MONTH_EVALUATION_DEADLINE } from '../shared/evaluation';
import { guardsFromRules } from '../shared/rules';
import { pickTerms } from '../shared/terms';
import { awardedHolders, currentAmountExclVatCents, publicationDueFor, publicationRuleFor } from './tender.contract';
import {
  informAwardedBidderParams,
  informRejectedBiddersParams,
  tenderCancelledParams,
  tenderSixMonthEvaluationFallsDueParams,
  tenderUnsuccessfulParams,
  type InformAwardedBidderParams,
  type InformRejectedBiddersParams,
} from './tender.effects';
import { rejectionLetters, rejectionReason } from './tender.letters';
import { rankBids } from './tender.scoring';
import { TENDER_KIND } from './tender.machine';
import { createTenderSetupV2 } from './tender.machine.v2';
import { createTenderRulesV3, inadmissibilityReasons, structureKeyFor } from './tender.rules';
import { effectiveDeadline, TENDER_TERM_FIELDS } from './tender.setup';
import type { Bid, ContractModification, TenderContext, TenderEvent, TenderInputV3, TenderTermsV3 } from './tender.types';

export const TENDER_VERSION_3 = 3;

/** How many days START_DELIVERY may stray from plannedDeliveryStart before it is marked (001 IX). */
export const DEFAULT_PLANNED_START_TOLERANCE_DAYS = 15;

/** tender@3's terms: tender@2's and the essential data of the contract (DECP 2.0.3). */
export const TENDER_TERM_FIELDS_V3: readonly (keyof TenderTermsV3)[] = [
  ...TENDER_TERM_FIELDS,
  'buyerSiret',
  'contractId',
  'nature',
  'procedure',
  'cpvCode',
  'placeOfExecution',
  'durationMonths',
  'priceForm',
  'priceTypes',
  'socialConsiderations',
  'environmentalConsiderations',
  'purchaseTechniques',
  'executionMethods',
  'ccag',
  'innovative',
  'plannedStartToleranceDays',
  'contact',
];

/**
 * tender@3's terms as given, less a place of execution without a code (a form sends an empty object for
 * an optional group; the schema refuses a code without its type and the reverse).
 */
function pickTermsV3(source: Partial<TenderTermsV3> | undefined): TenderTermsV3 {
  const terms = pickTerms(source, TENDER_TERM_FIELDS_V3);
  if (terms.placeOfExecution !== undefined && !terms.placeOfExecution.code) delete terms.placeOfExecution;
  return terms;
}

/** The context a tender@3 starts with: the terms of its input (tender@3's list), no bid yet. */
export function initialTenderContextV3(input: TenderInputV3 | undefined, calendar: BusinessCalendar): TenderContext {
  const terms = pickTermsV3(input);
  return {
    ...terms,
    ...effectiveDeadline(terms.bidDeadline, terms.moveDeadlineToWorkingDay, calendar),
    bids: [],
    auditions: [],
    interventions: [],
  };
}

/**
 * The duties of every state from the attribution on (docs/deadlines.md, "Duties"): a person's to do,
 * shown on the agenda and overdue once past, never sent by the scheduler. Each goes once the event that
 * fulfils it clears its date from the context.
 */
export const AFTER_ATTRIBUTION_DUTIES: DeadlineDeclaration[] = [
  {
    event: 'INFORM_BIDDER',
    each: 'bids',
    dueAt: 'informationDue',
    payload: { bidId: 'id' },
    label: 'Inform the rejected bidder',
    duty: true,
  },
  { event: 'RECORD_PUBLICATION', dueAt: 'contract.publicationDue', label: 'DECP publication due', duty: true },
  {
    event: 'RECORD_PUBLICATION',
    each: 'contract.modifications',
    dueAt: 'publicationDue',
    payload: { modificationId: 'id' },
    label: 'DECP publication of a modification due',
    duty: true,
  },
];

/** The duty of the states where bids are examined: attribute by the decision date (001 IX). */
export const DECISION_DUTY: DeadlineDeclaration = {
  event: 'ATTRIBUTE',
  dueAt: 'decisionDate',
  label: 'Bids examined and the tender attributed by the decision date',
  duty: true,
};

const meta = (declared: StateMetaWithDeadlines) => declared;

/** tender@3's own guards and actions, beside tender@2's. */
function createTenderSetupV3(calendar: BusinessCalendar) {
  return createTenderSetupV2(calendar).extend({
    guards: guardsFromRules<TenderContext, TenderEvent, ReturnType<typeof createTenderRulesV3>>(createTenderRulesV3(calendar)),
    actions: {
      applyDraftUpdateV3: assign(({ context, event }) => {
        assertEvent(event, 'UPDATE_DRAFT');
        const update = pickTermsV3(event);
        const given = update.bidDeadline ?? context.bidDeadlineAsGiven ?? context.bidDeadline;
        const move = update.moveDeadlineToWorkingDay ?? context.moveDeadlineToWorkingDay;
        return { ...update, bidDeadlineAsGiven: undefined, ...effectiveDeadline(given, move, calendar) };
      }),
      /** As tender@2's, and the consortium's grouping type (DECP typeGroupementOperateurs). */
      recordBidV3: assign(({ context, event }) => {
        assertEvent(event, 'SUBMIT_BID');
        const consortium = event.consortium ?? [];
        const draft = {
          id: `B${context.bids.length + 1}`,
          bidder: event.bidder,
          consortium,
          priceExclVatCents: event.priceExclVatCents,
          priceInclVatCents: event.priceInclVatCents,
          documents: event.documents ?? {},
          submittedAt: event.at,
          scores: {},
          ...(consortium.length > 0 && event.groupingType ? { groupingType: event.groupingType } : {}),
          ...(event.contactEmail !== undefined ? { contactEmail: event.contactEmail } : {}),
        };
        const reasons = inadmissibilityReasons(context, draft);
        const bid: Bid = { ...draft, admissible: reasons.length === 0, inadmissibleReasons: reasons };
        return { bids: [...context.bids, bid] };
      }),
      /**
       * After `recordAttribution`: the attribution's business date; each rejected bid's bidder is to be
       * informed from the attribution on (our reading: as soon as the choice is made; the seeds say only
       * that rejected bidders are informed); an attribution after the decision date is marked (001 IX).
       */
      recordAttributionDuties: assign(({ context, event }) => {
        assertEvent(event, 'ATTRIBUTE');
        const late =
          context.decisionDate !== undefined && isBefore(context.decisionDate, event.at)
            ? {
                attributionLate: {
                  decisionDate: context.decisionDate,
                  attributedAt: event.at,
                  reason: event.lateReason?.trim() || 'No reason given.',
                },
              }
            : {};
        return {
          attributedOn: calendar.businessDate(event.at),
          bids: context.bids.map((bid) => (bid.outcome === 'rejected' ? { ...bid, informationDue: event.at } : bid)),
          ...late,
        };
      }),
      /** After `recordDeliveryStart`: a start further from the planned one than the tolerance is marked (001 IX). */
      recordDeliveryStartDeviation: assign(({ context }) => {
        if (context.plannedDeliveryStart === undefined || context.deliveryStartedAt === undefined) return {};
        const started = calendar.businessDate(context.deliveryStartedAt);
        const days = calendar.daysBetween(context.plannedDeliveryStart, started);
        const tolerance = context.plannedStartToleranceDays ?? DEFAULT_PLANNED_START_TOLERANCE_DAYS;
        return Math.abs(days) > tolerance ? { deliveryStartDeviation: { planned: context.plannedDeliveryStart, started, days } } : {};
      }),
      /** The structure is recorded with what identifies it for the caps (000 section 3). */
      recordInterventionV3: assign(({ context, event }) => {
        assertEvent(event, 'RECORD_INTERVENTION');
        return {
          interventions: [
            ...context.interventions,
            {
              structure: event.structure,
              date: event.date,
              days: event.days,
              recordedAt: event.at,
              ...(event.structureSiret !== undefined ? { structureSiret: event.structureSiret } : {}),
              structureKey: structureKeyFor(context, event.structure, event.structureSiret),
            },
          ],
        };
      }),
      recordContractNotification: assign(({ context, event }) => {
        assertEvent(event, 'NOTIFY_CONTRACT');
        const awarded = context.bids.find((bid) => bid.id === context.awardedBidId);
        const amount = event.amountExclVatCents ?? awarded?.priceExclVatCents ?? 0;
        const rule = publicationRuleFor(amount);
        const due = publicationDueFor(calendar, event.notifiedOn, rule);
        const holders = awardedHolders(context);
        return {
          contract: {
            notifiedOn: event.notifiedOn,
            notifiedAt: event.at,
            amountExclVatCents: amount,
            holders,
            ...(holders.length > 1 && awarded?.groupingType ? { groupingType: awarded.groupingType } : {}),
            ...(event.advance?.granted !== undefined
              ? { advance: { granted: event.advance.granted, ...(event.advance.rate !== undefined ? { rate: event.advance.rate } : {}) } }
              : {}),
            subcontractingDeclared: event.subcontractingDeclared ?? false,
            modifications: [],
            publicationRule: rule,
            ...(due ? { publicationDue: due } : {}),
          },
        };
      }),
      /** Numbered 1, 2…; its republication is due under the same rule, on the amount after it. */
      recordContractAmendment: assign(({ context, event }) => {
        assertEvent(event, 'AMEND_CONTRACT');
        const contract = context.contract!;
        const draft: ContractModification = {
          id: contract.modifications.length + 1,
          notifiedOn: event.notifiedOn,
          summary: event.summary,
          ...(event.durationMonths !== undefined ? { durationMonths: event.durationMonths } : {}),
          ...(event.amountExclVatCents !== undefined ? { amountExclVatCents: event.amountExclVatCents } : {}),
          ...(event.holders !== undefined && event.holders.length > 0 ? { holders: event.holders } : {}),
          recordedAt: event.at,
        };
        const rule = publicationRuleFor(currentAmountExclVatCents({ ...contract, modifications: [...contract.modifications, draft] }));
        const due = publicationDueFor(calendar, event.notifiedOn, rule);
        const modification: ContractModification = { ...draft, publicationRule: rule, ...(due ? { publicationDue: due } : {}) };
        return { contract: { ...contract, modifications: [...contract.modifications, modification] } };
      }),
      recordEssentialDataPublication: assign(({ context, event }) => {
        assertEvent(event, 'RECORD_PUBLICATION');
        const contract = context.contract!;
        const record = { publishedOn: event.publishedOn, where: event.where, recordedAt: event.at };
        if (event.modificationId === undefined) {
          const { publicationDue, ...rest } = contract;
          return { contract: { ...rest, publication: { ...record, ...(publicationDue ? { due: publicationDue } : {}) } } };
        }
        return {
          contract: {
            ...contract,
            modifications: contract.modifications.map((modification) => {
              if (modification.id !== event.modificationId) return modification;
              const { publicationDue, ...rest } = modification;
              return { ...rest, publication: { ...record, ...(publicationDue ? { due: publicationDue } : {}) } };
            }),
          },
        };
      }),
      /** The reason given is the letter's (tender.letters.ts): rank and points, or why the bid was not ranked. */
      recordBidderInformation: assign(({ context, event }) => {
        assertEvent(event, 'INFORM_BIDDER');
        const given = rejectionReason(context, event.bidId);
        return {
          bids: context.bids.map((bid) => {
            if (bid.id !== event.bidId) return bid;
            const { informationDue: _due, ...rest } = bid;
            return {
              ...rest,
              informed: {
                informedAt: event.informedAt ?? event.at,
                means: event.means,
                reason: given.reason,
                ...(given.rank !== undefined ? { rank: given.rank, rankedBids: given.rankedBids } : {}),
                recordedAt: event.at,
              },
            };
          }),
        };
      }),
      informRejectedBidders: effect<InformRejectedBiddersParams>(),
      informAwardedBidder: effect<InformAwardedBidderParams>(),
    },
  });
}

/**
 * tender@3: tender@2's lifecycle and states, with the rules of the documents it lacked and the contract
 * after the attribution (docs/lifecycles/tender.md, "tender@3"):
 * - PUBLISH needs the essential data of the contract (DECP 2.0.3);
 * - the decision date is a duty while bids are examined; a later ATTRIBUTE is marked late (001 IX);
 * - each rejected bidder is to be informed (INFORM_BIDDER, a duty per bid, the letter from the scores);
 * - the contract is notified (NOTIFY_CONTRACT), amended (AMEND_CONTRACT) and its essential data
 *   published (RECORD_PUBLICATION), a duty under the amount's rule;
 * - structures are told apart by SIRET or normalised name for the caps (000 section 3);
 * - a start of delivery far from the planned one is marked (001 IX).
 * The six-month evaluation no longer ends the record while a duty is owed: `dutiesOutstanding` (stage
 * closed) waits for them and moves on to the final `closed` by itself once none is left.
 */
export function createTenderMachineV3(calendar: BusinessCalendar) {
  const attribute = {
    guard: and(['everyAdmissibleBidScored', 'bidIsTopRanked']),
    target: 'attributed',
    actions: [
      'recordAttribution',
      'recordAttributionDuties',
      { type: 'informRejectedBidders', params: informRejectedBiddersParams },
      { type: 'informAwardedBidder', params: informAwardedBidderParams },
    ],
  } as const;
  const declareUnsuccessful = {
    guard: 'hasReason',
    target: '#tender.unsuccessful',
    actions: ['recordUnsuccessful', { type: 'tenderUnsuccessful', params: tenderUnsuccessfulParams }],
  } as const;
  const publicationAndInformation = {
    RECORD_PUBLICATION: { guard: and(['publicationRecordable', 'reportedDateNotAhead']), actions: 'recordEssentialDataPublication' },
    INFORM_BIDDER: { guard: and(['bidderToBeInformed', 'reportedDateNotAhead']), actions: 'recordBidderInformation' },
  } as const;
  const contractEvents = {
    NOTIFY_CONTRACT: { guard: and(['contractNotifiable', 'reportedDateNotAhead']), actions: 'recordContractNotification' },
    AMEND_CONTRACT: { guard: and(['amendmentValid', 'reportedDateNotAhead']), actions: 'recordContractAmendment' },
    ...publicationAndInformation,
  } as const;
  const duties = meta({ deadlines: AFTER_ATTRIBUTION_DUTIES });
  const evaluation = evaluationStates(
    { endEvaluation: 'endEvaluationComplete', sixMonthEvaluation: 'sixMonthEvaluationComplete' },
    { onSixMonthEvaluationDue: { type: 'sixMonthEvaluationFallsDue', params: tenderSixMonthEvaluationFallsDueParams } as const },
  );

  return createTenderSetupV3(calendar).createMachine({
    id: TENDER_KIND,
    initial: 'open',
    context: ({ input }) => initialTenderContextV3(input, calendar),
    states: {
      open: {
        initial: 'draft',
        on: {
          CANCEL: {
            guard: and(['hasReason', 'contractNotNotified']),
            target: 'cancelled',
            actions: ['recordCancellation', { type: 'tenderCancelled', params: tenderCancelledParams }],
          },
        },
        states: {
          draft: {
            tags: ['draft'],
            on: {
              UPDATE_DRAFT: { actions: 'applyDraftUpdateV3' },
              PUBLISH: { guard: 'draftIsComplete', target: 'published', actions: 'recordPublication' },
            },
          },
          published: {
            tags: ['published'],
            meta: meta({ deadlines: [{ event: 'CLOSE_BIDS', dueAt: 'bidDeadline', label: 'Bids close at the deadline' }] }),
            on: {
              SUBMIT_BID: {
                guard: and(['bidWindowOpen', 'bidPricesConsistent', 'bidderHasNoActiveBid']),
                actions: 'recordBidV3',
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
            meta: meta({ deadlines: [DECISION_DUTY] }),
            on: {
              SCORE_BID: { guard: 'scoresAreValid', actions: 'recordScores' },
              START_AUDITIONS: { target: 'audition', actions: 'recordAuditionsStart' },
              ATTRIBUTE: attribute,
              DECLARE_UNSUCCESSFUL: declareUnsuccessful,
            },
          },
          audition: {
            tags: ['audition'],
            meta: meta({ deadlines: [DECISION_DUTY] }),
            on: {
              RECORD_AUDITION: { guard: 'scoresAreValid', actions: ['recordAudition', 'recordScores'] },
              SCORE_BID: { guard: 'scoresAreValid', actions: 'recordScores' },
              ATTRIBUTE: attribute,
              DECLARE_UNSUCCESSFUL: declareUnsuccessful,
            },
          },
          attributed: {
            tags: ['attributed'],
            meta: duties,
            on: {
              START_DELIVERY: {
                guard: 'deliveryStartsAfterAttribution',
                target: '#tender.delivering',
                actions: ['recordDeliveryStart', 'recordDeliveryStartDeviation', 'scheduleSixMonthEvaluation'],
              },
              ...contractEvents,
            },
          },
        },
      },
      delivering: {
        tags: ['delivering'],
        meta: duties,
        on: {
          RECORD_INTERVENTION: { guard: 'interventionWithinCaps', actions: 'recordInterventionV3' },
          COMPLETE_DELIVERY: {
            guard: 'noChildAwaitingEndEvaluation',
            target: 'evaluationAtEnd',
            actions: ['recordDeliveryCompletion', 'scheduleSixMonthEvaluation'],
          },
          ...contractEvents,
        },
      },
      evaluationAtEnd: {
        ...evaluation.evaluationAtEnd,
        meta: duties,
        on: { ...evaluation.evaluationAtEnd.on, ...contractEvents },
      },
      awaitingSixMonths: {
        ...evaluation.awaitingSixMonths,
        meta: meta({ deadlines: [SIX_MONTH_EVALUATION_DEADLINE, ...AFTER_ATTRIBUTION_DUTIES] }),
        on: { ...evaluation.awaitingSixMonths.on, ...contractEvents },
      },
      evaluationAtSixMonths: {
        ...evaluation.evaluationAtSixMonths,
        meta: duties,
        on: {
          RECORD_SIX_MONTH_EVALUATION: {
            ...evaluation.evaluationAtSixMonths.on.RECORD_SIX_MONTH_EVALUATION,
            target: 'dutiesOutstanding',
          },
          ...contractEvents,
        },
      },
      /** Evaluated, but a publication or an information is still owed: closed once none is left. */
      dutiesOutstanding: {
        tags: ['closed'],
        meta: duties,
        always: { guard: 'noDutyOutstanding', target: 'closed' },
        on: publicationAndInformation,
      },
      closed: { tags: ['closed'], type: 'final' },
      unsuccessful: { tags: ['closed'], type: 'final' },
      cancelled: { tags: ['closed'], type: 'final' },
    },
  });
}

export type TenderMachineV3 = ReturnType<typeof createTenderMachineV3>;

/** Where a publication of essential data stands: owed until recorded, or not owed at all. */
export type PublicationStatus = 'notNotified' | 'notRequired' | 'due' | 'published';

function publicationStatusOf(record: { publication?: unknown; publicationDue?: string; publicationRule?: string }): PublicationStatus {
  if (record.publication !== undefined) return 'published';
  return record.publicationDue !== undefined ? 'due' : 'notRequired';
}

/** The publication of the contract's essential data and of each modification (tender@3's summary). */
export function publicationSummary(context: TenderContext) {
  const contract = context.contract;
  if (!contract) return { status: 'notNotified' as PublicationStatus, modifications: [] };
  return {
    status: publicationStatusOf(contract),
    rule: contract.publicationRule,
    due: contract.publicationDue ?? contract.publication?.due ?? null,
    publishedOn: contract.publication?.publishedOn ?? null,
    where: contract.publication?.where ?? null,
    modifications: contract.modifications.map((modification) => ({
      id: modification.id,
      status: publicationStatusOf(modification),
      rule: modification.publicationRule,
      due: modification.publicationDue ?? modification.publication?.due ?? null,
      publishedOn: modification.publication?.publishedOn ?? null,
    })),
  };
}

/**
 * The derived part of a tender@3's view: tender@1's ranking, where the publication of the essential
 * data stands, the marks (a late attribution, a start far from the planned one), the rejected bidders
 * and whether they were informed, and the letter to each (tender.letters.ts).
 */
export function summarizeTenderV3(context: TenderContext) {
  return {
    ranking: rankBids(context),
    publication: publicationSummary(context),
    attributionLate: context.attributionLate ?? null,
    deliveryStartDeviation: context.deliveryStartDeviation ?? null,
    rejectedBidders: context.bids
      .filter((bid) => bid.outcome === 'rejected')
      .map((bid) => ({
        bidId: bid.id,
        bidder: bid.bidder.name,
        informed: bid.informed !== undefined,
        informationDue: bid.informationDue ?? null,
        informedAt: bid.informed?.informedAt ?? null,
      })),
    rejectionLetters: rejectionLetters(context),
  };
}
