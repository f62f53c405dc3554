import { and, assertEvent, assign } from 'xstate';
import type { BusinessCalendar } from '../shared/calendar';
import type { StateMetaWithDeadlines } from '../shared/deadlines';
import { effect } from '../shared/effects';
import { DEFAULT_SIX_MONTH_ANCHOR, evaluationStates, sixMonthEvaluationDue } from '../shared/evaluation';
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
import { CONVENTION_KIND } from './convention.machine';
import { conventionEnding, createConventionSetup, IN_FORCE_DEADLINES, initialConventionContext } from './convention.setup';
import type { ConventionContext, ConventionInput, EndReason } from './convention.types';

export const CONVENTION_VERSION_2 = 2;

const deadlines = (meta: StateMetaWithDeadlines) => meta;

function initialContextV2(input: ConventionInput | undefined): ConventionContext {
  const context = initialConventionContext(input);
  return input?.sixMonthAnchor !== undefined ? { ...context, sixMonthAnchor: input.sixMonthAnchor } : context;
}

/** convention@2's own actions (beside those every version shares) and its declared effects. */
function createConventionSetupV2(calendar: BusinessCalendar) {
  return createConventionSetup(calendar).extend({
    actions: {
      recordSixMonthAnchor: assign(({ event }) => {
        assertEvent(event, 'UPDATE_DRAFT');
        return event.sixMonthAnchor !== undefined ? { sixMonthAnchor: event.sixMonthAnchor } : {};
      }),
      /** The convention ends; when the +6-month evaluation falls due is scheduleSixMonthEvaluation's. */
      recordEnd: assign(({ context, event }, params: { reason: EndReason }) => {
        assertEvent(event, ['TERM_END', 'DENOUNCE']);
        return conventionEnding(context, event, params.reason);
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
 * convention@2: the lifecycle of convention@1 (seeds 003 and 004) with the two states of a running
 * convention grouped under `running`: draft → openForSignature → running.inForce ⇄ running.formalNotice
 * → evaluationAtEnd → awaitingSixMonths → evaluationAtSixMonths → closed, with the exit withdrawn
 * before it is in force. `running` carries what a convention keeps doing in both (duties recorded and
 * falling due, anniversaries, the end of a term) and their deadlines; `formalNotice` adds its own. It
 * declares its side effects (convention.effects.ts) and counts the +6-month evaluation from the
 * instance's anchor.
 */
export function createConventionMachineV2(calendar: BusinessCalendar) {
  const end = (reason: EndReason) =>
    [
      { type: 'recordEnd', params: { reason } },
      'scheduleSixMonthEvaluation',
      { type: 'conventionEnded', params: conventionEndedParams },
    ] as const;

  return createConventionSetupV2(calendar).createMachine({
    id: CONVENTION_KIND,
    initial: 'draft',
    context: ({ input }) => initialContextV2(input),
    states: {
      draft: {
        tags: ['draft'],
        on: {
          UPDATE_DRAFT: { actions: ['applyDraftUpdate', 'recordSixMonthAnchor'] },
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
              target: 'running',
              actions: [
                'recordSignature',
                'enterIntoForce',
                'scheduleSixMonthEvaluation',
                { type: 'enteredIntoForce', params: enteredIntoForceParams },
              ],
            },
            { guard: and(['signerIsParty', 'partyHasNotSigned']), actions: 'recordSignature' },
          ],
          WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawal' },
        },
      },
      running: {
        initial: 'inForce',
        // Deadlines of a running convention; formalNotice adds NOTICE_EXPIRED after them (the engine
        // reads the active states ancestors first, so same-instant deadlines keep convention@1's order).
        meta: deadlines({ deadlines: IN_FORCE_DEADLINES }),
        on: {
          RECORD_COMMITTEE: { guard: and(['committeeRecordIsValid', 'meetingHasTakenPlace']), actions: 'recordCommittee' },
          RECORD_REPORT: { guard: and(['reportRecordIsValid', 'reportPeriodHasBegun']), actions: 'recordReport' },
          DUTY_DUE: { guard: 'dutyFallsDue', actions: ['recordDutyDue', { type: 'dutyFallsDue', params: dutyFallsDueParams }] },
          ANNIVERSARY: { guard: 'anniversaryReached', actions: 'openReviewWindow' },
          TERM_END: [
            {
              guard: and(['termEndReached', 'tacitRenewalAvailable']),
              actions: ['renewTerm', { type: 'termRenewed', params: termRenewedParams }],
            },
            { guard: 'termEndReached', target: 'evaluationAtEnd', actions: end('expired') },
          ],
        },
        states: {
          inForce: {
            tags: ['delivering'],
            on: {
              AMEND: {
                guard: and(['amendmentIsValid', 'amendmentSignedByEveryParty', 'amendmentWithinReviewWindow']),
                actions: 'applyAmendment',
              },
              SEND_FORMAL_NOTICE: {
                guard: and(['noticeClauseExists', 'formalNoticeIsValid']),
                target: 'formalNotice',
                actions: ['recordFormalNotice', { type: 'formalNoticeSent', params: formalNoticeSentParams }],
              },
              DENOUNCE: {
                guard: and(['denunciationIsValid', 'denunciationWithinReviewWindow']),
                target: '#convention.evaluationAtEnd',
                actions: end('denounced'),
              },
            },
          },
          formalNotice: {
            tags: ['delivering'],
            meta: deadlines({
              deadlines: [
                { event: 'NOTICE_EXPIRED', dueAt: 'formalNotice.deadline', label: 'The formal notice period ends without remedy' },
              ],
            }),
            on: {
              REMEDY: { target: 'inForce', actions: 'recordRemedy' },
              NOTICE_EXPIRED: {
                guard: 'noticePeriodElapsed',
                actions: ['recordNoticeLapse', { type: 'formalNoticeLapsed', params: formalNoticeLapsedParams }],
              },
              DENOUNCE: [
                { guard: and(['denunciationIsValid', 'noticeLapsed']), target: '#convention.evaluationAtEnd', actions: end('terminated') },
                {
                  guard: and(['denunciationIsValid', 'denunciationWithinReviewWindow']),
                  target: '#convention.evaluationAtEnd',
                  actions: end('denounced'),
                },
              ],
            },
          },
        },
      },
      ...evaluationStatesV2(),
      closed: { tags: ['closed'], type: 'final' },
      withdrawn: { tags: ['closed'], type: 'final' },
    },
  });
}

/** The evaluation states, with the late report of convention@1 and the +6-month effect. */
function evaluationStatesV2() {
  const states = evaluationStates(
    { endEvaluation: 'evaluationHasAssessment', sixMonthEvaluation: 'evaluationHasAssessment' },
    { onSixMonthEvaluationDue: { type: 'sixMonthEvaluationFallsDue', params: conventionSixMonthEvaluationFallsDueParams } as const },
  );
  return {
    ...states,
    evaluationAtEnd: {
      ...states.evaluationAtEnd,
      on: {
        // The last yearly report usually arrives after the end; it is still recorded (late if overdue).
        RECORD_REPORT: { guard: and(['reportRecordIsValid', 'reportPeriodHasBegun'] as never), actions: 'recordReport' },
        ...states.evaluationAtEnd.on,
      },
    },
  } as const;
}

export type ConventionMachineV2 = ReturnType<typeof createConventionMachineV2>;
