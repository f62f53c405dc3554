import { and, assertEvent, assign } from 'xstate';
import type { BusinessCalendar } from '../shared/calendar';
import type { DeadlineDeclaration, StateMetaWithDeadlines } from '../shared/deadlines';
import { effect } from '../shared/effects';
import { isBefore } from '../shared/envelope';
import { DEFAULT_SIX_MONTH_ANCHOR, evaluationStates, sixMonthEvaluationDue } from '../shared/evaluation';
import { guardsFromRules } from '../shared/rules';
import {
  conventionEndedParams,
  conventionSixMonthEvaluationFallsDueParams,
  dutyFallsDueParams,
  enteredIntoForceParams,
  formalNoticeLapsedParams,
  formalNoticeSentParams,
  termRenewedParams,
  type ConventionEndedParams,
  type ConventionSixMonthEvaluationFallsDueParams,
  type DutyFallsDueParams,
  type EnteredIntoForceParams,
  type FormalNoticeLapsedParams,
  type FormalNoticeSentParams,
  type TermRenewedParams,
} from './convention.effects';
import { CONVENTION_KIND, summarizeConvention } from './convention.machine';
import {
  conventionRulesV3Only,
  createCalendarRulesV3,
  DEFAULT_RENEWAL_WARNING,
  findOccurrence,
  missingRenewalRequirements,
  requirementWords,
} from './convention.rules';
import { durationBefore, termEndOf } from './convention.schedule';
import { conventionEnding, createConventionSetup, IN_FORCE_DEADLINES, initialConventionContext } from './convention.setup';
import type {
  ConventionContext,
  ConventionEvent,
  ConventionInput,
  EndReason,
  FormalNotice,
  ReportStatistics,
  TermReading,
} from './convention.types';

export const CONVENTION_VERSION_3 = 3;

export const DEFAULT_TERM_READING: TermReading = 'twelveMonths';

const deadlines = (meta: StateMetaWithDeadlines) => meta;

/**
 * The agenda's warnings of an unmet renewal condition (003 art. 4): duties, never sent by the
 * scheduler; each names the event that fulfils it and is due `renewalWarning` before the term ends.
 */
export const RENEWAL_WARNING_DEADLINES: DeadlineDeclaration[] = [
  {
    event: 'RECORD_REPORT',
    dueAt: 'renewalWarnings.report',
    duty: true,
    label: "Renewal needs the year's report: record it before the term ends, or the convention expires",
  },
  {
    event: 'RECORD_SUBSIDY_REQUEST',
    dueAt: 'renewalWarnings.subsidyRequest',
    duty: true,
    label: "Renewal needs the year's subsidy request: record it before the term ends, or the convention expires",
  },
];

function initialContextV3(input: ConventionInput | undefined): ConventionContext {
  const context = initialConventionContext(input);
  return {
    ...context,
    ...(input?.sixMonthAnchor !== undefined ? { sixMonthAnchor: input.sixMonthAnchor } : {}),
    coSignatories: input?.coSignatories ?? [],
    subsidyRequests: [],
  };
}

/** When the agenda warns of each renewal requirement still unmet in the current term; undefined when none. */
export function renewalWarningsOf(calendar: BusinessCalendar, context: ConventionContext): ConventionContext['renewalWarnings'] {
  const term = context.currentTerm;
  const rule = context.terms.term;
  if (!term || !rule?.tacitRenewal || (rule.maxRenewals !== undefined && context.renewals >= rule.maxRenewals)) return undefined;
  const missing = missingRenewalRequirements(context);
  if (missing.length === 0) return undefined;
  const warnAt = durationBefore(calendar, term.endsAt, rule.renewalWarning ?? DEFAULT_RENEWAL_WARNING, term.startsAt);
  return Object.fromEntries(missing.map((item) => [item, warnAt]));
}

/** convention@3's own actions and guards (beside those every version shares), and its declared effects. */
function createConventionSetupV3(calendar: BusinessCalendar) {
  return createConventionSetup(calendar).extend({
    guards: guardsFromRules<ConventionContext, ConventionEvent, typeof conventionRulesV3Only & ReturnType<typeof createCalendarRulesV3>>({
      ...conventionRulesV3Only,
      ...createCalendarRulesV3(calendar),
    }),
    actions: {
      recordSixMonthAnchor: assign(({ event }) => {
        assertEvent(event, 'UPDATE_DRAFT');
        return event.sixMonthAnchor !== undefined ? { sixMonthAnchor: event.sixMonthAnchor } : {};
      }),
      /** 004: the co-signatories, replaced as a whole like the parties. */
      recordCoSignatories: assign(({ context, event }) => {
        assertEvent(event, 'UPDATE_DRAFT');
        return { coSignatories: event.coSignatories ?? context.coSignatories ?? [] };
      }),
      /**
       * 003 art. 4: the term read as the terms say (twelve months, or calendar years ending on 31
       * December); the reading is kept in the context. At the entry into force the first term is
       * computed again; after an amendment that changes the duration or the reading, the current term
       * is recomputed from its start (already past: it ends at the amendment, as in convention@2).
       */
      applyTermReading: assign(({ context, event }) => {
        assertEvent(event, ['SIGN', 'AMEND']);
        const rule = context.terms.term;
        const termReading = rule?.reading ?? DEFAULT_TERM_READING;
        const current = context.currentTerm;
        if (!rule || !current) return { termReading };
        const before = event.type === 'AMEND' ? context.termsVersions[context.termsVersions.length - 2]?.terms.term : undefined;
        const changed =
          event.type === 'SIGN' || before?.duration !== rule.duration || (before?.reading ?? DEFAULT_TERM_READING) !== termReading;
        if (!changed) return { termReading };
        const endsAt = termEndOf(calendar, current.startsAt, rule);
        return {
          termReading,
          currentTerm: { ...current, endsAt: event.type === 'AMEND' && !isBefore(event.at, endsAt) ? event.at : endsAt },
        };
      }),
      /** 003 art. 4: while a renewal condition is unmet, the agenda warns of it before the term ends. */
      trackRenewalConditions: assign(({ context }) => ({ renewalWarnings: renewalWarningsOf(calendar, context) })),
      /** 003 art. 5: the registered letter's reference, and its acknowledgement of receipt when known. */
      recordRegisteredLetter: assign(({ context, event }) => {
        assertEvent(event, 'SEND_FORMAL_NOTICE');
        const notice = context.formalNotice as FormalNotice;
        return {
          formalNotice: {
            ...notice,
            letterRef: event.letterReference,
            ...(event.receivedOn !== undefined ? { receivedOn: event.receivedOn } : {}),
          },
        };
      }),
      recordNoticeReceipt: assign(({ context, event }) => {
        assertEvent(event, 'RECORD_NOTICE_RECEIPT');
        return { formalNotice: { ...(context.formalNotice as FormalNotice), receivedOn: event.receivedOn } };
      }),
      /** 003 art. 4: the yearly subsidy request, counted for the term it was filed in. */
      recordSubsidyRequest: assign(({ context, event }) => {
        assertEvent(event, 'RECORD_SUBSIDY_REQUEST');
        const filedOn = event.filedOn ?? calendar.businessDate(event.at);
        const term = context.currentTerm?.number ?? 0;
        return {
          subsidyRequests: [...(context.subsidyRequests ?? []), { reference: event.reference, filedOn, recordedAt: event.at, term }],
        };
      }),
      /** 004 art. 6: the report's statistics by sex, kept on the occurrence's record. */
      recordReportStatistics: assign(({ context, event }) => {
        assertEvent(event, 'RECORD_REPORT');
        const statistics: ReportStatistics = {
          ...(event.participants !== undefined ? { participants: event.participants } : {}),
          ...(event.participantsBySex !== undefined ? { participantsBySex: event.participantsBySex } : {}),
          ...(event.actions !== undefined ? { actions: event.actions } : {}),
        };
        if (Object.keys(statistics).length === 0) return {};
        const target = findOccurrence(context, event.report, event.year);
        return {
          dutyOccurrences: context.dutyOccurrences.map((item) =>
            item === target && item.record ? { ...item, record: { ...item.record, statistics } } : item,
          ),
        };
      }),
      /** The convention ends; when the +6-month evaluation falls due is scheduleSixMonthEvaluation's. */
      recordEnd: assign(({ context, event }, params: { reason: EndReason }) => {
        assertEvent(event, ['TERM_END', 'DENOUNCE']);
        return { ...conventionEnding(context, event, params.reason), renewalWarnings: undefined };
      }),
      /** 003 art. 4: the term expired because a renewal condition was not met; what was missing is noted. */
      noteUnmetRenewalConditions: assign(({ context }) => {
        const missing = missingRenewalRequirements(context);
        const ended = context.ended as NonNullable<ConventionContext['ended']>;
        return {
          ended: {
            ...ended,
            missing,
            note: `Not renewed: ${requirementWords(missing)} not recorded during term ${context.currentTerm?.number}.`,
          },
        };
      }),
      /** The one +6-month rule: from the effective date by default, or from the end. */
      scheduleSixMonthEvaluation: assign(({ context }) => {
        const due = sixMonthEvaluationDue(calendar, context.sixMonthAnchor ?? DEFAULT_SIX_MONTH_ANCHOR, {
          start: context.effectiveFrom,
          end: context.ended?.at,
        });
        return due === undefined ? {} : { sixMonthEvaluationDue: due };
      }),
      enteredIntoForce: effect<EnteredIntoForceParams>(),
      dutyFallsDue: effect<DutyFallsDueParams>(),
      formalNoticeSent: effect<FormalNoticeSentParams>(),
      formalNoticeLapsed: effect<FormalNoticeLapsedParams>(),
      termRenewed: effect<TermRenewedParams>(),
      conventionEnded: effect<ConventionEndedParams>(),
      sixMonthEvaluationFallsDue: effect<ConventionSixMonthEvaluationFallsDueParams>(),
    },
  });
}

/**
 * convention@3: convention@2's lifecycle with the rules of seeds 003 and 004 it did not hold: a formal
 * notice is a registered letter whose reference is required and whose receipt may be recorded (003
 * art. 5); a tacit renewal may need the year's report and subsidy request (003 art. 4), with a warning
 * on the agenda while they are missing; a term may be read as calendar years (003 art. 4); co-signatories
 * sign without being parties (004: the Préfet); a report carries sex-disaggregated statistics (004 art. 6).
 */
export function createConventionMachineV3(calendar: BusinessCalendar) {
  const end = (reason: EndReason) =>
    [
      { type: 'recordEnd', params: { reason } },
      'scheduleSixMonthEvaluation',
      { type: 'conventionEnded', params: conventionEndedParams },
    ] as const;

  return createConventionSetupV3(calendar).createMachine({
    id: CONVENTION_KIND,
    initial: 'draft',
    context: ({ input }) => initialContextV3(input),
    states: {
      draft: {
        tags: ['draft'],
        on: {
          UPDATE_DRAFT: { actions: ['applyDraftUpdate', 'recordSixMonthAnchor', 'recordCoSignatories'] },
          OPEN_FOR_SIGNATURE: {
            guard: and(['partiesAreValid', 'coSignatoriesAreValid', 'termsAreComplete', 'termConditionsAreValid']),
            target: 'openForSignature',
            actions: 'recordOpening',
          },
          WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawal' },
        },
      },
      openForSignature: {
        tags: ['published'],
        on: {
          SIGN: [
            {
              guard: and(['signerIsPartyOrCoSignatory', 'partyHasNotSigned', 'completesAllSignatures']),
              target: 'running',
              actions: [
                'recordSignature',
                'enterIntoForce',
                'applyTermReading',
                'trackRenewalConditions',
                'scheduleSixMonthEvaluation',
                { type: 'enteredIntoForce', params: enteredIntoForceParams },
              ],
            },
            { guard: and(['signerIsPartyOrCoSignatory', 'partyHasNotSigned']), actions: 'recordSignature' },
          ],
          WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawal' },
        },
      },
      running: {
        initial: 'inForce',
        // convention@2's deadlines, then the renewal warnings (duties: shown on the agenda, never sent).
        meta: deadlines({ deadlines: [...IN_FORCE_DEADLINES, ...RENEWAL_WARNING_DEADLINES] }),
        on: {
          RECORD_COMMITTEE: { guard: and(['committeeRecordIsValid', 'meetingHasTakenPlace']), actions: 'recordCommittee' },
          RECORD_REPORT: {
            guard: and(['reportRecordIsValid', 'reportPeriodHasBegun', 'reportStatisticsAreValid']),
            actions: ['recordReport', 'recordReportStatistics', 'trackRenewalConditions'],
          },
          RECORD_SUBSIDY_REQUEST: {
            guard: and(['subsidyRequestIsValid', 'subsidyRequestHasBeenFiled']),
            actions: ['recordSubsidyRequest', 'trackRenewalConditions'],
          },
          DUTY_DUE: { guard: 'dutyFallsDue', actions: ['recordDutyDue', { type: 'dutyFallsDue', params: dutyFallsDueParams }] },
          ANNIVERSARY: { guard: 'anniversaryReached', actions: 'openReviewWindow' },
          TERM_END: [
            {
              guard: and(['termEndReached', 'tacitRenewalAvailable', 'renewalConditionsMet']),
              actions: ['renewTerm', 'trackRenewalConditions', { type: 'termRenewed', params: termRenewedParams }],
            },
            {
              guard: and(['termEndReached', 'tacitRenewalAvailable']),
              target: 'evaluationAtEnd',
              actions: [
                { type: 'recordEnd', params: { reason: 'expired' } },
                'noteUnmetRenewalConditions',
                'scheduleSixMonthEvaluation',
                { type: 'conventionEnded', params: conventionEndedParams },
              ],
            },
            { guard: 'termEndReached', target: 'evaluationAtEnd', actions: end('expired') },
          ],
        },
        states: {
          inForce: {
            tags: ['delivering'],
            on: {
              AMEND: {
                guard: and([
                  'amendmentIsValid',
                  'amendedTermConditionsAreValid',
                  'amendmentSignedByParties',
                  'amendmentWithinReviewWindow',
                ]),
                actions: ['applyAmendment', 'applyTermReading', 'trackRenewalConditions'],
              },
              SEND_FORMAL_NOTICE: {
                guard: and([
                  'noticeClauseExists',
                  'coSignatoryIsNotAParty',
                  'formalNoticeIsValid',
                  'formalNoticeByRegisteredLetter',
                  'noticeReceiptIsPlausible',
                ]),
                target: 'formalNotice',
                actions: ['recordFormalNotice', 'recordRegisteredLetter', { type: 'formalNoticeSent', params: formalNoticeSentParams }],
              },
              DENOUNCE: {
                guard: and(['coSignatoryIsNotAParty', 'denunciationIsValid', 'denunciationWithinReviewWindow']),
                target: '#convention.evaluationAtEnd',
                actions: end('denounced'),
              },
            },
          },
          formalNotice: {
            tags: ['delivering'],
            meta: deadlines({
              deadlines: [
                {
                  event: 'NOTICE_EXPIRED',
                  dueAt: 'formalNotice.deadline',
                  label: 'The formal notice period (counted from the sending) ends without remedy',
                },
              ],
            }),
            on: {
              RECORD_NOTICE_RECEIPT: { guard: 'noticeReceiptCanBeRecorded', actions: 'recordNoticeReceipt' },
              REMEDY: { target: 'inForce', actions: 'recordRemedy' },
              NOTICE_EXPIRED: {
                guard: 'noticePeriodElapsed',
                actions: ['recordNoticeLapse', { type: 'formalNoticeLapsed', params: formalNoticeLapsedParams }],
              },
              DENOUNCE: [
                {
                  guard: and(['coSignatoryIsNotAParty', 'denunciationIsValid', 'noticeLapsed']),
                  target: '#convention.evaluationAtEnd',
                  actions: end('terminated'),
                },
                {
                  guard: and(['coSignatoryIsNotAParty', 'denunciationIsValid', 'denunciationWithinReviewWindow']),
                  target: '#convention.evaluationAtEnd',
                  actions: end('denounced'),
                },
              ],
            },
          },
        },
      },
      ...evaluationStatesV3(),
      closed: { tags: ['closed'], type: 'final' },
      withdrawn: { tags: ['closed'], type: 'final' },
    },
  });
}

/** The evaluation states of convention@2, the late report carrying its statistics by sex. */
function evaluationStatesV3() {
  const states = evaluationStates(
    { endEvaluation: 'evaluationHasAssessment', sixMonthEvaluation: 'evaluationHasAssessment' },
    { onSixMonthEvaluationDue: { type: 'sixMonthEvaluationFallsDue', params: conventionSixMonthEvaluationFallsDueParams } as const },
  );
  return {
    ...states,
    evaluationAtEnd: {
      ...states.evaluationAtEnd,
      on: {
        RECORD_REPORT: {
          guard: and(['reportRecordIsValid', 'reportPeriodHasBegun', 'reportStatisticsAreValid'] as never),
          actions: ['recordReport', 'recordReportStatistics'] as never,
        },
        ...states.evaluationAtEnd.on,
      },
    },
  } as const;
}

/** convention@2's summary, with the co-signatories' signatures, the term's reading and its renewal condition. */
export function summarizeConventionV3(context: ConventionContext) {
  const base = summarizeConvention(context);
  const coSignatories = (context.coSignatories ?? []).map((item) => item.id);
  const signed = new Set(context.signatures.map((item) => item.party));
  const rule = context.terms.term;
  return {
    ...base,
    signatures: { ...base.signatures, awaiting: [...base.signatures.awaiting, ...coSignatories.filter((id) => !signed.has(id))] },
    coSignatories,
    termReading: context.termReading ?? rule?.reading ?? DEFAULT_TERM_READING,
    renewalCondition: rule?.renewalRequires
      ? {
          requires: rule.renewalRequires,
          missing: missingRenewalRequirements(context),
          warnsAt: Object.values(context.renewalWarnings ?? {})[0],
        }
      : undefined,
    subsidyRequests: context.subsidyRequests ?? [],
  };
}

export type ConventionMachineV3 = ReturnType<typeof createConventionMachineV3>;
