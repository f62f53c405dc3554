import { and, assertEvent, assign, setup } from 'xstate';
import type { BusinessCalendar } from '../shared/calendar';
import type { StateMetaWithDeadlines } from '../shared/deadlines';
import { isBefore } from '../shared/envelope';
import { guardsFromRules } from '../shared/rules';
import { createConventionRules, findOccurrence, occurrenceForDate } from './convention.rules';
import {
  anniversaryOf,
  closeSchedule,
  currentVersion,
  effectiveFromOf,
  fallDue,
  firstOccurrences,
  nextAnniversaryAfter,
  rescheduleDuties,
} from './convention.schedule';
import type {
  ConventionContext,
  ConventionDraft,
  ConventionEvent,
  ConventionInput,
  ConventionTerms,
  DutyOccurrence,
  EndReason,
  FormalNotice,
  FormalNoticeOutcome,
} from './convention.types';
import { evaluationStates } from '../shared/evaluation';

export const CONVENTION_KIND = 'convention';
export const CONVENTION_VERSION = 1;

const TERM_FIELDS: (keyof ConventionTerms)[] = [
  'title',
  'object',
  'term',
  'effectiveDate',
  'review',
  'formalNoticePeriod',
  'duties',
  'clauses',
];

function pickTerms(source: Partial<ConventionTerms>): ConventionTerms {
  const terms: ConventionTerms = {};
  for (const field of TERM_FIELDS) {
    if (source[field] !== undefined) (terms as Record<string, unknown>)[field] = source[field];
  }
  return terms;
}

function initialContext(input: ConventionDraft | undefined): ConventionContext {
  return {
    parties: input?.parties ?? [],
    terms: pickTerms(input ?? {}),
    signatures: [],
    termsVersions: [],
    renewals: 0,
    anniversaries: 0,
    formalNotices: [],
    dutyOccurrences: [],
  };
}

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
/** Deadlines of a convention in force (also while a formal notice runs). Same-instant order: as listed. */
const IN_FORCE_DEADLINES = [
  {
    event: 'DUTY_DUE',
    each: 'dutyOccurrences',
    dueAt: 'deadline',
    payload: { dutyId: 'dutyId', sequence: 'sequence' },
    label: 'A committee meeting or a report falls due (unrecorded: overdue); the next one is scheduled',
  },
  { event: 'ANNIVERSARY', dueAt: 'nextAnniversaryAt', label: 'The anniversary review window opens' },
  { event: 'TERM_END', dueAt: 'currentTerm.endsAt', label: 'The term ends: tacit renewal or expiry' },
];

/** The running notice, concluded: it leaves `formalNotice` for the `formalNotices` history. */
/** `target` done with its record: on time if recorded before it fell due, late after. */
function complete(occurrences: DutyOccurrence[], target: DutyOccurrence, record: DutyOccurrence['record']): DutyOccurrence[] {
  return occurrences.map((item) =>
    item === target ? { ...item, status: item.status === 'overdue' ? ('doneLate' as const) : ('done' as const), record } : item,
  );
}

function closeNotice(notice: FormalNotice | undefined, outcome: FormalNoticeOutcome, at: string, note?: string): FormalNotice[] {
  if (!notice) return [];
  const { deadline: _spent, ...rest } = notice;
  return [{ ...rest, outcome, closedAt: at, ...(note ? { note } : {}) }];
}

/**
 * The convention lifecycle (seeds 003 and 004): draft → openForSignature → inForce ⇄ formalNotice →
 * evaluationAtEnd → awaitingSixMonths → evaluationAtSixMonths → closed, with the exit withdrawn before
 * it is in force. How it ended (expired, denounced, terminated) is recorded in `ended.reason`.
 */
export function createConventionMachine(calendar: BusinessCalendar) {
  return setup({
    types: {
      context: {} as ConventionContext,
      events: {} as ConventionEvent,
      input: {} as ConventionInput,
    },
    guards: guardsFromRules<ConventionContext, ConventionEvent, ReturnType<typeof createConventionRules>>(createConventionRules(calendar)),
    actions: {
      applyDraftUpdate: assign(({ context, event }) => {
        assertEvent(event, 'UPDATE_DRAFT');
        return {
          parties: event.parties ?? context.parties,
          terms: pickTerms({ ...context.terms, ...pickTerms(event) }),
        };
      }),
      recordOpening: assign(({ event }) => ({ openedForSignatureAt: event.at })),
      recordSignature: assign(({ context, event }) => {
        assertEvent(event, 'SIGN');
        return { signatures: [...context.signatures, { party: event.party, at: event.at }] };
      }),
      /** All parties have signed: effective date, first term, anniversaries and the first duty occurrences. */
      enterIntoForce: assign(({ context, event }) => {
        assertEvent(event, 'SIGN');
        const terms = context.terms;
        const effectiveFrom = effectiveFromOf(calendar, event.at, terms.effectiveDate);
        const duration = terms.term?.duration as string;
        return {
          signedAt: event.at,
          effectiveFrom,
          termsVersions: [
            { version: 1, terms, adoptedAt: event.at, summary: 'Initial terms', signedBy: context.signatures.map((item) => item.party) },
          ],
          currentTerm: { number: 1, startsAt: effectiveFrom, endsAt: calendar.addDuration(effectiveFrom, duration) },
          nextAnniversaryAt: terms.review ? anniversaryOf(calendar, effectiveFrom, 1) : undefined,
          dutyOccurrences: firstOccurrences(calendar, terms.duties ?? [], effectiveFrom),
        };
      }),
      recordWithdrawal: assign(({ event }) => {
        assertEvent(event, 'WITHDRAW');
        return { withdrawal: { at: event.at, ...(event.reason ? { reason: event.reason } : {}) } };
      }),
      /** A new version of the terms; a changed term, review or duties clause takes effect on the schedule. */
      applyAmendment: assign(({ context, event }) => {
        assertEvent(event, 'AMEND');
        const before = context.terms;
        const terms = pickTerms({ ...before, ...pickTerms(event.changes ?? {}), effectiveDate: before.effectiveDate });
        const version = (currentVersion(context)?.version ?? 0) + 1;
        const update: Partial<ConventionContext> = {
          terms,
          termsVersions: [
            ...context.termsVersions,
            { version, terms, adoptedAt: event.at, summary: event.summary, signedBy: event.signedBy },
          ],
        };
        const current = context.currentTerm;
        if (current && terms.term && terms.term.duration !== before.term?.duration) {
          // The current term is recomputed from its start; a term shortened into the past ends now.
          const endsAt = calendar.addDuration(current.startsAt, terms.term.duration);
          update.currentTerm = { ...current, endsAt: isBefore(event.at, endsAt) ? endsAt : event.at };
        }
        if (JSON.stringify(terms.review ?? null) !== JSON.stringify(before.review ?? null)) {
          const next = nextAnniversaryAfter(calendar, context.effectiveFrom as string, event.at);
          update.anniversaries = next.n - 1;
          update.nextAnniversaryAt = terms.review ? next.at : undefined;
        }
        if (JSON.stringify(terms.duties ?? []) !== JSON.stringify(before.duties ?? [])) {
          update.dutyOccurrences = rescheduleDuties(calendar, context.dutyOccurrences, before.duties ?? [], terms.duties ?? [], event.at);
        }
        return update;
      }),
      /** A meeting held in its period: on time if recorded before the occurrence fell due, late after. */
      recordCommittee: assign(({ context, event }) => {
        assertEvent(event, 'RECORD_COMMITTEE');
        const target = occurrenceForDate(context, event.committee, event.date) as DutyOccurrence;
        return {
          dutyOccurrences: complete(context.dutyOccurrences, target, { recordedAt: event.at, date: event.date, ref: event.minutesRef }),
        };
      }),
      recordReport: assign(({ context, event }) => {
        assertEvent(event, 'RECORD_REPORT');
        const target = findOccurrence(context, event.report, event.year) as DutyOccurrence;
        return {
          dutyOccurrences: complete(context.dutyOccurrences, target, {
            recordedAt: event.at,
            ...(event.documentRef ? { ref: event.documentRef } : {}),
          }),
        };
      }),
      recordDutyDue: assign(({ context, event }) => {
        assertEvent(event, 'DUTY_DUE');
        return { dutyOccurrences: fallDue(calendar, context.dutyOccurrences, context.terms.duties ?? [], event.dutyId, event.sequence) };
      }),
      /** 004 art. 10: each year at the anniversary a review window opens; the next anniversary is scheduled. */
      openReviewWindow: assign(({ context }) => {
        const opensAt = context.nextAnniversaryAt as string;
        const anniversary = context.anniversaries + 1;
        const width = context.terms.review?.anniversaryWindow as string;
        return {
          anniversaries: anniversary,
          reviewWindow: { anniversary, opensAt, closesAt: calendar.addDuration(opensAt, width) },
          nextAnniversaryAt: anniversaryOf(calendar, context.effectiveFrom as string, anniversary + 1),
        };
      }),
      /** 003 art. 4: tacit renewal; the new term starts when the previous one ends. */
      renewTerm: assign(({ context }) => {
        const previous = context.currentTerm as NonNullable<ConventionContext['currentTerm']>;
        const duration = context.terms.term?.duration as string;
        return {
          renewals: context.renewals + 1,
          currentTerm: { number: previous.number + 1, startsAt: previous.endsAt, endsAt: calendar.addDuration(previous.endsAt, duration) },
        };
      }),
      recordFormalNotice: assign(({ context, event }) => {
        assertEvent(event, 'SEND_FORMAL_NOTICE');
        const expiresAt = calendar.addDuration(event.at, context.terms.formalNoticePeriod as string);
        return {
          formalNotice: {
            from: event.from,
            to: event.to,
            breach: event.breach,
            ...(event.letterRef ? { letterRef: event.letterRef } : {}),
            sentAt: event.at,
            expiresAt,
            deadline: expiresAt,
          },
        };
      }),
      recordRemedy: assign(({ context, event }) => {
        assertEvent(event, 'REMEDY');
        const closed = closeNotice(context.formalNotice, 'remedied', event.at, event.note);
        return { formalNotice: undefined, formalNotices: [...context.formalNotices, ...closed] };
      }),
      recordNoticeLapse: assign(({ context }) => {
        const { deadline: _spent, ...notice } = context.formalNotice as FormalNotice;
        return { formalNotice: { ...notice, lapsedAt: notice.expiresAt } };
      }),
      /** The convention ends: expiry at the end of the term, denunciation or termination when stated. */
      recordEnd: assign(({ context, event }, params: { reason: EndReason }) => {
        assertEvent(event, ['TERM_END', 'DENOUNCE']);
        const at = params.reason === 'expired' ? (context.currentTerm?.endsAt as string) : event.at;
        const noticeOutcome: FormalNoticeOutcome = params.reason;
        return {
          ended: {
            reason: params.reason,
            at,
            ...(event.type === 'DENOUNCE' ? { by: event.party, statement: event.reason } : {}),
          },
          formalNotice: undefined,
          formalNotices: [...context.formalNotices, ...closeNotice(context.formalNotice, noticeOutcome, at)],
          nextAnniversaryAt: undefined,
          dutyOccurrences: closeSchedule(context.dutyOccurrences, at),
          sixMonthEvaluationDue: calendar.addMonths(at, 6),
        };
      }),
      recordEndEvaluation: assign(({ event }) => {
        assertEvent(event, 'RECORD_END_EVALUATION');
        return {
          endEvaluation: { assessment: event.assessment, ...(event.evaluator ? { evaluator: event.evaluator } : {}), recordedAt: event.at },
        };
      }),
      recordSixMonthEvaluation: assign(({ event }) => {
        assertEvent(event, 'RECORD_SIX_MONTH_EVALUATION');
        return {
          sixMonthEvaluation: {
            assessment: event.assessment,
            ...(event.evaluator ? { evaluator: event.evaluator } : {}),
            recordedAt: event.at,
          },
        };
      }),
    },
  }).createMachine({
    id: CONVENTION_KIND,
    initial: 'draft',
    context: ({ input }) => initialContext(input),
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
