import { assertEvent, assign, setup } from 'xstate';
import type { BusinessCalendar } from '../shared/calendar';
import type { DeadlineDeclaration } from '../shared/deadlines';
import { isBefore } from '../shared/envelope';
import { machineTypes } from '../shared/machine-types';
import { guardsFromRules } from '../shared/rules';
import { pickTerms } from '../shared/terms';
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
  ConventionEvent,
  ConventionEventOf,
  ConventionInput,
  ConventionTerms,
  DutyOccurrence,
  EndReason,
  FormalNotice,
  FormalNoticeOutcome,
} from './convention.types';

/** The terms of a convention: what its input, UPDATE_DRAFT and (but the effective date) AMEND may set. */
export const CONVENTION_TERM_FIELDS: readonly (keyof ConventionTerms)[] = [
  'title',
  'object',
  'term',
  'effectiveDate',
  'review',
  'formalNoticePeriod',
  'duties',
  'clauses',
];

/** The context a convention starts with: its parties and terms, nothing signed. */
export function initialConventionContext(input: ConventionInput | undefined): ConventionContext {
  return {
    parties: input?.parties ?? [],
    terms: pickTerms(input, CONVENTION_TERM_FIELDS),
    signatures: [],
    termsVersions: [],
    renewals: 0,
    anniversaries: 0,
    formalNotices: [],
    dutyOccurrences: [],
  };
}

/** Deadlines of a convention in force (also while a formal notice runs). Same-instant order: as listed. */
export const IN_FORCE_DEADLINES: DeadlineDeclaration[] = [
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

/** `target` done with its record: on time if recorded before it fell due, late after. */
function complete(occurrences: DutyOccurrence[], target: DutyOccurrence, record: DutyOccurrence['record']): DutyOccurrence[] {
  return occurrences.map((item) =>
    item === target ? { ...item, status: item.status === 'overdue' ? ('doneLate' as const) : ('done' as const), record } : item,
  );
}

/** The running notice, concluded: it leaves `formalNotice` for the `formalNotices` history. */
function closeNotice(notice: FormalNotice | undefined, outcome: FormalNoticeOutcome, at: string, note?: string): FormalNotice[] {
  if (!notice) return [];
  const { deadline: _spent, ...rest } = notice;
  return [{ ...rest, outcome, closedAt: at, ...(note ? { note } : {}) }];
}

/**
 * The convention ends: expiry at the end of the term, denunciation or termination when stated. The
 * running notice is closed, the schedule too; no anniversary remains. The +6-month date is each
 * version's own rule, added by its `recordEnd`.
 */
export function conventionEnding(
  context: ConventionContext,
  event: ConventionEventOf<'TERM_END' | 'DENOUNCE'>,
  reason: EndReason,
): Pick<ConventionContext, 'ended' | 'formalNotice' | 'formalNotices' | 'nextAnniversaryAt' | 'dutyOccurrences'> & {
  ended: NonNullable<ConventionContext['ended']>;
} {
  const at = reason === 'expired' ? (context.currentTerm?.endsAt as string) : event.at;
  const noticeOutcome: FormalNoticeOutcome = reason;
  return {
    ended: {
      reason,
      at,
      ...(event.type === 'DENOUNCE' ? { by: event.party, statement: event.reason } : {}),
    },
    formalNotice: undefined,
    formalNotices: [...context.formalNotices, ...closeNotice(context.formalNotice, noticeOutcome, at)],
    nextAnniversaryAt: undefined,
    dutyOccurrences: closeSchedule(context.dutyOccurrences, at),
  };
}

/**
 * What every version of the convention machine shares: its types, its guards (the rules of
 * convention.rules.ts) and the actions whose behaviour is the same in every version. convention@1 is
 * released and frozen: a change here changes convention@1 too, so an action that must behave
 * differently in a new version is added by that version (`.extend`), and this file is left alone.
 */
export function createConventionSetup(calendar: BusinessCalendar) {
  return setup({
    types: machineTypes<ConventionContext, ConventionEvent, ConventionInput>(),
    guards: guardsFromRules<ConventionContext, ConventionEvent, ReturnType<typeof createConventionRules>>(createConventionRules(calendar)),
    actions: {
      applyDraftUpdate: assign(({ context, event }) => {
        assertEvent(event, 'UPDATE_DRAFT');
        return {
          parties: event.parties ?? context.parties,
          terms: pickTerms({ ...context.terms, ...pickTerms(event, CONVENTION_TERM_FIELDS) }, CONVENTION_TERM_FIELDS),
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
        const terms = pickTerms(
          { ...before, ...pickTerms<ConventionTerms>(event.changes ?? {}, CONVENTION_TERM_FIELDS), effectiveDate: before.effectiveDate },
          CONVENTION_TERM_FIELDS,
        );
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
  });
}
