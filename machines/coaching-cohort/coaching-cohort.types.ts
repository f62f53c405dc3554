import type { TimedEvent } from '../shared/envelope';
import type { SixMonthAnchor } from '../shared/evaluation';

/** An inclusive range of whole numbers (sizes, counts, minutes, weeks). */
export interface Range {
  min: number;
  max: number;
}

export type Sex = 'F' | 'M';

/**
 * Who may enrol (001 §III and §V: women living in a priority neighbourhood (QPV), over 30, already
 * followed by an employment or integration scheme). A criterion left out is not checked.
 */
export interface EligibilityCriteria {
  sex?: Sex;
  /** The neighbourhoods of the cohort's group (001 §IV, group 1: Fontaine d'Ouche, Grésilles, Quetigny). */
  neighbourhoods?: string[];
  /**
   * Strictly older than this many years at enrolment (001: "âgées de plus de 30 ans" → 30). Only the
   * birth year is stored, so the age is the age reached in the year of enrolment: the Paris calendar
   * year of the ENROLL instant minus the birth year.
   */
  olderThan?: number;
  /** Already followed by an employment or integration scheme (001: "déjà accompagnées dans un dispositif"). */
  requiresScheme?: boolean;
}

export type SessionType = 'individual' | 'collective' | 'thematic';

export const SESSION_TYPES: readonly SessionType[] = ['individual', 'collective', 'thematic'];

/** The four themes of 001 §IV, as ids; a plan may name others. */
export const THEMES_001 = ['selfExpressionAndConfidence', 'mobility', 'digitalSkills', 'childcareAndParenting'] as const;

/**
 * The session plan (001 §IV): 10 to 12 weeks; one individual coaching of 30 to 60 minutes per
 * participant; 3 to 4 collective workshops of 150 to 180 minutes; 7 to 8 thematic workshops of
 * 120 minutes covering every theme.
 */
export interface SessionPlan {
  /** Sessions take place within `weeks.max` weeks from START_SESSIONS; sessions complete no earlier than `weeks.min` weeks. */
  weeks: Range;
  individual: { perParticipant: number; minutes: Range };
  collective: { count: Range; minutes: Range };
  thematic: { count: Range; minutes: Range; themes: string[] };
}

/**
 * Which date the +6-month follow-up counts from: the start of the sessions (START_SESSIONS) or their end
 * (COMPLETE_SESSIONS). Left out: the end for cohort@1, the start from cohort@2 on.
 */
export type { SixMonthAnchor } from '../shared/evaluation';

/** What an administrator sets while the cohort is a draft. */
export interface CohortTerms {
  /** The group label (001: "Group 1: Fontaine d'Ouche, Grésilles, Quetigny"). */
  group?: string;
  /** The theme the cohort counts under in the programme indicators (001: employment of women). */
  theme?: string;
  /** Number of participants (001: 10 to 12). */
  size?: Range;
  /** When recruitment closes by itself (a deadline of the `recruiting` state). */
  recruitmentClosesAt?: string;
  eligibility?: EligibilityCriteria;
  plan?: SessionPlan;
  sixMonthAnchor?: SixMonthAnchor;
}

export type CohortInput = CohortTerms;

/**
 * A participant is personal data: a pseudonymous reference and only what the rules and the indicators
 * need. No name, no contact details.
 */
export interface ParticipantProfile {
  /** Pseudonymous reference, e.g. from the referring scheme's list; never a name. */
  ref: string;
  sex: Sex;
  birthYear: number;
  neighbourhood: string;
  /** The employment or integration scheme following her (e.g. "PLIE", "Pôle emploi"); absent when none. */
  scheme?: string;
}

export interface Positioning {
  minutes: number;
  recordedAt: string;
}

export interface Participant extends ParticipantProfile {
  enrolledAt: string;
  withdrawnAt?: string;
  positioning?: Positioning;
}

/**
 * A session as recorded. In the RECORD_SESSION event the session type travels as `sessionType`,
 * because `type` is the event's own discriminator.
 */
export interface SessionRecord {
  type: SessionType;
  /** A theme id of the plan for a thematic workshop; optional free topic otherwise. */
  theme?: string;
  /** Business date (YYYY-MM-DD, Europe/Paris) the session took place. */
  date: string;
  minutes: number;
  /** Participant refs present (attendance). */
  attendees: string[];
}

export interface Session extends SessionRecord {
  id: string;
  recordedAt: string;
}

export const OUTCOMES = ['job', 'training', 'integrationPath', 'none'] as const;

export type Outcome = (typeof OUTCOMES)[number];

export interface SixMonthOutcome {
  ref: string;
  outcome: Outcome;
}

export interface EndOutcome extends SixMonthOutcome {
  /** Whether the skills map (carte des compétences, 001 §III) was drawn up with her. */
  skillsMapDone: boolean;
}

export interface CohortEvaluation<T> {
  outcomes: T[];
  recordedAt: string;
}

/** Set at START_SESSIONS from the plan's weeks: sessions take place between these business dates. */
export interface SessionWindow {
  firstDate: string;
  lastDate: string;
  /** COMPLETE_SESSIONS is refused before this instant (`weeks.min` weeks after the start). */
  earliestCompletionAt: string;
}

export interface CohortContext extends CohortTerms {
  participants: Participant[];
  sessions: Session[];
  recruitmentOpenedAt?: string;
  recruitmentClosedAt?: string;
  recruitmentClosedBy?: 'deadline' | 'administrator';
  confirmedAt?: string;
  sessionsStartedAt?: string;
  sessionWindow?: SessionWindow;
  sessionsCompletedAt?: string;
  sixMonthEvaluationDue?: string;
  endEvaluation?: CohortEvaluation<EndOutcome>;
  sixMonthEvaluation?: CohortEvaluation<SixMonthOutcome>;
  cancellation?: { reason: string; at: string; fromState: string };
}

export type CohortEvent =
  | ({ type: 'UPDATE_DRAFT' } & CohortTerms & TimedEvent)
  | ({ type: 'OPEN_RECRUITMENT' } & TimedEvent)
  | ({ type: 'ENROLL'; participant: ParticipantProfile } & TimedEvent)
  | ({ type: 'WITHDRAW_PARTICIPANT'; ref: string } & TimedEvent)
  /** Sent by the scheduler at `recruitmentClosesAt`, or by an administrator with `manual: true` at any time. */
  | ({ type: 'CLOSE_RECRUITMENT'; manual?: boolean } & TimedEvent)
  | ({ type: 'RECORD_POSITIONING'; ref: string; minutes: number } & TimedEvent)
  | ({ type: 'CONFIRM_COHORT' } & TimedEvent)
  | ({ type: 'START_SESSIONS' } & TimedEvent)
  | ({ type: 'RECORD_SESSION'; sessionType: SessionType } & Omit<SessionRecord, 'type'> & TimedEvent)
  | ({ type: 'COMPLETE_SESSIONS' } & TimedEvent)
  | ({ type: 'RECORD_END_EVALUATION'; outcomes: EndOutcome[] } & TimedEvent)
  | ({ type: 'SIX_MONTH_EVALUATION_DUE' } & TimedEvent)
  | ({ type: 'RECORD_SIX_MONTH_EVALUATION'; outcomes: SixMonthOutcome[] } & TimedEvent)
  | ({ type: 'CANCEL'; reason: string } & TimedEvent);

export type CohortEventType = CohortEvent['type'];

export type CohortEventOf<T extends CohortEventType> = Extract<CohortEvent, { type: T }>;
