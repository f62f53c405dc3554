import { Type } from '@sinclair/typebox';
import { OUTCOMES, SESSION_TYPES } from '../../../machines/coaching-cohort/coaching-cohort.types';
import { BusinessDate, FreeText, Instant, Matching, NoPayload, OneOf, StrictObject, Text, Whole } from '../../contract/schema';

/**
 * A pseudonymous participant reference: letters, digits, dot, dash, underscore, no spaces, so that a
 * name does not fit comfortably (e.g. `G1-P07`, or the referring scheme's file number).
 */
const REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const Ref = () =>
  Matching(REF_PATTERN, 'must be a pseudonymous reference (letters, digits, . _ -, no spaces, at most 40)', { examples: ['G1-P07'] });

/** An inclusive range of whole numbers; the machine checks min ≤ max when recruitment opens. */
const Range = StrictObject({ min: Whole(0, 10000), max: Whole(0, 10000) }, { title: 'Range' });

/** Who may enrol (001 §III, §V). A criterion left out is not checked. */
const Eligibility = StrictObject(
  {
    sex: Type.Optional(OneOf(['F', 'M'] as const, { examples: ['F'] })),
    neighbourhoods: Type.Optional(Type.Array(Text(100), { maxItems: 50, examples: [["Fontaine d'Ouche", 'Grésilles', 'Quetigny']] })),
    olderThan: Type.Optional(
      Whole(0, 120, { description: 'Strictly older than this at enrolment; age = Paris year of enrolment − birth year', examples: [30] }),
    ),
    requiresScheme: Type.Optional(Type.Boolean({ description: 'Already followed by an employment or integration scheme' })),
  },
  { title: 'Eligibility' },
);

const collective = { count: Range, minutes: Range };

/** 001 §IV: weeks 10–12; 1 individual coaching (30–60 min) each; 3–4 collective (150–180 min); 7–8 thematic (120 min). */
const SessionPlan = StrictObject(
  {
    weeks: Range,
    individual: StrictObject({ perParticipant: Whole(0, 10), minutes: Range }),
    collective: StrictObject(collective),
    thematic: StrictObject({ ...collective, themes: Type.Array(Text(64), { minItems: 1, maxItems: 20, uniqueItems: true }) }),
  },
  { title: 'Session plan' },
);

/** The draft terms of a cohort; every field is optional while drafting, OPEN_RECRUITMENT checks completeness. */
export const CohortTerms = StrictObject(
  {
    group: Type.Optional(FreeText(300, { examples: ["Group 1: Fontaine d'Ouche, Grésilles, Quetigny"] })),
    theme: Type.Optional(FreeText(200, { examples: ['employment of women'] })),
    size: Type.Optional(Range),
    recruitmentClosesAt: Type.Optional(Instant({ examples: ['2022-09-16T18:00:00+02:00'] })),
    eligibility: Type.Optional(Eligibility),
    plan: Type.Optional(SessionPlan),
    sixMonthAnchor: Type.Optional(
      OneOf(['start', 'end'] as const, {
        description:
          'What the +6-month follow-up counts from when left out: the end of the sessions for cohort@1, their start from cohort@2 on',
      }),
    ),
  },
  { title: 'Cohort terms' },
);

/**
 * Personal data: a pseudonymous reference and only what the rules and the indicators need. Any other
 * field (a name, an address, a phone number) is refused.
 */
const Participant = StrictObject(
  {
    ref: Ref(),
    sex: OneOf(['F', 'M'] as const),
    birthYear: Whole(1900, 2100),
    neighbourhood: Text(100),
    scheme: Type.Optional(Text(60, { description: 'The scheme following the participant (e.g. "PLIE", "Pôle emploi"); absent when none' })),
  },
  { title: 'Participant' },
);

const SixMonthOutcome = StrictObject({ ref: Ref(), outcome: OneOf(OUTCOMES) });
const EndOutcome = StrictObject({ ref: Ref(), outcome: OneOf(OUTCOMES), skillsMapDone: Type.Boolean() });

export const cohortEventSchemas = {
  UPDATE_DRAFT: CohortTerms,
  OPEN_RECRUITMENT: NoPayload(),
  ENROLL: StrictObject({ participant: Participant }),
  WITHDRAW_PARTICIPANT: StrictObject({ ref: Ref() }),
  CLOSE_RECRUITMENT: StrictObject(
    { manual: Type.Optional(Type.Boolean({ description: 'true when an administrator closes before the date' })) },
    { description: 'The scheduler sends no payload at the date; an administrator closing early sends manual: true' },
  ),
  RECORD_POSITIONING: StrictObject({ ref: Ref(), minutes: Whole(1, 480) }),
  CONFIRM_COHORT: NoPayload(),
  START_SESSIONS: NoPayload(),
  RECORD_SESSION: StrictObject(
    {
      sessionType: OneOf(SESSION_TYPES),
      theme: Type.Optional(Text(64)),
      date: BusinessDate(),
      minutes: Whole(1, 600),
      attendees: Type.Array(Ref(), { minItems: 1, maxItems: 50, uniqueItems: true }),
    },
    { description: 'One session with its attendance (`sessionType` because `type` is the event’s own name)' },
  ),
  COMPLETE_SESSIONS: NoPayload(),
  RECORD_END_EVALUATION: StrictObject({ outcomes: Type.Array(EndOutcome, { maxItems: 100 }) }),
  SIX_MONTH_EVALUATION_DUE: NoPayload('Sent by the scheduler when the +6-month follow-up falls due'),
  RECORD_SIX_MONTH_EVALUATION: StrictObject({ outcomes: Type.Array(SixMonthOutcome, { maxItems: 100 }) }),
  CANCEL: StrictObject({ reason: Text(2000) }),
};
