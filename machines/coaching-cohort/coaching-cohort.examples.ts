import type { CohortInput, EligibilityCriteria, ParticipantProfile, SessionPlan } from './coaching-cohort.types';
import { THEMES_001 } from './coaching-cohort.types';

/** 001 §IV: 10 to 12 weeks; 1 individual coaching of 30 min to 1 h; 3 to 4 collective workshops of 2 h 30 to 3 h; 7 to 8 thematic workshops of 2 h. */
export const SESSION_PLAN_001: SessionPlan = {
  weeks: { min: 10, max: 12 },
  individual: { perParticipant: 1, minutes: { min: 30, max: 60 } },
  collective: { count: { min: 3, max: 4 }, minutes: { min: 150, max: 180 } },
  thematic: { count: { min: 7, max: 8 }, minutes: { min: 120, max: 120 }, themes: [...THEMES_001] },
};

/** 001 §III, §V: women living in a QPV, over 30, already followed by a scheme. */
function eligibility001(neighbourhoods: string[]): EligibilityCriteria {
  return { sex: 'F', neighbourhoods, olderThan: 30, requiresScheme: true };
}

const common001 = {
  theme: 'employment of women',
  size: { min: 10, max: 12 },
  // 001 §IX: decision by 25 Aug 2022, the action starts in the second half of September.
  recruitmentClosesAt: '2022-09-16T16:00:00.000Z',
  plan: SESSION_PLAN_001,
  sixMonthAnchor: 'end' as const,
};

/** 001 §IV, group 1 (the towns are indicative in the seed). */
export const COHORT_001_GROUP_1: CohortInput = {
  group: "Group 1: Fontaine d'Ouche, Grésilles, Quetigny",
  eligibility: eligibility001(["Fontaine d'Ouche", 'Grésilles', 'Quetigny']),
  ...common001,
};

/** 001 §IV, group 2. */
export const COHORT_001_GROUP_2: CohortInput = {
  group: 'Group 2: Chenôve, Longvic, Talant',
  eligibility: eligibility001(['Chenôve', 'Longvic', 'Talant']),
  ...common001,
};

const SCHEMES_001 = ['Pôle emploi', 'PLIE'];

/**
 * `count` eligible participants for a cohort input (11 by default, within 001's 10 to 12): women born
 * between 1962 and 1990, spread over the group's neighbourhoods, each followed by a scheme of the
 * lists 001 §V recruits from. Deterministic; refs are `<prefix>-P01`, `<prefix>-P02`...
 */
export function eligibleParticipants(input: CohortInput, count = 11, prefix = 'G'): ParticipantProfile[] {
  const neighbourhoods = input.eligibility?.neighbourhoods ?? ["Fontaine d'Ouche"];
  return Array.from({ length: count }, (_, index) => ({
    ref: `${prefix}-P${String(index + 1).padStart(2, '0')}`,
    sex: 'F' as const,
    birthYear: 1962 + ((index * 7) % 29),
    neighbourhood: neighbourhoods[index % neighbourhoods.length],
    scheme: SCHEMES_001[index % SCHEMES_001.length],
  }));
}
