import { Type } from '@sinclair/typebox';
import { BusinessDate, Cents, FreeText, Instant, NoPayload, OneOf, RecordOf, StrictObject, Text, Whole } from '../../contract/schema';

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
