import type { BusinessCalendar } from '../shared/calendar';
import { instantMs, isAtOrAfter, isBefore } from '../shared/envelope';
import type { Rule } from '../shared/rules';
import type {
  CohortContext,
  CohortEvent,
  CohortEventOf,
  Participant,
  Range,
  SessionPlan,
  SessionType,
  SixMonthOutcome,
} from './coaching-cohort.types';
import { OUTCOMES } from './coaching-cohort.types';
import { sixMonthDateReached as sharedSixMonthDateReached } from '../shared/evaluation';

type CohortRule<T extends CohortEvent['type'] = CohortEvent['type']> = Rule<CohortContext, CohortEventOf<T>>;

// ---------------------------------------------------------------------------------------------------
// Helpers (pure, also used by the machine and by summarizeCohort)
// ---------------------------------------------------------------------------------------------------

export function activeParticipants(context: CohortContext): Participant[] {
  return context.participants.filter((participant) => participant.withdrawnAt === undefined);
}

export function findActiveParticipant(context: CohortContext, ref: string): Participant | undefined {
  return activeParticipants(context).find((participant) => participant.ref === ref);
}

/**
 * The calendar year of an instant in Europe/Paris. Around New Year Paris is always on winter time
 * (UTC+1), so the UTC year one hour later is the Paris year, exactly, without a time-zone library.
 */
export function parisYear(instant: string): number {
  return new Date(instantMs(instant) + 3_600_000).getUTCFullYear();
}

/**
 * The age reached in the year of enrolment: only the birth year is stored (data minimisation), so a
 * woman born in 1991 counts as 31 throughout 2022.
 */
export function ageInYearOf(birthYear: number, instant: string): number {
  return parisYear(instant) - birthYear;
}

/** Neighbourhood names compare without case, accents, apostrophe style or extra spaces ("Grésilles" = "gresilles"). */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function sessionsOfType(context: CohortContext, type: SessionType) {
  return context.sessions.filter((session) => session.type === type);
}

function individualCoachingsOf(context: CohortContext, ref: string): number {
  return sessionsOfType(context, 'individual').filter((session) => session.attendees.includes(ref)).length;
}

function coveredThemes(context: CohortContext): Set<string> {
  return new Set(
    sessionsOfType(context, 'thematic')
      .map((session) => session.theme)
      .filter((theme): theme is string => theme !== undefined),
  );
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** What the session plan still lacks before the sessions can complete (001 §IV). */
export interface PlanGaps {
  /** Active participants who have fewer individual coachings than the plan gives each. */
  individualCoachingMissingFor: string[];
  collectiveWorkshopsMissing: number;
  thematicWorkshopsMissing: number;
  themesNotCovered: string[];
}

export function planGaps(context: CohortContext): PlanGaps {
  const plan = context.plan;
  if (!plan) {
    return { individualCoachingMissingFor: [], collectiveWorkshopsMissing: 0, thematicWorkshopsMissing: 0, themesNotCovered: [] };
  }
  const covered = coveredThemes(context);
  return {
    individualCoachingMissingFor: activeParticipants(context)
      .filter((participant) => individualCoachingsOf(context, participant.ref) < plan.individual.perParticipant)
      .map((participant) => participant.ref),
    collectiveWorkshopsMissing: Math.max(0, plan.collective.count.min - sessionsOfType(context, 'collective').length),
    thematicWorkshopsMissing: Math.max(0, plan.thematic.count.min - sessionsOfType(context, 'thematic').length),
    themesNotCovered: plan.thematic.themes.filter((theme) => !covered.has(theme)),
  };
}

export function describePlanGaps(gaps: PlanGaps): string[] {
  const missing: string[] = [];
  if (gaps.individualCoachingMissingFor.length > 0) {
    missing.push(`individual coaching for ${gaps.individualCoachingMissingFor.join(', ')}`);
  }
  if (gaps.collectiveWorkshopsMissing > 0) missing.push(`${plural(gaps.collectiveWorkshopsMissing, 'more collective workshop')}`);
  if (gaps.thematicWorkshopsMissing > 0) missing.push(`${plural(gaps.thematicWorkshopsMissing, 'more thematic workshop')}`);
  if (gaps.themesNotCovered.length > 0) missing.push(`a thematic workshop on ${gaps.themesNotCovered.join(', ')}`);
  return missing;
}

function rangeGap(name: string, range: Range | undefined, floor: number): string | undefined {
  if (!range) return name;
  const { min, max } = range;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < floor || min > max) {
    return `${name} as whole numbers with ${floor} ≤ min ≤ max (got ${min} to ${max})`;
  }
  return undefined;
}

function planGapsOfTerms(plan: SessionPlan | undefined): string[] {
  if (!plan) return ['a session plan'];
  const gaps = [
    rangeGap('plan weeks', plan.weeks, 1),
    rangeGap('individual coaching minutes', plan.individual?.minutes, 1),
    rangeGap('collective workshop count', plan.collective?.count, 0),
    rangeGap('collective workshop minutes', plan.collective?.minutes, 1),
    rangeGap('thematic workshop count', plan.thematic?.count, 0),
    rangeGap('thematic workshop minutes', plan.thematic?.minutes, 1),
  ].filter((gap): gap is string => gap !== undefined);
  if (!plan.individual || !Number.isInteger(plan.individual.perParticipant) || plan.individual.perParticipant < 0) {
    gaps.push('a whole number of individual coachings per participant');
  }
  const themes = plan.thematic?.themes ?? [];
  if (themes.length === 0) gaps.push('at least one theme for the thematic workshops');
  if (new Set(themes).size !== themes.length) gaps.push('distinct themes');
  if (plan.thematic?.count && plan.thematic.count.max < themes.length) {
    gaps.push(
      `room for every theme (${plural(themes.length, 'theme')} but at most ${plural(plan.thematic.count.max, 'thematic workshop')})`,
    );
  }
  return gaps;
}

/** What a draft lacks before recruitment can open. */
export function draftGaps(context: CohortContext, openAt: string): string[] {
  const gaps: string[] = [];
  if (!context.group?.trim()) gaps.push('a group label');
  if (!context.theme?.trim()) gaps.push('a theme for the indicators');
  const sizeGap = rangeGap('a size', context.size, 1);
  if (sizeGap) gaps.push(sizeGap);
  if (!context.recruitmentClosesAt) gaps.push('a recruitment closing date');
  else if (!isBefore(openAt, context.recruitmentClosesAt)) gaps.push('a recruitment closing date after the opening');
  gaps.push(...planGapsOfTerms(context.plan));
  const eligibility = context.eligibility;
  if (eligibility?.neighbourhoods !== undefined && eligibility.neighbourhoods.length === 0) {
    gaps.push('at least one neighbourhood, or no neighbourhood criterion');
  }
  if (eligibility?.olderThan !== undefined && !(Number.isInteger(eligibility.olderThan) && eligibility.olderThan >= 0)) {
    gaps.push('an age criterion as a whole number of years');
  }
  return gaps;
}

// ---------------------------------------------------------------------------------------------------
// Draft and recruitment
// ---------------------------------------------------------------------------------------------------

export const draftIsComplete: CohortRule<'OPEN_RECRUITMENT'> = (context, event) => {
  const gaps = draftGaps(context, event.at);
  return gaps.length === 0 ? undefined : `The draft is incomplete: it needs ${gaps.join(', ')}.`;
};

export const recruitmentWindowOpen: CohortRule<'ENROLL'> = (context, event) =>
  context.recruitmentClosesAt && isBefore(event.at, context.recruitmentClosesAt)
    ? undefined
    : `Enrolment is open only before recruitment closes (${context.recruitmentClosesAt}); this one is at ${event.at}.`;

export const participantRefIsNew: CohortRule<'ENROLL'> = (context, event) =>
  context.participants.some((participant) => participant.ref === event.participant.ref)
    ? `Participant ${event.participant.ref} is already enrolled in this cohort (a reference enrols once, even after a withdrawal).`
    : undefined;

/** 001 §III, §V: the action targets women. */
export const participantSexEligible: CohortRule<'ENROLL'> = (context, event) => {
  const required = context.eligibility?.sex;
  return required === undefined || event.participant.sex === required
    ? undefined
    : `Participant ${event.participant.ref} is not eligible: the cohort is for participants of sex ${required}.`;
};

/** 001 §III, §IV, §V: living in one of the priority neighbourhoods (QPV) of the cohort's group. */
export const participantNeighbourhoodEligible: CohortRule<'ENROLL'> = (context, event) => {
  const neighbourhoods = context.eligibility?.neighbourhoods;
  if (neighbourhoods === undefined) return undefined;
  const lives = normaliseName(event.participant.neighbourhood);
  return neighbourhoods.some((name) => normaliseName(name) === lives)
    ? undefined
    : `Participant ${event.participant.ref} is not eligible: ${event.participant.neighbourhood} is not one of the group's neighbourhoods (${neighbourhoods.join(', ')}).`;
};

/** 001 §III, §V: over 30; the age is the one reached in the year of enrolment (birth year only). */
export const participantAgeEligible: CohortRule<'ENROLL'> = (context, event) => {
  const olderThan = context.eligibility?.olderThan;
  if (olderThan === undefined) return undefined;
  const age = ageInYearOf(event.participant.birthYear, event.at);
  return age > olderThan
    ? undefined
    : `Participant ${event.participant.ref} is not eligible: born in ${event.participant.birthYear}, aged ${age} in ${parisYear(event.at)}; the cohort is for people over ${olderThan}.`;
};

/** 001 §III, §V: already followed by an employment or integration scheme (Pôle emploi, PLIE lists). */
export const participantFollowedByScheme: CohortRule<'ENROLL'> = (context, event) =>
  !context.eligibility?.requiresScheme || event.participant.scheme?.trim()
    ? undefined
    : `Participant ${event.participant.ref} is not eligible: the cohort is for people already followed by an employment or integration scheme.`;

/** 001 §IV: 10 to 12 participants; no enrolment past the maximum (withdrawn participants free their place). */
export const cohortHasRoom: CohortRule<'ENROLL'> = (context) => {
  const max = context.size?.max;
  const active = activeParticipants(context).length;
  return max !== undefined && active < max ? undefined : `The cohort is full: ${active} of at most ${max} participants.`;
};

export const participantIsActive: CohortRule<'WITHDRAW_PARTICIPANT' | 'RECORD_POSITIONING'> = (context, event) => {
  if (findActiveParticipant(context, event.ref)) return undefined;
  return context.participants.some((participant) => participant.ref === event.ref)
    ? `Participant ${event.ref} has withdrawn.`
    : `There is no participant ${event.ref} in this cohort.`;
};

/**
 * Recruitment closes at its date (the scheduler's poke, rechecked here) or earlier by hand: an
 * administrator sends CLOSE_RECRUITMENT with `manual: true`. The scheduler never sets `manual`.
 */
export const recruitmentMayClose: CohortRule<'CLOSE_RECRUITMENT'> = (context, event) =>
  event.manual === true || (context.recruitmentClosesAt !== undefined && isAtOrAfter(event.at, context.recruitmentClosesAt))
    ? undefined
    : `Recruitment closes on ${context.recruitmentClosesAt}; before that an administrator closes it by hand (manual: true).`;

// ---------------------------------------------------------------------------------------------------
// Positioning and confirmation
// ---------------------------------------------------------------------------------------------------

export const participantNotYetPositioned: CohortRule<'RECORD_POSITIONING'> = (context, event) =>
  findActiveParticipant(context, event.ref)?.positioning ? `Participant ${event.ref} already had a positioning interview.` : undefined;

export const positioningDurationValid: CohortRule<'RECORD_POSITIONING'> = (_context, event) =>
  Number.isInteger(event.minutes) && event.minutes > 0
    ? undefined
    : `A positioning interview lasts a positive whole number of minutes; got ${event.minutes}.`;

/** 001 §IV: no confirmation under the minimum size. */
export const cohortSizeReached: CohortRule<'CONFIRM_COHORT'> = (context) => {
  const min = context.size?.min ?? 1;
  const active = activeParticipants(context).length;
  return active >= min ? undefined : `The cohort needs at least ${min} participants to be confirmed; it has ${active}.`;
};

export const everyParticipantPositioned: CohortRule<'CONFIRM_COHORT'> = (context) => {
  const missing = activeParticipants(context).filter((participant) => !participant.positioning);
  return missing.length === 0
    ? undefined
    : `Every participant needs a positioning interview first; not yet: ${missing.map((participant) => participant.ref).join(', ')}.`;
};

// ---------------------------------------------------------------------------------------------------
// Sessions (001 §IV)
// ---------------------------------------------------------------------------------------------------

const SESSION_NAMES: Record<SessionType, string> = {
  individual: 'An individual coaching',
  collective: 'A collective workshop',
  thematic: 'A thematic workshop',
};

export const sessionAttendeesEnrolled: CohortRule<'RECORD_SESSION'> = (context, event) => {
  if (event.attendees.length === 0) return 'A session needs its attendance: at least one attendee.';
  if (new Set(event.attendees).size !== event.attendees.length) return 'An attendee is listed twice.';
  const strangers = event.attendees.filter((ref) => !findActiveParticipant(context, ref));
  return strangers.length === 0
    ? undefined
    : `Attendees must be enrolled participants who have not withdrawn; not so: ${strangers.join(', ')}.`;
};

export const individualCoachingIsOneToOne: CohortRule<'RECORD_SESSION'> = (_context, event) =>
  event.sessionType !== 'individual' || event.attendees.length === 1
    ? undefined
    : `An individual coaching has exactly one attendee; got ${event.attendees.length}.`;

export const individualCoachingNotRepeated: CohortRule<'RECORD_SESSION'> = (context, event) => {
  if (event.sessionType !== 'individual' || !context.plan) return undefined;
  const ref = event.attendees[0];
  const allowed = context.plan.individual.perParticipant;
  return individualCoachingsOf(context, ref) < allowed
    ? undefined
    : `Participant ${ref} already had ${plural(allowed, 'individual coaching')}, as many as the plan gives each participant.`;
};

export const sessionThemeKnown: CohortRule<'RECORD_SESSION'> = (context, event) => {
  if (event.sessionType !== 'thematic') return undefined;
  const themes = context.plan?.thematic.themes ?? [];
  if (event.theme !== undefined && themes.includes(event.theme)) return undefined;
  return event.theme === undefined
    ? `A thematic workshop needs one of the plan's themes (${themes.join(', ')}).`
    : `Unknown theme ${event.theme}; the plan's themes are ${themes.join(', ')}.`;
};

export const sessionDurationInRange: CohortRule<'RECORD_SESSION'> = (context, event) => {
  const typePlan = context.plan?.[event.sessionType];
  if (!typePlan) return `The session plan has no ${event.sessionType} sessions.`;
  const { min, max } = typePlan.minutes;
  if (Number.isInteger(event.minutes) && event.minutes >= min && event.minutes <= max) return undefined;
  const expected = min === max ? `${min} minutes` : `${min} to ${max} minutes`;
  return `Wrong duration: ${SESSION_NAMES[event.sessionType].toLowerCase()} lasts ${expected}; got ${event.minutes}.`;
};

export const sessionDateInWindow: CohortRule<'RECORD_SESSION'> = (context, event) => {
  const window = context.sessionWindow;
  if (window && event.date >= window.firstDate && event.date <= window.lastDate) return undefined;
  return window
    ? `The session date ${event.date} is outside the course window (${window.firstDate} to ${window.lastDate}).`
    : 'Sessions have not started.';
};

export const sessionCountWithinPlan: CohortRule<'RECORD_SESSION'> = (context, event) => {
  if (!context.plan || event.sessionType === 'individual') return undefined;
  const max = context.plan[event.sessionType].count.max;
  const held = sessionsOfType(context, event.sessionType).length;
  return held < max
    ? undefined
    : `Too many ${event.sessionType} workshops: the plan has at most ${max} and ${held} ${held === 1 ? 'is' : 'are'} recorded.`;
};

/** The thematic workshops must cover every theme: refuse one that would leave no room for a theme not yet covered. */
export const themesStillCoverable: CohortRule<'RECORD_SESSION'> = (context, event) => {
  if (!context.plan || event.sessionType !== 'thematic') return undefined;
  const covered = coveredThemes(context);
  if (event.theme !== undefined) covered.add(event.theme);
  const uncovered = context.plan.thematic.themes.filter((theme) => !covered.has(theme));
  const slotsLeft = context.plan.thematic.count.max - sessionsOfType(context, 'thematic').length - 1;
  return uncovered.length <= slotsLeft
    ? undefined
    : `Another workshop on ${event.theme} would leave ${plural(slotsLeft, 'thematic workshop')} for the themes not yet covered (${uncovered.join(', ')}).`;
};

export const sessionPlanMinimumMet: CohortRule<'COMPLETE_SESSIONS'> = (context) => {
  const missing = describePlanGaps(planGaps(context));
  return missing.length === 0 ? undefined : `The session plan is not complete: missing ${missing.join('; ')}.`;
};

/** 001 §IV: 10 to 12 weeks; the sessions cannot complete before the minimum number of weeks. */
export const courseMinimumLengthReached: CohortRule<'COMPLETE_SESSIONS'> = (context, event) => {
  const earliest = context.sessionWindow?.earliestCompletionAt;
  return earliest && isAtOrAfter(event.at, earliest)
    ? undefined
    : `The course lasts at least ${context.plan?.weeks.min} weeks: sessions can complete from ${earliest}.`;
};

// ---------------------------------------------------------------------------------------------------
// Evaluations
// ---------------------------------------------------------------------------------------------------

function outcomesGaps(expected: string[], outcomes: SixMonthOutcome[]): string | undefined {
  const refs = outcomes.map((entry) => entry.ref);
  const duplicates = refs.filter((ref, index) => refs.indexOf(ref) !== index);
  if (duplicates.length > 0) return `more than one outcome for ${[...new Set(duplicates)].join(', ')}`;
  const unexpected = refs.filter((ref) => !expected.includes(ref));
  if (unexpected.length > 0) return `no outcome for ${unexpected.join(', ')}, who is not an evaluated participant`;
  const invalid = outcomes.filter((entry) => !(OUTCOMES as readonly string[]).includes(entry.outcome));
  if (invalid.length > 0) return `an outcome among ${OUTCOMES.join(', ')} (${invalid.map((entry) => entry.ref).join(', ')})`;
  const missing = expected.filter((ref) => !refs.includes(ref));
  if (missing.length > 0) return `an outcome for ${missing.join(', ')}`;
  return undefined;
}

/** An outcome (job, training, integration path, none) and the skills map for every participant who has not withdrawn. */
export const endOutcomesComplete: CohortRule<'RECORD_END_EVALUATION'> = (context, event) => {
  const gap = outcomesGaps(
    activeParticipants(context).map((participant) => participant.ref),
    event.outcomes,
  );
  if (gap) return `The end evaluation needs ${gap}.`;
  const noSkillsMap = event.outcomes.filter((entry) => typeof entry.skillsMapDone !== 'boolean');
  return noSkillsMap.length === 0
    ? undefined
    : `The end evaluation needs whether the skills map was done for ${noSkillsMap.map((entry) => entry.ref).join(', ')}.`;
};

export const sixMonthDateReached: CohortRule = sharedSixMonthDateReached;

/** An outcome again for every participant evaluated at the end. */
export const sixMonthOutcomesComplete: CohortRule<'RECORD_SIX_MONTH_EVALUATION'> = (context, event) => {
  const gap = outcomesGaps(
    (context.endEvaluation?.outcomes ?? []).map((entry) => entry.ref),
    event.outcomes,
  );
  return gap ? `The +6-month evaluation needs ${gap}.` : undefined;
};

export const hasReason: CohortRule<'CANCEL'> = (_context, event) => (event.reason?.trim() ? undefined : 'A reason is required.');

/**
 * Rules that need business dates in Europe/Paris: a session is recorded once it has taken place, so
 * that a session dated in the future cannot count towards the plan.
 */
export function createCalendarRules(calendar: BusinessCalendar) {
  const sessionHasTakenPlace: CohortRule<'RECORD_SESSION'> = (_context, event) => {
    const today = calendar.businessDate(event.at);
    return typeof event.date === 'string' && event.date > today
      ? `A session is recorded once it has taken place: ${event.date} is after today (${today}).`
      : undefined;
  };
  return { sessionHasTakenPlace };
}

/** All the cohort's named rules, the calendar-bound ones included: the machine's guards. */
export function createCohortRules(calendar: BusinessCalendar) {
  return { ...cohortRules, ...createCalendarRules(calendar) };
}

export const cohortRules = {
  draftIsComplete,
  recruitmentWindowOpen,
  participantRefIsNew,
  participantSexEligible,
  participantNeighbourhoodEligible,
  participantAgeEligible,
  participantFollowedByScheme,
  cohortHasRoom,
  participantIsActive,
  recruitmentMayClose,
  participantNotYetPositioned,
  positioningDurationValid,
  cohortSizeReached,
  everyParticipantPositioned,
  sessionAttendeesEnrolled,
  individualCoachingIsOneToOne,
  individualCoachingNotRepeated,
  sessionThemeKnown,
  sessionDurationInRange,
  sessionDateInWindow,
  sessionCountWithinPlan,
  themesStillCoverable,
  sessionPlanMinimumMet,
  courseMinimumLengthReached,
  endOutcomesComplete,
  sixMonthDateReached,
  sixMonthOutcomesComplete,
  hasReason,
} as const;
