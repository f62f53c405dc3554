import { Type } from '@sinclair/typebox';
import {
  BusinessDate,
  EmailAddress,
  FreeText,
  Matching,
  NoPayload,
  OneOf,
  RecordOf,
  StrictObject,
  Text,
  Whole,
} from '../../contract/schema';

/** Ids of parties and duties: short, URL-safe, used in events and payloads. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** Positive ISO 8601 durations in whole calendar units, as the convention machine accepts them (P1Y, P3M, P1Y6M, P2W, P10D). */
export const CALENDAR_DURATION_PATTERN = /^P(?=.*[1-9])(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?$/;

const Id = (examples: string[]) =>
  Type.String({
    minLength: 1,
    maxLength: 64,
    pattern: ID_PATTERN.source,
    'x-error-message': 'must be an id: letters, digits, then also _ . -',
    examples,
  });

const CalendarDuration = (examples: string[]) =>
  Matching(CALENDAR_DURATION_PATTERN, 'must be an ISO 8601 duration in years, months, weeks or days, e.g. P1Y, P3M, P2M', { examples });

const Representative = StrictObject({
  name: Text(200, { examples: ['Jocelyne BONJOUR'] }),
  title: Text(300, { examples: ['Directrice'] }),
});

const Party = StrictObject(
  {
    id: Id(['cio-chateauroux']),
    organisation: Text(300),
    representative: Representative,
    role: Text(200, { examples: ['local signatory'] }),
  },
  { title: 'Party' },
);

const TermRule = StrictObject({
  duration: CalendarDuration(['P1Y']),
  tacitRenewal: Type.Boolean(),
  maxRenewals: Type.Optional(Whole(0)),
});

const ReviewRule = StrictObject({
  anniversaryWindow: CalendarDuration(['P1M']),
  allows: Type.Array(OneOf(['amendment', 'denunciation'] as const), { minItems: 1, maxItems: 2 }),
});

const DutyRule = StrictObject({
  id: Id(['technicalCommittee']),
  kind: OneOf(['committee', 'report'] as const),
  every: CalendarDuration(['P3M']),
  label: Type.Optional(FreeText(300)),
});

/** The terms an amendment may change (every field optional; the amended whole is checked by the machine). */
const amendableTerms = {
  title: Type.Optional(FreeText(500)),
  object: Type.Optional(FreeText(5000)),
  term: Type.Optional(TermRule),
  review: Type.Optional(ReviewRule),
  formalNoticePeriod: Type.Optional(CalendarDuration(['P2M'])),
  duties: Type.Optional(Type.Array(DutyRule, { maxItems: 20 })),
  clauses: Type.Optional(RecordOf('string', { maxKeys: 50, maxLength: 10000 }, { description: 'Article number → agreed text' })),
};
const AmendableTerms = StrictObject(amendableTerms, { title: 'Amendable terms' });

const draft = {
  ...amendableTerms,
  effectiveDate: Type.Optional(
    BusinessDate({ description: 'A stated effective date; the convention takes effect at the later of it and the last signature' }),
  ),
  parties: Type.Optional(Type.Array(Party, { maxItems: 30 })),
};

/** The draft of a convention (creation input and UPDATE_DRAFT); OPEN_FOR_SIGNATURE checks completeness. */
export const ConventionDraft = StrictObject(draft, { title: 'Convention draft' });

/**
 * convention@2's draft: also what the +6-month evaluation counts from, the effective date (`start`,
 * the default) or the end of the convention. convention@1 keeps ConventionDraft, which refuses it.
 */
export const ConventionDraftV2 = StrictObject(
  {
    ...draft,
    sixMonthAnchor: Type.Optional(
      OneOf(['start', 'end'] as const, { description: 'The +6-month evaluation counts from the effective date by default' }),
    ),
  },
  { title: 'Convention draft' },
);

const Evaluation = StrictObject({ assessment: Text(10000), evaluator: Type.Optional(FreeText(300)) });

export const conventionEventSchemas = {
  UPDATE_DRAFT: ConventionDraft,
  OPEN_FOR_SIGNATURE: NoPayload(),
  SIGN: StrictObject({ party: Text(64, { description: "The signing party's id" }) }),
  WITHDRAW: StrictObject({ reason: Type.Optional(FreeText(2000)) }),
  AMEND: StrictObject({
    summary: Text(2000),
    signedBy: Type.Array(FreeText(64), {
      minItems: 2,
      maxItems: 30,
      description: "Every party's id: an amendment (avenant) binds them all",
    }),
    changes: Type.Optional(AmendableTerms),
  }),
  RECORD_COMMITTEE: StrictObject({
    committee: Id(['technicalCommittee']),
    date: BusinessDate({ description: 'The meeting date (Europe/Paris): it places the meeting in its period' }),
    minutesRef: Text(500),
  }),
  RECORD_REPORT: StrictObject({
    report: Id(['activityReport']),
    year: Whole(1, undefined, { description: 'The occurrence reported on: for a yearly report, the convention year (1, 2, 3...)' }),
    documentRef: Type.Optional(FreeText(500)),
  }),
  ANNIVERSARY: NoPayload('Sent by the scheduler at each anniversary'),
  TERM_END: NoPayload('Sent by the scheduler at the end of the term'),
  SEND_FORMAL_NOTICE: StrictObject({
    from: Text(64),
    to: Text(64),
    breach: Text(5000),
    letterRef: Type.Optional(FreeText(100, { description: "The registered letter's reference (recommandé avec accusé de réception)" })),
  }),
  REMEDY: StrictObject({ note: Type.Optional(FreeText(5000)) }),
  NOTICE_EXPIRED: NoPayload('Sent by the scheduler when a formal notice runs out'),
  DENOUNCE: StrictObject({ party: Text(64), reason: Text(5000) }),
  DUTY_DUE: StrictObject(
    { dutyId: Text(64), sequence: Whole(1) },
    { description: 'Sent by the scheduler when a committee or report falls due' },
  ),
  RECORD_END_EVALUATION: Evaluation,
  SIX_MONTH_EVALUATION_DUE: NoPayload('Sent by the scheduler when the +6-month evaluation falls due'),
  RECORD_SIX_MONTH_EVALUATION: Evaluation,
};

/** convention@2: UPDATE_DRAFT may also name the +6-month anchor. */
export const conventionEventSchemasV2 = { ...conventionEventSchemas, UPDATE_DRAFT: ConventionDraftV2 };

// ---------------------------------------------------------------------------------------------------------
// convention@3: the renewal condition and the reading of the term (003 art. 4), co-signatories (004),
// the registered letter (003 art. 5), the subsidy request (003 art. 4), statistics by sex (004 art. 6).

const TermRuleV3 = StrictObject({
  duration: CalendarDuration(['P1Y']),
  tacitRenewal: Type.Boolean(),
  maxRenewals: Type.Optional(Whole(0)),
  renewalRequires: Type.Optional(
    Type.Array(OneOf(['report', 'subsidyRequest'] as const), {
      minItems: 1,
      maxItems: 2,
      uniqueItems: true,
      description: "003 art. 4: what must be recorded during a term for it to renew tacitly (the year's report, the subsidy request)",
    }),
  ),
  renewalWarning: Type.Optional(
    Matching(CALENDAR_DURATION_PATTERN, 'must be an ISO 8601 duration in years, months, weeks or days, e.g. P1M', {
      description: 'How long before the end of the term the agenda warns of an unmet renewal condition (P1M by default)',
      examples: ['P1M'],
    }),
  ),
  reading: Type.Optional(
    OneOf(['twelveMonths', 'calendarYear'] as const, {
      description:
        'twelveMonths (default): from the effective date; calendarYear: terms end on 31 December (003 art. 4, "une année civile")',
    }),
  ),
});

const amendableTermsV3 = { ...amendableTerms, term: Type.Optional(TermRuleV3) };
const AmendableTermsV3 = StrictObject(amendableTermsV3, { title: 'Amendable terms' });

/** convention@3: the person written to for a signatory (its notifications and reminders by e-mail). */
const SignatoryContact = StrictObject(
  {
    name: Type.Optional(Text(200, { examples: ['Jocelyne BONJOUR'] })),
    email: Type.Optional(EmailAddress({ description: 'Where the signatory is written to (its notifications and reminders)' })),
  },
  // An empty contact (as a form sends an optional group left blank) is none; a name alone is refused.
  { title: 'Contact', dependentRequired: { name: ['email'] } },
);

const CoSignatory = StrictObject(
  {
    id: Id(['prefet-idf']),
    organisation: Text(300),
    representative: Representative,
    role: Text(200, { examples: ['co-signatory (regional delegate of the Acsé)'] }),
    contact: Type.Optional(SignatoryContact),
  },
  { title: 'Co-signatory' },
);

/** convention@3: a party may name the person written to for it. */
const PartyV3 = StrictObject(
  {
    ...Party.properties,
    contact: Type.Optional(SignatoryContact),
  },
  { title: 'Party (convention@3)' },
);

/**
 * convention@3's draft: convention@2's, with the term's renewal condition and reading, and the
 * co-signatories (they sign for the entry into force but are not parties).
 */
export const ConventionDraftV3 = StrictObject(
  {
    ...draft,
    ...amendableTermsV3,
    parties: Type.Optional(Type.Array(PartyV3, { maxItems: 30 })),
    sixMonthAnchor: ConventionDraftV2.properties.sixMonthAnchor,
    coSignatories: Type.Optional(
      Type.Array(CoSignatory, { maxItems: 10, description: 'Sign for the entry into force; not parties (004: the Préfet)' }),
    ),
  },
  { title: 'Convention draft' },
);

/** People in one report or action: a whole number, bounded so that sums over every report stay exact. */
const MAX_PEOPLE = 10_000_000;
const People = (options: { description?: string } = {}) => Whole(0, MAX_PEOPLE, options);

const SexBreakdown = StrictObject(
  { F: People(), M: People(), unspecified: Type.Optional(People()) },
  { description: 'People counted by sex (004 art. 6: "statistiques sexuées")' },
);

const ActionStatistics = StrictObject({
  label: Text(300, { examples: ['Formation des acteurs (art. 3)'] }),
  participants: Type.Optional(People({ description: 'In total: F + M + unspecified' })),
  participantsBySex: SexBreakdown,
});

export const conventionEventSchemasV3 = {
  ...conventionEventSchemasV2,
  UPDATE_DRAFT: ConventionDraftV3,
  AMEND: StrictObject({ ...conventionEventSchemas.AMEND.properties, changes: Type.Optional(AmendableTermsV3) }),
  RECORD_REPORT: StrictObject({
    ...conventionEventSchemas.RECORD_REPORT.properties,
    participants: Type.Optional(People({ description: 'People reached in the year, in total: F + M + unspecified' })),
    participantsBySex: Type.Optional(SexBreakdown),
    actions: Type.Optional(
      Type.Array(ActionStatistics, { maxItems: 100, description: 'The actions carried out, each with its people by sex (004 art. 6)' }),
    ),
  }),
  RECORD_SUBSIDY_REQUEST: StrictObject({
    reference: Text(200, { description: "The yearly subsidy request's reference (003 art. 4: filed in the online aid portal)" }),
    filedOn: Type.Optional(BusinessDate({ description: 'When it was filed (Europe/Paris); the day it is recorded by default' })),
  }),
  SEND_FORMAL_NOTICE: StrictObject({
    from: Text(64),
    to: Text(64),
    breach: Text(5000),
    letterReference: Type.Optional(
      FreeText(100, {
        description: "The registered letter's reference (lettre recommandée avec accusé de réception, 003 art. 5); the rule requires it",
      }),
    ),
    receivedOn: Type.Optional(BusinessDate({ description: 'The date of the acknowledgement of receipt, when known' })),
  }),
  RECORD_NOTICE_RECEIPT: StrictObject({
    receivedOn: BusinessDate({ description: 'The date of the acknowledgement of receipt of the registered letter (003 art. 5)' }),
  }),
};
