import type { TimedEvent } from '../shared/envelope';
import type { SixMonthAnchor } from '../shared/evaluation';

/** A signatory: an organisation, the person who signs for it, and its role in the convention (003, 004). */
export interface ConventionParty {
  /** Unique within the convention (003 has the CRAJEP twice: as a local and as a regional signatory). */
  id: string;
  organisation: string;
  representative: { name: string; title: string };
  /** The party's role, e.g. 'local signatory', 'regional signatory', 'co-chair of the steering committee'. */
  role: string;
  /** convention@3: who is written to for the party (its notifications and reminders by e-mail). */
  contact?: { name?: string; email?: string };
}

/** How long a term lasts and whether it renews by itself (003: one year, tacitly renewed; 004: three years). */
export interface TermRule {
  /** ISO 8601 duration of one term: P1Y, P3Y, P18M. */
  duration: string;
  tacitRenewal: boolean;
  /** How many tacit renewals at most; no limit when absent. */
  maxRenewals?: number;
  /**
   * convention@3 (003 art. 4: "tacitement reconduite dans le cadre de la demande de subvention annuelle
   * et du bilan déposés"): what must be recorded during a term for it to renew; without it, it expires.
   */
  renewalRequires?: RenewalRequirement[];
  /** convention@3: how long before the term's end the agenda warns of an unmet renewal condition (default P1M). */
  renewalWarning?: string;
  /**
   * convention@3: how the duration is read. `twelveMonths` (the default): from the effective date for
   * `duration`. `calendarYear` (003 art. 4 "une année civile"): terms end on 31 December, i.e. at the
   * start of 1 January (Paris); the duration is then in whole years.
   */
  reading?: TermReading;
}

/** convention@3: what a tacit renewal needs recorded during the term (003 art. 4). */
export type RenewalRequirement = 'report' | 'subsidyRequest';

export type TermReading = 'twelveMonths' | 'calendarYear';

export type ReviewAction = 'amendment' | 'denunciation';

/**
 * Review at the anniversary (004 art. 10: "may be amended or denounced at the request of a signatory each
 * year at the anniversary date of the signature"). A window of `anniversaryWindow` opens at each
 * anniversary; the listed actions are allowed only inside it.
 */
export interface ReviewRule {
  anniversaryWindow: string;
  allows: ReviewAction[];
}

export type DutyKind = 'committee' | 'report';

/** A recurring obligation (004 art. 9: technical committee every quarter, steering committee yearly; 003: yearly activity report). */
export interface DutyRule {
  id: string;
  kind: DutyKind;
  /** ISO 8601 duration between occurrences: P3M, P1Y. */
  every: string;
  label?: string;
}

/** The terms of the convention: what amendments (avenants) change, kept as numbered versions once in force. */
export interface ConventionTerms {
  title?: string;
  object?: string;
  term?: TermRule;
  /** A stated effective date (YYYY-MM-DD); the convention takes effect at the later of it and the last signature. */
  effectiveDate?: string;
  review?: ReviewRule;
  /** The termination clause (003 art. 5: two months after a registered letter of formal notice): P2M. */
  formalNoticePeriod?: string;
  duties?: DutyRule[];
  /** Other clauses by article number, as agreed text (e.g. { '3': 'Coordination by ...' }). */
  clauses?: Record<string, string>;
}

/** What an amendment may change: everything but the effective date. */
export type AmendableTerms = Omit<ConventionTerms, 'effectiveDate'>;

/** The creation input and the UPDATE_DRAFT payload: the terms and the parties. */
export interface ConventionDraft extends ConventionTerms {
  parties?: ConventionParty[];
  /**
   * convention@3 (004: the Préfet signs beside the two parties): signatories whose signature is needed
   * for the entry into force, who are not parties (no amendment needs them, no notice or denunciation
   * is theirs). Not a term of the agreement: no amendment changes them.
   */
  coSignatories?: ConventionParty[];
  /**
   * convention@2: what the +6-month evaluation counts from, the effective date (`start`, the default)
   * or the end of the convention (`end`). Not a term of the agreement: amendments do not change it.
   * convention@1 ignores it and always counts from the end.
   */
  sixMonthAnchor?: SixMonthAnchor;
}

export type ConventionInput = ConventionDraft;

export interface Signature {
  party: string;
  at: string;
}

export interface TermsVersion {
  version: number;
  terms: ConventionTerms;
  adoptedAt: string;
  /** 'Initial terms' for version 1, the amendment's summary afterwards. */
  summary: string;
  signedBy: string[];
}

export interface TermPeriod {
  number: number;
  startsAt: string;
  endsAt: string;
}

export interface ReviewWindow {
  anniversary: number;
  opensAt: string;
  closesAt: string;
}

export type DutyStatus = 'pending' | 'done' | 'doneLate' | 'overdue' | 'cancelled';

/**
 * One occurrence of a duty, covering [periodStart, periodEnd) and due at periodEnd. `deadline` is present
 * only while the occurrence has not fallen due yet: it is what the state's `each` deadline reads, so a
 * fallen-due occurrence is never scheduled again.
 */
export interface DutyOccurrence {
  dutyId: string;
  kind: DutyKind;
  /** 1, 2, 3...: for a yearly report, the convention year it reports on. */
  sequence: number;
  periodStart: string;
  periodEnd: string;
  /** Paris business dates of the period, for matching a meeting date: firstDay inclusive, endDay exclusive. */
  firstDay: string;
  endDay: string;
  dueAt: string;
  deadline?: string;
  status: DutyStatus;
  /** When it fell due without being recorded. Kept after a late record, for indicators. */
  overdueAt?: string;
  record?: { recordedAt: string; date?: string; ref?: string; statistics?: ReportStatistics };
  /** The schedule this occurrence belongs to: periodEnd = anchor + every × step. */
  anchor: string;
  step: number;
}

/** convention@3: people counted by sex (004 art. 6, "statistiques sexuées"). */
export interface SexBreakdown {
  F: number;
  M: number;
  unspecified?: number;
}

/** convention@3: one action carried out in the year, and the people it reached by sex (004 art. 6). */
export interface ActionStatistics {
  label: string;
  /** The total, when given: F + M + unspecified. */
  participants?: number;
  participantsBySex: SexBreakdown;
}

/** convention@3: the sex-disaggregated statistics a yearly report carries (004 art. 6). */
export interface ReportStatistics {
  /** People reached in the year, in total (when given: the sum of participantsBySex). */
  participants?: number;
  participantsBySex?: SexBreakdown;
  actions?: ActionStatistics[];
}

/** convention@3: a yearly subsidy request filed (003 art. 4: "demande de subvention annuelle"). */
export interface SubsidyRequest {
  reference: string;
  /** The business date it was filed (Europe/Paris); the day of `recordedAt` when not given. */
  filedOn: string;
  recordedAt: string;
  /** The term it was filed in, the one whose renewal it supports. */
  term: number;
}

export type FormalNoticeOutcome = 'remedied' | 'terminated' | 'denounced' | 'expired';

export interface FormalNotice {
  from: string;
  to: string;
  breach: string;
  letterRef?: string;
  /** convention@3: the acknowledgement of receipt's date (YYYY-MM-DD), when known. */
  receivedOn?: string;
  sentAt: string;
  expiresAt: string;
  /** Present until NOTICE_EXPIRED has been recorded (see DutyOccurrence.deadline). */
  deadline?: string;
  lapsedAt?: string;
  outcome?: FormalNoticeOutcome;
  closedAt?: string;
  note?: string;
}

export type EndReason = 'expired' | 'denounced' | 'terminated';

export interface ConventionEnd {
  reason: EndReason;
  at: string;
  /** The denouncing party. */
  by?: string;
  statement?: string;
  /** convention@3: an expiry because a renewal condition was not met, and what was missing. */
  missing?: RenewalRequirement[];
  note?: string;
}

export interface Evaluation {
  assessment: string;
  evaluator?: string;
  recordedAt: string;
}

export interface ConventionContext {
  parties: ConventionParty[];
  /** convention@3: signatories who are not parties (see ConventionDraft). */
  coSignatories?: ConventionParty[];
  /** convention@3: how the term's duration is read, from the terms in force (twelveMonths by default). */
  termReading?: TermReading;
  /** convention@3: the yearly subsidy requests recorded. */
  subsidyRequests?: SubsidyRequest[];
  /**
   * convention@3: while a renewal condition of the current term is unmet, when the agenda warns of it
   * (one instant per missing requirement; absent once recorded).
   */
  renewalWarnings?: Partial<Record<RenewalRequirement, string>>;
  /** convention@2, when the draft names it (see ConventionDraft). */
  sixMonthAnchor?: SixMonthAnchor;
  /** The draft terms, then the terms in force (the latest version). */
  terms: ConventionTerms;
  openedForSignatureAt?: string;
  signatures: Signature[];
  /** The instant of the last signature. */
  signedAt?: string;
  effectiveFrom?: string;
  termsVersions: TermsVersion[];
  currentTerm?: TermPeriod;
  renewals: number;
  /** Anniversaries of the effective date reached so far. */
  anniversaries: number;
  /** Set only when the convention has review rules. */
  nextAnniversaryAt?: string;
  reviewWindow?: ReviewWindow;
  formalNotice?: FormalNotice;
  formalNotices: FormalNotice[];
  dutyOccurrences: DutyOccurrence[];
  ended?: ConventionEnd;
  sixMonthEvaluationDue?: string;
  endEvaluation?: Evaluation;
  sixMonthEvaluation?: Evaluation;
  withdrawal?: { at: string; reason?: string };
}

export type ConventionEvent =
  | ({ type: 'UPDATE_DRAFT' } & ConventionDraft & TimedEvent)
  | ({ type: 'OPEN_FOR_SIGNATURE' } & TimedEvent)
  | ({ type: 'SIGN'; party: string } & TimedEvent)
  | ({ type: 'WITHDRAW'; reason?: string } & TimedEvent)
  | ({ type: 'AMEND'; summary: string; signedBy: string[]; changes?: AmendableTerms } & TimedEvent)
  | ({ type: 'RECORD_COMMITTEE'; committee: string; date: string; minutesRef: string } & TimedEvent)
  | ({ type: 'RECORD_REPORT'; report: string; year: number; documentRef?: string } & ReportStatistics & TimedEvent)
  | ({ type: 'ANNIVERSARY' } & TimedEvent)
  | ({ type: 'TERM_END' } & TimedEvent)
  | ({
      type: 'SEND_FORMAL_NOTICE';
      from: string;
      to: string;
      breach: string;
      letterRef?: string;
      /** convention@3: the registered letter's reference, which it requires (003 art. 5). */
      letterReference?: string;
      receivedOn?: string;
    } & TimedEvent)
  | ({ type: 'RECORD_NOTICE_RECEIPT'; receivedOn: string } & TimedEvent)
  | ({ type: 'RECORD_SUBSIDY_REQUEST'; reference: string; filedOn?: string } & TimedEvent)
  | ({ type: 'REMEDY'; note?: string } & TimedEvent)
  | ({ type: 'NOTICE_EXPIRED' } & TimedEvent)
  | ({ type: 'DENOUNCE'; party: string; reason: string } & TimedEvent)
  | ({ type: 'DUTY_DUE'; dutyId: string; sequence: number } & TimedEvent)
  | ({ type: 'RECORD_END_EVALUATION'; assessment: string; evaluator?: string } & TimedEvent)
  | ({ type: 'SIX_MONTH_EVALUATION_DUE' } & TimedEvent)
  | ({ type: 'RECORD_SIX_MONTH_EVALUATION'; assessment: string; evaluator?: string } & TimedEvent);

export type ConventionEventType = ConventionEvent['type'];

export type ConventionEventOf<T extends ConventionEventType> = Extract<ConventionEvent, { type: T }>;
