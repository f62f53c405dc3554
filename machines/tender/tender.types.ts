import type { TimedEvent } from '../shared/envelope';
import type { SixMonthAnchor } from '../shared/evaluation';

export type CriterionKind = 'quality' | 'price';

/** An award criterion; weights of all criteria sum to 100 (001: technical value 60, price 40). */
export interface AwardCriterion {
  id: string;
  label: string;
  weight: number;
  kind: CriterionKind;
}

/** Caps on delivery (000: at most 3 days per structure, at most 3 structures, 9 days in all). */
export interface DeliveryCaps {
  maxDaysPerStructure?: number;
  maxStructures?: number;
  maxTotalDays?: number;
}

/** What the +6-month date counts from: the start of delivery (the default) or its end. */
export type { SixMonthAnchor } from '../shared/evaluation';

/** What an administrator sets while the tender is a draft. Money is in integer cents incl. VAT. */
export interface TenderTerms {
  title?: string;
  buyer?: string;
  object?: string;
  theme?: string;
  budgetFloorCents?: number;
  budgetCapCents?: number;
  criteria?: AwardCriterion[];
  bidDeadline?: string;
  decisionDate?: string;
  plannedDeliveryStart?: string;
  requiredDocuments?: string[];
  deliveryCaps?: DeliveryCaps;
  sixMonthAnchor?: SixMonthAnchor;
  /** Formal procedures: a bid deadline on a weekend or a public holiday moves to the next working day. */
  moveDeadlineToWorkingDay?: boolean;
}

export type TenderInput = TenderTerms;

export interface Organisation {
  name: string;
  identifier: string;
}

export interface Bid {
  id: string;
  bidder: Organisation;
  consortium: Organisation[];
  priceExclVatCents: number;
  priceInclVatCents: number;
  documents: Record<string, string>;
  submittedAt: string;
  withdrawnAt?: string;
  admissible: boolean;
  inadmissibleReasons: string[];
  /** Score 0 to 100 per non-price criterion id. */
  scores: Record<string, number>;
  outcome?: 'awarded' | 'rejected';
}

export interface Audition {
  bidId: string;
  at: string;
  mode: 'inPerson' | 'video';
  notes?: string;
}

export interface Intervention {
  structure: string;
  date: string;
  days: number;
  recordedAt: string;
}

export interface Evaluation {
  questionnaireResult: string;
  verbalExchangeNotes?: string;
  respondents?: number;
  recordedAt: string;
}

export interface TenderContext extends TenderTerms {
  bids: Bid[];
  auditions: Audition[];
  publishedAt?: string;
  /** Set when the deadline was moved to a working day: the date as first given. */
  bidDeadlineAsGiven?: string;
  bidsClosedAt?: string;
  /** tender@2: when START_AUDITIONS was recorded (tender@1 records no instant for it). */
  auditionsStartedAt?: string;
  awardedBidId?: string;
  attributedAt?: string;
  deliveryStartedAt?: string;
  deliveryCompletedAt?: string;
  interventions: Intervention[];
  sixMonthEvaluationDue?: string;
  endEvaluation?: Evaluation;
  sixMonthEvaluation?: Evaluation;
  unsuccessfulReason?: string;
  cancellation?: { reason: string; at: string; fromState: string };
}

export type BidSubmission = {
  bidder: Organisation;
  consortium?: Organisation[];
  priceExclVatCents: number;
  priceInclVatCents: number;
  documents?: Record<string, string>;
};

export type TenderEvent =
  | ({ type: 'UPDATE_DRAFT' } & TenderTerms & TimedEvent)
  | ({ type: 'PUBLISH' } & TimedEvent)
  | ({ type: 'SUBMIT_BID' } & BidSubmission & TimedEvent)
  | ({ type: 'WITHDRAW_BID'; bidId: string } & TimedEvent)
  | ({ type: 'CLOSE_BIDS' } & TimedEvent)
  | ({ type: 'START_AUDITIONS' } & TimedEvent)
  | ({ type: 'RECORD_AUDITION'; bidId: string; mode: 'inPerson' | 'video'; notes?: string; scores?: Record<string, number> } & TimedEvent)
  | ({ type: 'SCORE_BID'; bidId: string; scores: Record<string, number> } & TimedEvent)
  | ({ type: 'ATTRIBUTE'; bidId: string } & TimedEvent)
  | ({ type: 'DECLARE_UNSUCCESSFUL'; reason: string } & TimedEvent)
  | ({ type: 'CANCEL'; reason: string } & TimedEvent)
  | ({ type: 'START_DELIVERY'; startedAt?: string } & TimedEvent)
  | ({ type: 'RECORD_INTERVENTION'; structure: string; date: string; days: number } & TimedEvent)
  | ({ type: 'COMPLETE_DELIVERY'; completedAt?: string; childrenAwaitingEndEvaluation?: string[] } & TimedEvent)
  | ({ type: 'RECORD_END_EVALUATION'; questionnaireResult: string; verbalExchangeNotes: string } & TimedEvent)
  | ({ type: 'SIX_MONTH_EVALUATION_DUE' } & TimedEvent)
  | ({ type: 'RECORD_SIX_MONTH_EVALUATION'; questionnaireResult: string; respondents?: number } & TimedEvent);

export type TenderEventType = TenderEvent['type'];

export type TenderEventOf<T extends TenderEventType> = Extract<TenderEvent, { type: T }>;
