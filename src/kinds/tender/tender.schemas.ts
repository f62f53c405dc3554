import { Type } from '@sinclair/typebox';
import {
  CCAG_VALUES,
  CONTRACT_NATURES,
  ENVIRONMENTAL_CONSIDERATIONS,
  EXECUTION_METHODS,
  GROUPING_TYPES,
  IDENTIFIER_SCHEMES,
  INFORMATION_MEANS,
  PLACE_CODE_TYPES,
  PRICE_FORMS,
  PRICE_TYPES,
  PROCEDURES,
  PURCHASE_TECHNIQUES,
  SOCIAL_CONSIDERATIONS,
} from '../../../machines/tender/tender.types';
import {
  BusinessDate,
  Cents,
  EmailAddress,
  FreeText,
  Instant,
  Matching,
  NoPayload,
  OneOf,
  RecordOf,
  Siret,
  StrictObject,
  Text,
  Whole,
} from '../../contract/schema';

const Organisation = StrictObject(
  {
    name: Text(300, { examples: ['Coaching Coop'] }),
    identifier: Text(64, { description: 'SIRET or another identifier', examples: ['11111111100011'] }),
  },
  { title: 'Organisation' },
);

const AwardCriterion = StrictObject(
  {
    id: Text(64, { examples: ['technical'] }),
    label: Text(200, { examples: ['Technical value'] }),
    weight: Whole(0, 100, { description: 'Weight in points; the weights of a tender sum to 100' }),
    kind: OneOf(['quality', 'price'] as const, {
      description: 'price: scored from the prices by the formula; quality: scored by the committee',
    }),
  },
  { title: 'Award criterion' },
);

const DeliveryCaps = StrictObject(
  {
    maxDaysPerStructure: Type.Optional(Type.Number({ minimum: 0 })),
    maxStructures: Type.Optional(Whole(0)),
    maxTotalDays: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { title: 'Delivery caps' },
);

/** The draft terms of a tender; every field is optional while drafting, PUBLISH checks completeness. */
export const TenderTerms = StrictObject(
  {
    title: Type.Optional(FreeText(500, { examples: ['Remobilisation and coaching of women from priority neighbourhoods'] })),
    buyer: Type.Optional(FreeText(300, { examples: ["Creativ'"] })),
    object: Type.Optional(FreeText(5000)),
    theme: Type.Optional(FreeText(200)),
    budgetFloorCents: Type.Optional(Cents({ description: 'Budget floor in cents incl. VAT', examples: [3500000] })),
    budgetCapCents: Type.Optional(Cents({ description: 'Budget cap in cents incl. VAT', examples: [4000000] })),
    criteria: Type.Optional(Type.Array(AwardCriterion, { maxItems: 20 })),
    bidDeadline: Type.Optional(Instant({ examples: ['2022-08-05T23:59:59+02:00'] })),
    decisionDate: Type.Optional(Instant({ examples: ['2022-08-25T18:00:00+02:00'] })),
    plannedDeliveryStart: Type.Optional(BusinessDate()),
    requiredDocuments: Type.Optional(
      Type.Array(FreeText(100), { maxItems: 20, examples: [['presentation', 'proposal', 'references', 'price']] }),
    ),
    deliveryCaps: Type.Optional(DeliveryCaps),
    sixMonthAnchor: Type.Optional(
      OneOf(['start', 'end'] as const, {
        description: 'What the +6-month evaluation counts from: the start (default) or the end of delivery',
      }),
    ),
    moveDeadlineToWorkingDay: Type.Optional(
      Type.Boolean({ description: 'Move a bid deadline that falls on a day off to the next working day' }),
    ),
  },
  { title: 'Tender terms' },
);

const BidRef = { bidId: Text(32, { examples: ['B1'] }) };
const Reason = StrictObject({ reason: Text(2000) });
const Scores = RecordOf('number', { maxKeys: 20 }, { description: 'Criterion id → score from 0 to 100' });

export const tenderEventSchemas = {
  UPDATE_DRAFT: TenderTerms,
  PUBLISH: NoPayload(),
  SUBMIT_BID: StrictObject({
    bidder: Organisation,
    consortium: Type.Optional(Type.Array(Organisation, { maxItems: 30 })),
    priceExclVatCents: Cents(),
    priceInclVatCents: Cents(),
    documents: Type.Optional(
      RecordOf('string', { maxKeys: 30, maxLength: 500 }, { description: 'Document name → reference (a file name or a link)' }),
    ),
  }),
  WITHDRAW_BID: StrictObject(BidRef),
  CLOSE_BIDS: NoPayload('Sent by the scheduler at the bid deadline (or by an administrator after it)'),
  START_AUDITIONS: NoPayload(),
  RECORD_AUDITION: StrictObject({
    ...BidRef,
    mode: OneOf(['inPerson', 'video'] as const),
    notes: Type.Optional(FreeText(10000)),
    scores: Type.Optional(Scores),
  }),
  SCORE_BID: StrictObject({ ...BidRef, scores: Scores }),
  ATTRIBUTE: StrictObject(BidRef),
  DECLARE_UNSUCCESSFUL: Reason,
  CANCEL: Reason,
  START_DELIVERY: StrictObject({ startedAt: Type.Optional(Instant()) }),
  RECORD_INTERVENTION: StrictObject({
    structure: Text(300),
    date: BusinessDate(),
    days: Type.Number({ exclusiveMinimum: 0 }),
  }),
  COMPLETE_DELIVERY: StrictObject({ completedAt: Type.Optional(Instant()) }),
  RECORD_END_EVALUATION: StrictObject({ questionnaireResult: Text(10000), verbalExchangeNotes: Text(10000) }),
  SIX_MONTH_EVALUATION_DUE: NoPayload('Sent by the scheduler when the +6-month evaluation falls due'),
  RECORD_SIX_MONTH_EVALUATION: StrictObject({ questionnaireResult: Text(10000), respondents: Type.Optional(Whole(0)) }),
};

/*
 * tender@3: the essential data of the contract (DECP 2.0.3, from the enumerations of
 * machines/tender/tender.types.ts), SIRETs checked, and the events after the attribution.
 */

/**
 * An organisation on tender@3: `scheme` names what `identifier` is (DECP typeIdentifiant; absent means
 * SIRET). A SIRET is checked (14 digits, Luhn); another scheme is not.
 */
const OrganisationV3 = StrictObject(
  {
    name: Text(300, { examples: ['Coaching Coop'] }),
    identifier: Text(64, { description: 'The SIRET, or the identifier under `scheme`', examples: ['12345678000014'] }),
    scheme: Type.Optional(OneOf(IDENTIFIER_SCHEMES, { description: 'What `identifier` is (DECP typeIdentifiant); absent: SIRET' })),
  },
  {
    title: 'Organisation (tender@3)',
    // No scheme, or SIRET: the identifier is a SIRET (an absent `scheme` passes `properties` as it is).
    if: { properties: { scheme: { const: 'SIRET' } } },
    then: { properties: { identifier: Siret() } },
  },
);

/** DECP 2.0.3's `codeCPV` pattern. Only the format is checked (see docs/lifecycles/tender.md, "CPV codes"). */
export const CPV_CODE_PATTERN = /^[0-9]{8}(-[0-9])?$/;

const CpvCode = () =>
  Matching(CPV_CODE_PATTERN, 'must be a CPV code: 8 digits, optionally a dash and the check digit (79000000-4)', {
    examples: ['79000000-4'],
  });

/**
 * The place of execution: a code and its type, both or neither. Neither is required by the schema (an
 * empty object is taken as no place), so that a form drawn from it leaves an optional group optional;
 * `dependentRequired` refuses one without the other, and PUBLISH requires the place (draftIsComplete).
 */
const PlaceOfExecution = StrictObject(
  {
    code: Type.Optional(
      Text(20, {
        description: 'The code of the place (postal code, INSEE commune code, département, région, country)',
        examples: ['21231'],
      }),
    ),
    typeCode: Type.Optional(OneOf(PLACE_CODE_TYPES, { description: 'What `code` is (DECP lieuExecution.typeCode)' })),
  },
  { title: 'Place of execution', dependentRequired: { code: ['typeCode'], typeCode: ['code'] } },
);

const listOf = <T extends string>(values: readonly T[], description: string) =>
  Type.Array(OneOf(values), { minItems: 1, maxItems: values.length, uniqueItems: true, description });

/**
 * A person to write to: who receives the record's notifications and reminders by e-mail. As for the
 * place of execution, an empty object is taken as no contact, so that a form leaves the optional group
 * optional; a name without an address is refused (`dependentRequired`).
 */
export const Contact = StrictObject(
  {
    name: Type.Optional(Text(200, { description: 'Their name', examples: ['Claire Martin'] })),
    email: Type.Optional(EmailAddress({ description: 'Their e-mail address' })),
  },
  { title: 'Contact', dependentRequired: { name: ['email'] } },
);

/** tender@3's draft terms: tender@2's and the essential data of the contract; PUBLISH requires the main ones. */
export const TenderTermsV3 = StrictObject(
  {
    ...TenderTerms.properties,
    buyerSiret: Type.Optional(Siret({ description: "The buyer's SIRET (DECP acheteur.id)" })),
    contractId: Type.Optional(
      Matching(/^[A-Za-z0-9_\-./]{1,16}$/, "must be the buyer's contract number: 1 to 16 letters, digits or _ - . /", {
        description: "The buyer's own number for the contract (DECP id)",
        examples: ['2022-CREA-001'],
      }),
    ),
    nature: Type.Optional(OneOf(CONTRACT_NATURES, { description: 'DECP nature' })),
    procedure: Type.Optional(OneOf(PROCEDURES, { description: 'DECP procedure' })),
    cpvCode: Type.Optional(CpvCode()),
    placeOfExecution: Type.Optional(PlaceOfExecution),
    durationMonths: Type.Optional(Whole(1, 1200, { description: 'Initial duration in months (DECP dureeMois)' })),
    priceForm: Type.Optional(OneOf(PRICE_FORMS, { description: 'DECP formePrix' })),
    priceTypes: Type.Optional(listOf(PRICE_TYPES, 'DECP typesPrix')),
    socialConsiderations: Type.Optional(listOf(SOCIAL_CONSIDERATIONS, 'DECP considerationsSociales')),
    environmentalConsiderations: Type.Optional(listOf(ENVIRONMENTAL_CONSIDERATIONS, 'DECP considerationsEnvironnementales')),
    purchaseTechniques: Type.Optional(listOf(PURCHASE_TECHNIQUES, 'DECP techniques')),
    executionMethods: Type.Optional(listOf(EXECUTION_METHODS, 'DECP modalitesExecution')),
    ccag: Type.Optional(OneOf(CCAG_VALUES, { description: 'DECP ccag' })),
    innovative: Type.Optional(Type.Boolean({ description: 'DECP marcheInnovant' })),
    plannedStartToleranceDays: Type.Optional(
      Whole(0, 366, { description: 'Days START_DELIVERY may stray from plannedDeliveryStart before it is marked (default 15)' }),
    ),
    contact: Type.Optional(Contact),
  },
  { title: 'Tender terms (tender@3)' },
);

/** An advance: whether one was granted and its rate (a rate needs `granted`; an empty object says nothing). */
const Advance = StrictObject(
  {
    granted: Type.Optional(Type.Boolean({ description: 'An advance was granted (DECP attributionAvance)' })),
    rate: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Its rate: 0.1 = 10 % (DECP tauxAvance)' })),
  },
  { title: 'Advance', dependentRequired: { rate: ['granted'] } },
);

export const tenderEventSchemasV3 = {
  ...tenderEventSchemas,
  UPDATE_DRAFT: TenderTermsV3,
  SUBMIT_BID: StrictObject({
    bidder: OrganisationV3,
    consortium: Type.Optional(Type.Array(OrganisationV3, { maxItems: 30 })),
    groupingType: Type.Optional(OneOf(GROUPING_TYPES, { description: 'With a consortium: how its members are bound (DECP)' })),
    priceExclVatCents: Cents(),
    priceInclVatCents: Cents(),
    documents: tenderEventSchemas.SUBMIT_BID.properties.documents,
    contactEmail: Type.Optional(
      EmailAddress({ description: 'Where the bidder is written to: its letter if rejected, the award if retained' }),
    ),
  }),
  ATTRIBUTE: StrictObject({
    ...BidRef,
    lateReason: Type.Optional(FreeText(2000, { description: 'Why the attribution comes after the decision date' })),
  }),
  RECORD_INTERVENTION: StrictObject({
    ...tenderEventSchemas.RECORD_INTERVENTION.properties,
    structureSiret: Type.Optional(Siret({ description: "The structure's SIRET: identifies it for the caps" })),
  }),
  NOTIFY_CONTRACT: StrictObject({
    notifiedOn: BusinessDate({ description: 'The day the contract was notified to its holders (DECP dateNotification)' }),
    amountExclVatCents: Type.Optional(Whole(1, undefined, { description: "Amount excl. VAT in cents; default: the awarded bid's" })),
    advance: Type.Optional(Advance),
    subcontractingDeclared: Type.Optional(Type.Boolean({ description: 'DECP sousTraitanceDeclaree (default false)' })),
  }),
  AMEND_CONTRACT: StrictObject({
    notifiedOn: BusinessDate({ description: 'The day the amendment was notified' }),
    summary: Text(2000),
    durationMonths: Type.Optional(Whole(1, 1200, { description: 'The new duration in months' })),
    amountExclVatCents: Type.Optional(Whole(1, undefined, { description: 'The new amount excl. VAT in cents' })),
    holders: Type.Optional(
      Type.Array(OrganisationV3, { maxItems: 30, description: 'The holders after the amendment (an empty list: unchanged)' }),
    ),
  }),
  RECORD_PUBLICATION: StrictObject({
    publishedOn: BusinessDate({ description: 'The day the essential data were published' }),
    where: Text(1000, { description: 'Where: a URL or the place', examples: ['https://www.data.gouv.fr/'] }),
    modificationId: Type.Optional(Whole(1, undefined, { description: "A modification's id: its republication" })),
  }),
  INFORM_BIDDER: StrictObject({
    ...BidRef,
    informedAt: Type.Optional(Instant({ description: "When the bidder was informed (default: the event's at)" })),
    means: OneOf(INFORMATION_MEANS, { description: 'How the bidder was informed' }),
  }),
};
