import { assertEvent } from 'xstate';
import { DEFAULT_SIX_MONTH_ANCHOR, sixMonthAnchorDate, type SixMonthEvaluationFallsDueParams } from '../shared/evaluation';
import { findOccurrence } from './convention.rules';
import type {
  ConventionContext,
  ConventionEnd,
  ConventionEvent,
  ConventionParty,
  DutyKind,
  DutyOccurrence,
  EndReason,
  FormalNotice,
  TermPeriod,
} from './convention.types';

/**
 * The side effects convention@2 declares (machines/shared/effects.ts): each is a named action whose
 * params are computed here from the context (after the step's assigns) and the event. Every one names
 * the convention by its title and lists the parties to inform, with their representatives; the
 * instance id is the outbox's, not the machine's.
 */
export const CONVENTION_EFFECTS = [
  'enteredIntoForce',
  'dutyFallsDue',
  'formalNoticeSent',
  'formalNoticeLapsed',
  'termRenewed',
  'conventionEnded',
  'sixMonthEvaluationFallsDue',
] as const;

export type ConventionEffectType = (typeof CONVENTION_EFFECTS)[number];

/** A party as a notification addresses it: the organisation and the person who signs for it. */
export interface PartyToInform {
  id: string;
  organisation: string;
  representative: { name: string; title: string };
}

/** Which convention, and whom to inform: every party. */
export interface ConventionReference {
  title?: string;
  parties: PartyToInform[];
}

/** One occurrence of a duty, as announced. */
export interface DutyOccurrenceNotice {
  dutyId: string;
  kind: DutyKind;
  label?: string;
  sequence: number;
  dueAt: string;
}

/** The last signature: the convention is in force (003 art. 4: from its date of signature). */
export interface EnteredIntoForceParams extends ConventionReference {
  signedAt: string;
  effectiveFrom: string;
  term: TermPeriod;
  tacitRenewal: boolean;
  /** The first occurrence of each duty (004 art. 9 committees, 003/004 yearly reports). */
  firstDuties: DutyOccurrenceNotice[];
  /** With review rules (004 art. 10): the first anniversary. */
  nextAnniversaryAt?: string;
  /** With the `start` anchor the +6-month date is known from now on. */
  sixMonthEvaluationDue?: string;
}

/**
 * A committee meeting or a yearly report falls due (004 art. 9, art. 7; 003 charter §5): on time if it
 * was recorded (`done`), otherwise `overdue`; the next occurrence is announced with it.
 */
export interface DutyFallsDueParams extends ConventionReference, DutyOccurrenceNotice {
  periodStart: string;
  periodEnd: string;
  status: DutyOccurrence['status'];
  next?: DutyOccurrenceNotice;
}

/** A registered letter of formal notice (003 art. 5). */
export interface FormalNoticeSentParams extends ConventionReference {
  from: PartyToInform;
  to: PartyToInform;
  breach: string;
  letterRef?: string;
  sentAt: string;
  expiresAt: string;
}

/** The notice period ran out without remedy: either party may now denounce (003 art. 5). */
export interface FormalNoticeLapsedParams extends ConventionReference {
  from: PartyToInform;
  to: PartyToInform;
  breach: string;
  sentAt: string;
  lapsedAt: string;
}

/** Tacit renewal at the end of a term (003 art. 4). */
export interface TermRenewedParams extends ConventionReference {
  renewals: number;
  term: TermPeriod;
  maxRenewals?: number;
}

/** The convention ended: expired, denounced (004 art. 10) or terminated after a notice (003 art. 5). */
export interface ConventionEndedParams extends ConventionReference {
  reason: EndReason;
  at: string;
  /** The denouncing party. */
  by?: PartyToInform;
  statement?: string;
  sixMonthEvaluationDue: string;
}

/** The +6-month evaluation is due; every party is asked. */
export interface ConventionSixMonthEvaluationFallsDueParams extends SixMonthEvaluationFallsDueParams {
  parties: PartyToInform[];
}

export type ConventionEffect =
  | { type: 'enteredIntoForce'; params: EnteredIntoForceParams }
  | { type: 'dutyFallsDue'; params: DutyFallsDueParams }
  | { type: 'formalNoticeSent'; params: FormalNoticeSentParams }
  | { type: 'formalNoticeLapsed'; params: FormalNoticeLapsedParams }
  | { type: 'termRenewed'; params: TermRenewedParams }
  | { type: 'conventionEnded'; params: ConventionEndedParams }
  | { type: 'sixMonthEvaluationFallsDue'; params: ConventionSixMonthEvaluationFallsDueParams };

type Args<T extends ConventionEvent['type'] = ConventionEvent['type']> = {
  context: ConventionContext;
  event: Extract<ConventionEvent, { type: T }>;
};

function partyToInform({ id, organisation, representative }: ConventionParty): PartyToInform {
  return { id, organisation, representative: { name: representative.name, title: representative.title } };
}

function party(context: ConventionContext, id: string): PartyToInform {
  const found = context.parties.find((candidate) => candidate.id === id) as ConventionParty;
  return partyToInform(found);
}

function reference(context: ConventionContext): ConventionReference {
  return {
    ...(context.terms.title !== undefined ? { title: context.terms.title } : {}),
    parties: context.parties.map(partyToInform),
  };
}

function notice(context: ConventionContext, occurrence: DutyOccurrence): DutyOccurrenceNotice {
  const label = (context.terms.duties ?? []).find((duty) => duty.id === occurrence.dutyId)?.label;
  return {
    dutyId: occurrence.dutyId,
    kind: occurrence.kind,
    ...(label !== undefined ? { label } : {}),
    sequence: occurrence.sequence,
    dueAt: occurrence.dueAt,
  };
}

export function enteredIntoForceParams({ context, event }: Args<'SIGN'>): EnteredIntoForceParams {
  assertEvent(event, 'SIGN');
  return {
    ...reference(context),
    signedAt: context.signedAt as string,
    effectiveFrom: context.effectiveFrom as string,
    term: context.currentTerm as TermPeriod,
    tacitRenewal: context.terms.term?.tacitRenewal === true,
    firstDuties: context.dutyOccurrences.map((occurrence) => notice(context, occurrence)),
    ...(context.nextAnniversaryAt !== undefined ? { nextAnniversaryAt: context.nextAnniversaryAt } : {}),
    ...(context.sixMonthEvaluationDue !== undefined ? { sixMonthEvaluationDue: context.sixMonthEvaluationDue } : {}),
  };
}

export function dutyFallsDueParams({ context, event }: Args<'DUTY_DUE'>): DutyFallsDueParams {
  assertEvent(event, 'DUTY_DUE');
  const fallen = findOccurrence(context, event.dutyId, event.sequence) as DutyOccurrence;
  const next = findOccurrence(context, event.dutyId, event.sequence + 1);
  return {
    ...reference(context),
    ...notice(context, fallen),
    periodStart: fallen.periodStart,
    periodEnd: fallen.periodEnd,
    status: fallen.status,
    ...(next ? { next: notice(context, next) } : {}),
  };
}

export function formalNoticeSentParams({ context, event }: Args<'SEND_FORMAL_NOTICE'>): FormalNoticeSentParams {
  assertEvent(event, 'SEND_FORMAL_NOTICE');
  const sent = context.formalNotice as FormalNotice;
  return {
    ...reference(context),
    from: party(context, sent.from),
    to: party(context, sent.to),
    breach: sent.breach,
    ...(sent.letterRef !== undefined ? { letterRef: sent.letterRef } : {}),
    sentAt: sent.sentAt,
    expiresAt: sent.expiresAt,
  };
}

export function formalNoticeLapsedParams({ context, event }: Args<'NOTICE_EXPIRED'>): FormalNoticeLapsedParams {
  assertEvent(event, 'NOTICE_EXPIRED');
  const lapsed = context.formalNotice as FormalNotice;
  return {
    ...reference(context),
    from: party(context, lapsed.from),
    to: party(context, lapsed.to),
    breach: lapsed.breach,
    sentAt: lapsed.sentAt,
    lapsedAt: lapsed.lapsedAt as string,
  };
}

export function termRenewedParams({ context, event }: Args<'TERM_END'>): TermRenewedParams {
  assertEvent(event, 'TERM_END');
  const maxRenewals = context.terms.term?.maxRenewals;
  return {
    ...reference(context),
    renewals: context.renewals,
    term: context.currentTerm as TermPeriod,
    ...(maxRenewals !== undefined ? { maxRenewals } : {}),
  };
}

export function conventionEndedParams({ context, event }: Args<'TERM_END' | 'DENOUNCE'>): ConventionEndedParams {
  assertEvent(event, ['TERM_END', 'DENOUNCE']);
  const ended = context.ended as ConventionEnd;
  return {
    ...reference(context),
    reason: ended.reason,
    at: ended.at,
    ...(ended.by !== undefined ? { by: party(context, ended.by) } : {}),
    ...(ended.statement !== undefined ? { statement: ended.statement } : {}),
    sixMonthEvaluationDue: context.sixMonthEvaluationDue as string,
  };
}

export function conventionSixMonthEvaluationFallsDueParams({ context }: Args): ConventionSixMonthEvaluationFallsDueParams {
  const anchor = context.sixMonthAnchor ?? DEFAULT_SIX_MONTH_ANCHOR;
  return {
    subject: context.terms.title ?? '',
    dueAt: context.sixMonthEvaluationDue as string,
    anchor,
    countedFrom: sixMonthAnchorDate(anchor, { start: context.effectiveFrom, end: context.ended?.at }) as string,
    parties: context.parties.map(partyToInform),
  };
}
