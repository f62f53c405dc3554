import { parisCalendar } from '../../src/calendar/paris-calendar';
import { createCalendarRules } from './coaching-cohort.rules';
import { COHORT_001_GROUP_1, eligibleParticipants } from './coaching-cohort.examples';
import {
  ageInYearOf,
  cohortHasRoom,
  cohortRules,
  cohortSizeReached,
  courseMinimumLengthReached,
  draftIsComplete,
  endOutcomesComplete,
  everyParticipantPositioned,
  hasReason,
  individualCoachingIsOneToOne,
  individualCoachingNotRepeated,
  normaliseName,
  parisYear,
  participantAgeEligible,
  participantFollowedByScheme,
  participantIsActive,
  participantNeighbourhoodEligible,
  participantNotYetPositioned,
  participantRefIsNew,
  participantSexEligible,
  planGaps,
  positioningDurationValid,
  recruitmentMayClose,
  recruitmentWindowOpen,
  sessionAttendeesEnrolled,
  sessionCountWithinPlan,
  sessionDateInWindow,
  sessionDurationInRange,
  sessionPlanMinimumMet,
  sessionThemeKnown,
  sixMonthDateReached,
  sixMonthOutcomesComplete,
  themesStillCoverable,
} from './coaching-cohort.rules';
import type {
  CohortContext,
  CohortEventOf,
  EndOutcome,
  Participant,
  ParticipantProfile,
  Session,
  SessionType,
} from './coaching-cohort.types';
import { THEMES_001 } from './coaching-cohort.types';

const AT = '2022-09-05T08:00:00.000Z';
const profiles = eligibleParticipants(COHORT_001_GROUP_1, 11, 'G1');

function participant(profile: ParticipantProfile, extra: Partial<Participant> = {}): Participant {
  return { ...profile, enrolledAt: AT, ...extra };
}

function context(extra: Partial<CohortContext> = {}): CohortContext {
  return { ...COHORT_001_GROUP_1, participants: [], sessions: [], ...extra };
}

function withParticipants(count: number, extra: Partial<Participant> = {}): CohortContext {
  return context({ participants: profiles.slice(0, count).map((profile) => participant(profile, extra)) });
}

function enroll(overrides: Partial<ParticipantProfile> = {}, at = AT): CohortEventOf<'ENROLL'> {
  return { type: 'ENROLL', at, participant: { ...profiles[0], ...overrides } };
}

function session(
  sessionType: SessionType,
  overrides: Partial<Omit<CohortEventOf<'RECORD_SESSION'>, 'type'>> = {},
): CohortEventOf<'RECORD_SESSION'> {
  const defaults = {
    individual: { minutes: 45, attendees: [profiles[0].ref] },
    collective: { minutes: 165, attendees: profiles.slice(0, 3).map((profile) => profile.ref) },
    thematic: { minutes: 120, theme: 'mobility', attendees: profiles.slice(0, 3).map((profile) => profile.ref) },
  }[sessionType];
  return { type: 'RECORD_SESSION', at: '2022-10-03T16:00:00.000Z', sessionType, date: '2022-10-03', ...defaults, ...overrides };
}

function recorded(type: SessionType, attendees: string[], theme?: string): Session {
  const minutes = { individual: 45, collective: 165, thematic: 120 }[type];
  return { id: 'S', type, date: '2022-10-03', minutes, attendees, recordedAt: AT, ...(theme ? { theme } : {}) };
}

const WINDOW = { firstDate: '2022-09-19', lastDate: '2022-12-11', earliestCompletionAt: '2022-11-28T08:00:00.000Z' };

function inSession(sessions: Session[] = [], count = 11): CohortContext {
  const base = withParticipants(count, { positioning: { minutes: 45, recordedAt: AT } });
  return { ...base, sessions, sessionWindow: WINDOW, sessionsStartedAt: '2022-09-19T07:00:00.000Z' };
}

/** Every session 001 asks for, with each theme covered: 11 individual, 3 collective, 7 thematic. */
function fullPlan(count = 11): Session[] {
  const refs = profiles.slice(0, count).map((profile) => profile.ref);
  return [
    ...refs.map((ref) => recorded('individual', [ref])),
    ...[1, 2, 3].map(() => recorded('collective', refs)),
    ...[...THEMES_001, ...THEMES_001.slice(0, 3)].map((theme) => recorded('thematic', refs, theme)),
  ];
}

describe('coaching cohort rules (seed 001)', () => {
  it('lists every exported rule in cohortRules', () => {
    expect(Object.keys(cohortRules)).toHaveLength(28);
    for (const rule of Object.values(cohortRules)) expect(typeof rule).toBe('function');
  });

  describe('draftIsComplete', () => {
    const open = { type: 'OPEN_RECRUITMENT' as const, at: AT };

    it("passes for 001's group 1", () => {
      expect(draftIsComplete(context(), open)).toBeUndefined();
    });

    it('names everything a draft lacks', () => {
      const reason = draftIsComplete({ participants: [], sessions: [] }, open);
      expect(reason).toContain('a group label');
      expect(reason).toContain('a theme for the indicators');
      expect(reason).toContain('a size');
      expect(reason).toContain('a recruitment closing date');
      expect(reason).toContain('a session plan');
    });

    it('refuses a closing date already past, an inverted size and a plan with no room for every theme', () => {
      const plan = { ...COHORT_001_GROUP_1.plan!, thematic: { ...COHORT_001_GROUP_1.plan!.thematic, count: { min: 2, max: 3 } } };
      const reason = draftIsComplete(context({ size: { min: 12, max: 10 }, plan }), {
        type: 'OPEN_RECRUITMENT',
        at: '2022-09-20T08:00:00.000Z',
      });
      expect(reason).toContain('a recruitment closing date after the opening');
      expect(reason).toContain('a size as whole numbers with 1 ≤ min ≤ max (got 12 to 10)');
      expect(reason).toContain('room for every theme (4 themes but at most 3 thematic workshops)');
    });
  });

  describe('recruitmentWindowOpen', () => {
    it('passes before the closing date', () => {
      expect(recruitmentWindowOpen(context(), enroll({}, '2022-09-16T15:59:59.000Z'))).toBeUndefined();
    });
    it('refuses at or after the closing date', () => {
      expect(recruitmentWindowOpen(context(), enroll({}, '2022-09-16T16:00:00.000Z'))).toMatch(/only before recruitment closes/);
    });
  });

  describe('participantRefIsNew', () => {
    it('passes for a new reference', () => {
      expect(participantRefIsNew(withParticipants(1), enroll({ ref: 'G1-P99' }))).toBeUndefined();
    });
    it('refuses a reference already enrolled, even if withdrawn', () => {
      expect(participantRefIsNew(withParticipants(1), enroll())).toMatch(/G1-P01 is already enrolled/);
      expect(participantRefIsNew(withParticipants(1, { withdrawnAt: AT }), enroll())).toMatch(/already enrolled/);
    });
  });

  describe('participantSexEligible', () => {
    it('passes a woman', () => {
      expect(participantSexEligible(context(), enroll())).toBeUndefined();
    });
    it('refuses a man when the cohort is for women', () => {
      expect(participantSexEligible(context(), enroll({ sex: 'M' }))).toBe(
        'Participant G1-P01 is not eligible: the cohort is for participants of sex F.',
      );
    });
    it('passes anyone when there is no sex criterion', () => {
      expect(participantSexEligible(context({ eligibility: {} }), enroll({ sex: 'M' }))).toBeUndefined();
    });
  });

  describe('participantNeighbourhoodEligible', () => {
    it("passes the group's neighbourhoods, ignoring case, accents and apostrophe style", () => {
      expect(participantNeighbourhoodEligible(context(), enroll({ neighbourhood: 'Grésilles' }))).toBeUndefined();
      expect(participantNeighbourhoodEligible(context(), enroll({ neighbourhood: 'gresilles' }))).toBeUndefined();
      expect(participantNeighbourhoodEligible(context(), enroll({ neighbourhood: 'Fontaine d’Ouche' }))).toBeUndefined();
    });
    it("refuses another group's neighbourhood", () => {
      expect(participantNeighbourhoodEligible(context(), enroll({ neighbourhood: 'Chenôve' }))).toMatch(
        /Chenôve is not one of the group's neighbourhoods \(Fontaine d'Ouche, Grésilles, Quetigny\)/,
      );
    });
  });

  describe('participantAgeEligible (age = Paris year of enrolment − birth year, strictly over 30)', () => {
    it('passes someone reaching 31 in the year of enrolment', () => {
      expect(participantAgeEligible(context(), enroll({ birthYear: 1991 }))).toBeUndefined();
    });
    it('refuses someone reaching only 30', () => {
      expect(participantAgeEligible(context(), enroll({ birthYear: 1992 }))).toBe(
        'Participant G1-P01 is not eligible: born in 1992, aged 30 in 2022; the cohort is for people over 30.',
      );
    });
    it('counts the year in Paris: 31 Dec 23:30 UTC is already the next year', () => {
      expect(parisYear('2022-12-31T22:59:59.000Z')).toBe(2022);
      expect(parisYear('2022-12-31T23:00:00.000Z')).toBe(2023);
      expect(ageInYearOf(1992, '2022-12-31T23:30:00.000Z')).toBe(31);
      expect(participantAgeEligible(context(), enroll({ birthYear: 1992 }, '2022-12-31T23:30:00.000Z'))).toBeUndefined();
    });
  });

  describe('participantFollowedByScheme', () => {
    it('passes someone followed by a scheme', () => {
      expect(participantFollowedByScheme(context(), enroll({ scheme: 'PLIE' }))).toBeUndefined();
    });
    it('refuses someone followed by none', () => {
      expect(participantFollowedByScheme(context(), enroll({ scheme: undefined }))).toMatch(
        /already followed by an employment or integration scheme/,
      );
      expect(participantFollowedByScheme(context(), enroll({ scheme: '  ' }))).toMatch(/not eligible/);
    });
  });

  describe('cohortHasRoom', () => {
    it('passes below the maximum, counting only participants who have not withdrawn', () => {
      expect(cohortHasRoom(withParticipants(11), enroll({ ref: 'X' }))).toBeUndefined();
      const full = withParticipants(12);
      full.participants[0] = { ...full.participants[0], withdrawnAt: AT };
      expect(cohortHasRoom(full, enroll({ ref: 'X' }))).toBeUndefined();
    });
    it('refuses past the maximum', () => {
      const twelve = context({ participants: [...profiles, { ...profiles[0], ref: 'G1-P12' }].map((p) => participant(p)) });
      expect(cohortHasRoom(twelve, enroll({ ref: 'X' }))).toBe('The cohort is full: 12 of at most 12 participants.');
    });
  });

  describe('participantIsActive', () => {
    it('passes an enrolled participant', () => {
      expect(participantIsActive(withParticipants(2), { type: 'WITHDRAW_PARTICIPANT', at: AT, ref: 'G1-P02' })).toBeUndefined();
    });
    it('refuses an unknown or withdrawn participant', () => {
      expect(participantIsActive(withParticipants(2), { type: 'WITHDRAW_PARTICIPANT', at: AT, ref: 'Z' })).toBe(
        'There is no participant Z in this cohort.',
      );
      expect(
        participantIsActive(withParticipants(2, { withdrawnAt: AT }), { type: 'RECORD_POSITIONING', at: AT, ref: 'G1-P01', minutes: 30 }),
      ).toBe('Participant G1-P01 has withdrawn.');
    });
  });

  describe('recruitmentMayClose', () => {
    it('passes the scheduler at or after the date, and an administrator closing by hand before it', () => {
      expect(recruitmentMayClose(context(), { type: 'CLOSE_RECRUITMENT', at: '2022-09-16T16:00:00.000Z' })).toBeUndefined();
      expect(recruitmentMayClose(context(), { type: 'CLOSE_RECRUITMENT', at: AT, manual: true })).toBeUndefined();
    });
    it('refuses an early poke without manual', () => {
      expect(recruitmentMayClose(context(), { type: 'CLOSE_RECRUITMENT', at: '2022-09-16T15:59:00.000Z' })).toMatch(
        /closes on 2022-09-16T16:00:00.000Z; before that an administrator closes it by hand/,
      );
      expect(recruitmentMayClose(context(), { type: 'CLOSE_RECRUITMENT', at: AT, manual: false })).toBeDefined();
    });
  });

  describe('participantNotYetPositioned and positioningDurationValid', () => {
    const interview = { type: 'RECORD_POSITIONING' as const, at: AT, ref: 'G1-P01', minutes: 45 };
    it('pass a first interview of positive length', () => {
      expect(participantNotYetPositioned(withParticipants(1), interview)).toBeUndefined();
      expect(positioningDurationValid(withParticipants(1), interview)).toBeUndefined();
    });
    it('refuse a second interview and a non-positive length', () => {
      const positioned = withParticipants(1, { positioning: { minutes: 30, recordedAt: AT } });
      expect(participantNotYetPositioned(positioned, interview)).toBe('Participant G1-P01 already had a positioning interview.');
      expect(positioningDurationValid(withParticipants(1), { ...interview, minutes: 0 })).toMatch(/positive whole number/);
    });
  });

  describe('cohortSizeReached', () => {
    const confirm = { type: 'CONFIRM_COHORT' as const, at: AT };
    it('passes at the minimum', () => {
      expect(cohortSizeReached(withParticipants(10), confirm)).toBeUndefined();
    });
    it('refuses under the minimum, not counting withdrawals', () => {
      expect(cohortSizeReached(withParticipants(9), confirm)).toBe('The cohort needs at least 10 participants to be confirmed; it has 9.');
      const ten = withParticipants(10);
      ten.participants[3] = { ...ten.participants[3], withdrawnAt: AT };
      expect(cohortSizeReached(ten, confirm)).toMatch(/it has 9/);
    });
  });

  describe('everyParticipantPositioned', () => {
    const confirm = { type: 'CONFIRM_COHORT' as const, at: AT };
    it('passes when every participant had an interview', () => {
      expect(everyParticipantPositioned(withParticipants(3, { positioning: { minutes: 30, recordedAt: AT } }), confirm)).toBeUndefined();
    });
    it('names those who did not', () => {
      const ctx = withParticipants(3, { positioning: { minutes: 30, recordedAt: AT } });
      ctx.participants[1] = { ...ctx.participants[1], positioning: undefined };
      expect(everyParticipantPositioned(ctx, confirm)).toBe('Every participant needs a positioning interview first; not yet: G1-P02.');
    });
  });

  describe('sessionAttendeesEnrolled', () => {
    it('passes enrolled attendees', () => {
      expect(sessionAttendeesEnrolled(inSession(), session('collective'))).toBeUndefined();
    });
    it('refuses unknown or withdrawn attendees, duplicates and an empty attendance', () => {
      expect(sessionAttendeesEnrolled(inSession(), session('collective', { attendees: ['G1-P01', 'Z9'] }))).toBe(
        'Attendees must be enrolled participants who have not withdrawn; not so: Z9.',
      );
      const ctx = inSession();
      ctx.participants[0] = { ...ctx.participants[0], withdrawnAt: AT };
      expect(sessionAttendeesEnrolled(ctx, session('collective'))).toMatch(/not so: G1-P01/);
      expect(sessionAttendeesEnrolled(inSession(), session('collective', { attendees: ['G1-P01', 'G1-P01'] }))).toMatch(/twice/);
      expect(sessionAttendeesEnrolled(inSession(), session('collective', { attendees: [] }))).toMatch(/at least one attendee/);
    });
  });

  describe('individualCoachingIsOneToOne', () => {
    it('passes one attendee', () => {
      expect(individualCoachingIsOneToOne(inSession(), session('individual'))).toBeUndefined();
    });
    it('refuses several', () => {
      expect(individualCoachingIsOneToOne(inSession(), session('individual', { attendees: ['G1-P01', 'G1-P02'] }))).toMatch(
        /exactly one attendee; got 2/,
      );
    });
  });

  describe('individualCoachingNotRepeated', () => {
    it('passes a first individual coaching', () => {
      expect(individualCoachingNotRepeated(inSession([recorded('individual', ['G1-P02'])]), session('individual'))).toBeUndefined();
    });
    it('refuses someone who already had one', () => {
      expect(individualCoachingNotRepeated(inSession([recorded('individual', ['G1-P01'])]), session('individual'))).toBe(
        'Participant G1-P01 already had 1 individual coaching, as many as the plan gives each participant.',
      );
    });
  });

  describe('sessionThemeKnown', () => {
    it("passes a thematic workshop on one of the plan's themes, and other sessions whatever their topic", () => {
      expect(sessionThemeKnown(inSession(), session('thematic', { theme: 'childcareAndParenting' }))).toBeUndefined();
      expect(sessionThemeKnown(inSession(), session('collective', { theme: 'co-development' }))).toBeUndefined();
    });
    it('refuses an unknown or missing theme', () => {
      expect(sessionThemeKnown(inSession(), session('thematic', { theme: 'cooking' }))).toMatch(
        /^Unknown theme cooking; the plan's themes are/,
      );
      expect(sessionThemeKnown(inSession(), session('thematic', { theme: undefined }))).toMatch(/needs one of the plan's themes/);
    });
  });

  describe('sessionDurationInRange', () => {
    it("passes each type's limits", () => {
      expect(sessionDurationInRange(inSession(), session('individual', { minutes: 30 }))).toBeUndefined();
      expect(sessionDurationInRange(inSession(), session('individual', { minutes: 60 }))).toBeUndefined();
      expect(sessionDurationInRange(inSession(), session('collective', { minutes: 150 }))).toBeUndefined();
      expect(sessionDurationInRange(inSession(), session('collective', { minutes: 180 }))).toBeUndefined();
      expect(sessionDurationInRange(inSession(), session('thematic', { minutes: 120 }))).toBeUndefined();
    });
    it('refuses a wrong duration', () => {
      expect(sessionDurationInRange(inSession(), session('individual', { minutes: 75 }))).toBe(
        'Wrong duration: an individual coaching lasts 30 to 60 minutes; got 75.',
      );
      expect(sessionDurationInRange(inSession(), session('collective', { minutes: 120 }))).toMatch(/150 to 180 minutes; got 120/);
      expect(sessionDurationInRange(inSession(), session('thematic', { minutes: 90 }))).toBe(
        'Wrong duration: a thematic workshop lasts 120 minutes; got 90.',
      );
    });
  });

  describe('sessionDateInWindow', () => {
    it('passes the first and the last day of the 12-week window', () => {
      expect(sessionDateInWindow(inSession(), session('collective', { date: '2022-09-19' }))).toBeUndefined();
      expect(sessionDateInWindow(inSession(), session('collective', { date: '2022-12-11' }))).toBeUndefined();
    });
    it('refuses a date before the start or past 12 weeks', () => {
      expect(sessionDateInWindow(inSession(), session('collective', { date: '2022-09-18' }))).toBe(
        'The session date 2022-09-18 is outside the course window (2022-09-19 to 2022-12-11).',
      );
      expect(sessionDateInWindow(inSession(), session('collective', { date: '2022-12-12' }))).toMatch(/outside the course window/);
    });
  });

  describe('sessionCountWithinPlan', () => {
    it('passes the fourth collective workshop', () => {
      const three = [1, 2, 3].map(() => recorded('collective', ['G1-P01']));
      expect(sessionCountWithinPlan(inSession(three), session('collective'))).toBeUndefined();
    });
    it('refuses a fifth collective workshop and a ninth thematic one', () => {
      const four = [1, 2, 3, 4].map(() => recorded('collective', ['G1-P01']));
      expect(sessionCountWithinPlan(inSession(four), session('collective'))).toBe(
        'Too many collective workshops: the plan has at most 4 and 4 are recorded.',
      );
      const eight = [...THEMES_001, ...THEMES_001].map((theme) => recorded('thematic', ['G1-P01'], theme));
      expect(sessionCountWithinPlan(inSession(eight), session('thematic'))).toMatch(/at most 8 and 8 are recorded/);
    });
  });

  describe('themesStillCoverable', () => {
    it('passes a repeated theme while there is room for the others', () => {
      const four = ['mobility', 'mobility', 'mobility', 'mobility'].map((theme) => recorded('thematic', ['G1-P01'], theme));
      // 5th of 8: three themes uncovered, three slots left after it.
      expect(themesStillCoverable(inSession(four), session('thematic', { theme: 'mobility' }))).toBeUndefined();
    });
    it('refuses a workshop that would leave no room for an uncovered theme', () => {
      const five = ['mobility', 'mobility', 'mobility', 'mobility', 'mobility'].map((theme) => recorded('thematic', ['G1-P01'], theme));
      expect(themesStillCoverable(inSession(five), session('thematic', { theme: 'mobility' }))).toBe(
        'Another workshop on mobility would leave 2 thematic workshops for the themes not yet covered (selfExpressionAndConfidence, digitalSkills, childcareAndParenting).',
      );
      // ...but a workshop on an uncovered theme is fine.
      expect(themesStillCoverable(inSession(five), session('thematic', { theme: 'digitalSkills' }))).toBeUndefined();
    });
  });

  describe('sessionPlanMinimumMet', () => {
    const complete = { type: 'COMPLETE_SESSIONS' as const, at: '2022-12-02T16:00:00.000Z' };
    it('passes the full 001 plan', () => {
      expect(sessionPlanMinimumMet(inSession(fullPlan()), complete)).toBeUndefined();
    });
    it('names what is missing', () => {
      const sessions = fullPlan().filter(
        (s) => !(s.type === 'individual' && s.attendees[0] === 'G1-P03') && !(s.type === 'thematic' && s.theme === 'digitalSkills'),
      );
      sessions.splice(
        sessions.findIndex((s) => s.type === 'collective'),
        1,
      );
      expect(sessionPlanMinimumMet(inSession(sessions), complete)).toBe(
        'The session plan is not complete: missing individual coaching for G1-P03; 1 more collective workshop; 2 more thematic workshops; a thematic workshop on digitalSkills.',
      );
      expect(planGaps(inSession(sessions))).toEqual({
        individualCoachingMissingFor: ['G1-P03'],
        collectiveWorkshopsMissing: 1,
        thematicWorkshopsMissing: 2,
        themesNotCovered: ['digitalSkills'],
      });
    });
    it('does not ask individual coaching of someone who withdrew', () => {
      const ctx = inSession(fullPlan().filter((s) => !(s.type === 'individual' && s.attendees[0] === 'G1-P03')));
      ctx.participants[2] = { ...ctx.participants[2], withdrawnAt: AT };
      expect(sessionPlanMinimumMet(ctx, complete)).toBeUndefined();
    });
  });

  describe('courseMinimumLengthReached', () => {
    it('passes ten weeks after the start', () => {
      expect(courseMinimumLengthReached(inSession(), { type: 'COMPLETE_SESSIONS', at: '2022-11-28T08:00:00.000Z' })).toBeUndefined();
    });
    it('refuses earlier', () => {
      expect(courseMinimumLengthReached(inSession(), { type: 'COMPLETE_SESSIONS', at: '2022-11-25T08:00:00.000Z' })).toBe(
        'The course lasts at least 10 weeks: sessions can complete from 2022-11-28T08:00:00.000Z.',
      );
    });
  });

  describe('endOutcomesComplete', () => {
    const outcomes = (refs: string[]): EndOutcome[] => refs.map((ref) => ({ ref, outcome: 'training', skillsMapDone: true }));
    const evaluation = (entries: EndOutcome[]) => ({ type: 'RECORD_END_EVALUATION' as const, at: AT, outcomes: entries });
    const refs = ['G1-P01', 'G1-P02', 'G1-P03'];

    it('passes an outcome for every participant who has not withdrawn', () => {
      const ctx = withParticipants(4);
      ctx.participants[3] = { ...ctx.participants[3], withdrawnAt: AT };
      expect(endOutcomesComplete(ctx, evaluation(outcomes(refs)))).toBeUndefined();
    });
    it('refuses a missing, duplicate, withdrawn or invalid outcome, and a missing skills map', () => {
      const ctx = withParticipants(3);
      expect(endOutcomesComplete(ctx, evaluation(outcomes(refs.slice(0, 2))))).toBe('The end evaluation needs an outcome for G1-P03.');
      expect(endOutcomesComplete(ctx, evaluation(outcomes([...refs, 'G1-P01'])))).toMatch(/more than one outcome for G1-P01/);
      expect(endOutcomesComplete(ctx, evaluation(outcomes([...refs, 'G1-P09'])))).toMatch(/G1-P09, who is not an evaluated participant/);
      const invalid = outcomes(refs).map((entry, index) => (index === 0 ? { ...entry, outcome: 'holiday' as never } : entry));
      expect(endOutcomesComplete(ctx, evaluation(invalid))).toMatch(/an outcome among job, training, integrationPath, none \(G1-P01\)/);
      const noMap = outcomes(refs).map((entry, index) =>
        index === 1 ? ({ ref: entry.ref, outcome: entry.outcome } as EndOutcome) : entry,
      );
      expect(endOutcomesComplete(ctx, evaluation(noMap))).toBe('The end evaluation needs whether the skills map was done for G1-P02.');
    });
  });

  describe('sixMonthDateReached', () => {
    const ctx = context({ sixMonthEvaluationDue: '2023-06-02T14:00:00.000Z' });
    it('passes on or after the due date', () => {
      expect(sixMonthDateReached(ctx, { type: 'SIX_MONTH_EVALUATION_DUE', at: '2023-06-02T14:00:00.000Z' })).toBeUndefined();
    });
    it('refuses before it, or when no date is known', () => {
      expect(sixMonthDateReached(ctx, { type: 'SIX_MONTH_EVALUATION_DUE', at: '2023-06-01T14:00:00.000Z' })).toBe(
        'The +6-month evaluation is due on 2023-06-02T14:00:00.000Z.',
      );
      expect(sixMonthDateReached(context(), { type: 'SIX_MONTH_EVALUATION_DUE', at: AT })).toMatch(/a date not yet known/);
    });
  });

  describe('sixMonthOutcomesComplete', () => {
    const ctx = context({
      endEvaluation: {
        recordedAt: AT,
        outcomes: [
          { ref: 'A', outcome: 'none', skillsMapDone: true },
          { ref: 'B', outcome: 'training', skillsMapDone: false },
        ],
      },
    });
    it('passes an outcome for every participant evaluated at the end', () => {
      const event = {
        type: 'RECORD_SIX_MONTH_EVALUATION' as const,
        at: AT,
        outcomes: [
          { ref: 'A', outcome: 'job' as const },
          { ref: 'B', outcome: 'job' as const },
        ],
      };
      expect(sixMonthOutcomesComplete(ctx, event)).toBeUndefined();
    });
    it('refuses a missing one', () => {
      const event = { type: 'RECORD_SIX_MONTH_EVALUATION' as const, at: AT, outcomes: [{ ref: 'A', outcome: 'job' as const }] };
      expect(sixMonthOutcomesComplete(ctx, event)).toBe('The +6-month evaluation needs an outcome for B.');
    });
  });

  describe('hasReason', () => {
    it('passes a reason and refuses a blank one', () => {
      expect(hasReason(context(), { type: 'CANCEL', at: AT, reason: 'Not enough eligible candidates' })).toBeUndefined();
      expect(hasReason(context(), { type: 'CANCEL', at: AT, reason: '   ' })).toBe('A reason is required.');
    });
  });

  it('normalises neighbourhood names', () => {
    expect(normaliseName('  Fontaine  d’Ouche ')).toBe("fontaine d'ouche");
    expect(normaliseName('CHENÔVE')).toBe('chenove');
  });
});

describe('sessionHasTakenPlace (calendar-bound)', () => {
  const rules = createCalendarRules(parisCalendar) as Record<string, (context: unknown, event: unknown) => string | undefined>;
  const session = (at: string, date: string) => ({
    type: 'RECORD_SESSION',
    at,
    sessionType: 'collective',
    date,
    minutes: 150,
    attendees: ['G01'],
  });

  it('refuses a session dated after the Paris date of the recording, accepts today and the past', () => {
    expect(rules.sessionHasTakenPlace({}, session('2022-10-03T10:00:00.000Z', '2022-10-10'))).toBe(
      'A session is recorded once it has taken place: 2022-10-10 is after today (2022-10-03).',
    );
    expect(rules.sessionHasTakenPlace({}, session('2022-10-03T10:00:00.000Z', '2022-10-03'))).toBeUndefined();
    // 22:30 UTC on 2 October is already 3 October in Paris.
    expect(rules.sessionHasTakenPlace({}, session('2022-10-02T22:30:00.000Z', '2022-10-03'))).toBeUndefined();
  });
});
