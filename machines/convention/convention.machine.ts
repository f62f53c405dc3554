import { and, assertEvent, assign } from 'xstate';
import type { BusinessCalendar } from '../shared/calendar';
import type { StateMetaWithDeadlines } from '../shared/deadlines';
import { evaluationStates } from '../shared/evaluation';
import { conventionEnding, createConventionSetup, IN_FORCE_DEADLINES, initialConventionContext } from './convention.setup';
import { currentVersion } from './convention.schedule';
import type { ConventionContext, DutyOccurrence, EndReason } from './convention.types';

export const CONVENTION_KIND = 'convention';
export const CONVENTION_VERSION = 1;

const deadlines = (meta: StateMetaWithDeadlines) => meta;

/**
 * What a convention keeps doing while it runs, in force or under formal notice: duties are recorded
 * and fall due, anniversaries open the review window, terms end (renewed tacitly, or expired).
 */
const WHILE_RUNNING = {
  RECORD_COMMITTEE: { guard: and(['committeeRecordIsValid', 'meetingHasTakenPlace'] as never), actions: 'recordCommittee' },
  RECORD_REPORT: { guard: and(['reportRecordIsValid', 'reportPeriodHasBegun'] as never), actions: 'recordReport' },
  DUTY_DUE: { guard: 'dutyFallsDue', actions: 'recordDutyDue' },
  ANNIVERSARY: { guard: 'anniversaryReached', actions: 'openReviewWindow' },
  TERM_END: [
    { guard: and(['termEndReached', 'tacitRenewalAvailable'] as never), actions: 'renewTerm' },
    { guard: 'termEndReached', target: 'evaluationAtEnd', actions: { type: 'recordEnd', params: { reason: 'expired' } } },
  ],
} as const;

const EVALUATION_STATES = evaluationStates({ endEvaluation: 'evaluationHasAssessment', sixMonthEvaluation: 'evaluationHasAssessment' });

/** convention@1's own actions, beside those every version shares. */
function createConventionSetupV1(calendar: BusinessCalendar) {
  return createConventionSetup(calendar).extend({
    actions: {
      /** The convention ends; the +6-month evaluation counts from its end (convention@1 knows no other anchor). */
      recordEnd: assign(({ context, event }, params: { reason: EndReason }) => {
        assertEvent(event, ['TERM_END', 'DENOUNCE']);
        const ending = conventionEnding(context, event, params.reason);
        return { ...ending, sixMonthEvaluationDue: calendar.addMonths(ending.ended.at, 6) };
      }),
    },
  });
}

/**
 * The convention lifecycle (seeds 003 and 004): draft → openForSignature → inForce ⇄ formalNotice →
 * evaluationAtEnd → awaitingSixMonths → evaluationAtSixMonths → closed, with the exit withdrawn before
 * it is in force. How it ended (expired, denounced, terminated) is recorded in `ended.reason`.
 */
export function createConventionMachine(calendar: BusinessCalendar) {
  return createConventionSetupV1(calendar).createMachine({
    id: CONVENTION_KIND,
    initial: 'draft',
    context: ({ input }) => initialConventionContext(input),
    states: {
      draft: {
        tags: ['draft'],
        on: {
          UPDATE_DRAFT: { actions: 'applyDraftUpdate' },
          OPEN_FOR_SIGNATURE: { guard: and(['partiesAreValid', 'termsAreComplete']), target: 'openForSignature', actions: 'recordOpening' },
          WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawal' },
        },
      },
      openForSignature: {
        tags: ['published'],
        on: {
          SIGN: [
            {
              guard: and(['signerIsParty', 'partyHasNotSigned', 'completesSignatures']),
              target: 'inForce',
              actions: ['recordSignature', 'enterIntoForce'],
            },
            { guard: and(['signerIsParty', 'partyHasNotSigned']), actions: 'recordSignature' },
          ],
          WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawal' },
        },
      },
      inForce: {
        tags: ['delivering'],
        meta: deadlines({ deadlines: IN_FORCE_DEADLINES }),
        on: {
          AMEND: {
            guard: and(['amendmentIsValid', 'amendmentSignedByEveryParty', 'amendmentWithinReviewWindow']),
            actions: 'applyAmendment',
          },
          SEND_FORMAL_NOTICE: {
            guard: and(['noticeClauseExists', 'formalNoticeIsValid']),
            target: 'formalNotice',
            actions: 'recordFormalNotice',
          },
          DENOUNCE: {
            guard: and(['denunciationIsValid', 'denunciationWithinReviewWindow']),
            target: 'evaluationAtEnd',
            actions: { type: 'recordEnd', params: { reason: 'denounced' } },
          },
          ...WHILE_RUNNING,
        },
      },
      formalNotice: {
        tags: ['delivering'],
        meta: deadlines({
          deadlines: [
            ...IN_FORCE_DEADLINES,
            { event: 'NOTICE_EXPIRED', dueAt: 'formalNotice.deadline', label: 'The formal notice period ends without remedy' },
          ],
        }),
        on: {
          REMEDY: { target: 'inForce', actions: 'recordRemedy' },
          NOTICE_EXPIRED: { guard: 'noticePeriodElapsed', actions: 'recordNoticeLapse' },
          DENOUNCE: [
            {
              guard: and(['denunciationIsValid', 'noticeLapsed']),
              target: 'evaluationAtEnd',
              actions: { type: 'recordEnd', params: { reason: 'terminated' } },
            },
            {
              guard: and(['denunciationIsValid', 'denunciationWithinReviewWindow']),
              target: 'evaluationAtEnd',
              actions: { type: 'recordEnd', params: { reason: 'denounced' } },
            },
          ],
          ...WHILE_RUNNING,
        },
      },
      ...EVALUATION_STATES,
      evaluationAtEnd: {
        ...EVALUATION_STATES.evaluationAtEnd,
        on: {
          // The last yearly report usually arrives after the end; it is still recorded (late if overdue).
          RECORD_REPORT: { guard: and(['reportRecordIsValid', 'reportPeriodHasBegun']), actions: 'recordReport' },
          ...EVALUATION_STATES.evaluationAtEnd.on,
        },
      },
      closed: { tags: ['closed'], type: 'final' },
      withdrawn: { tags: ['closed'], type: 'final' },
    },
  });
}

export type ConventionMachine = ReturnType<typeof createConventionMachine>;

/** The derived part of a convention's view: terms in force, signatures, schedule and duties. */
export function summarizeConvention(context: ConventionContext) {
  const version = currentVersion(context);
  const signed = new Set(context.signatures.map((item) => item.party));
  const tally: Record<string, Record<DutyOccurrence['status'], number>> = {};
  for (const item of context.dutyOccurrences) {
    tally[item.dutyId] ??= { pending: 0, done: 0, doneLate: 0, overdue: 0, cancelled: 0 };
    tally[item.dutyId][item.status] += 1;
  }
  const brief = (item: DutyOccurrence) => ({ dutyId: item.dutyId, sequence: item.sequence, dueAt: item.dueAt, status: item.status });
  return {
    termsInForce: version
      ? { version: version.version, adoptedAt: version.adoptedAt, summary: version.summary, terms: version.terms }
      : undefined,
    versions: context.termsVersions.length,
    signatures: {
      signed: context.signatures.map((item) => item.party),
      awaiting: context.parties.map((party) => party.id).filter((id) => !signed.has(id)),
    },
    effectiveFrom: context.effectiveFrom,
    currentTerm: context.currentTerm,
    renewals: context.renewals,
    reviewWindow: context.reviewWindow,
    nextAnniversaryAt: context.nextAnniversaryAt,
    formalNotice: context.formalNotice,
    duties: {
      overdue: context.dutyOccurrences.filter((item) => item.status === 'overdue').map(brief),
      upcoming: context.dutyOccurrences.filter((item) => item.deadline !== undefined).map(brief),
      tally,
    },
    ended: context.ended,
  };
}
