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

/*
 * tender@3: what the essential data of a public contract (DECP 2.0.3, "données essentielles de la
 * commande publique") need, as the schema of 139bercy/format-commande-publique spells its values.
 * Each list is the schema's enumeration, in its order; the union type is read from it.
 */

/** DECP `nature` of a contract (marché). */
export const CONTRACT_NATURES = ['Marché', 'Marché de partenariat', 'Marché de défense ou de sécurité'] as const;
export type ContractNature = (typeof CONTRACT_NATURES)[number];

/** DECP `procedure`: how the contract was awarded (seed 001 is a `Procédure adaptée`). */
export const PROCEDURES = [
  'Procédure adaptée',
  "Appel d'offres ouvert",
  "Appel d'offres restreint",
  'Procédure avec négociation',
  'Marché passé sans publicité ni mise en concurrence préalable',
  'Dialogue compétitif',
] as const;
export type Procedure = (typeof PROCEDURES)[number];

/** DECP `formePrix`. */
export const PRICE_FORMS = ['Unitaire', 'Forfaitaire', 'Mixte'] as const;
export type PriceForm = (typeof PRICE_FORMS)[number];

/** DECP `typesPrix.typePrix` (a list). */
export const PRICE_TYPES = ['Définitif ferme', 'Définitif actualisable', 'Définitif révisable', 'Provisoire'] as const;
export type PriceType = (typeof PRICE_TYPES)[number];

/** DECP `lieuExecution.typeCode`: what kind of code `lieuExecution.code` is. */
export const PLACE_CODE_TYPES = [
  'Code postal',
  'Code commune',
  'Code arrondissement',
  'Code canton',
  'Code département',
  'Code région',
  'Code pays',
] as const;
export type PlaceCodeType = (typeof PLACE_CODE_TYPES)[number];

/** DECP `considerationsSociales.considerationSociale` (a list; for a marché). */
export const SOCIAL_CONSIDERATIONS = ['Clause sociale', 'Critère social', 'Marché réservé', 'Pas de considération sociale'] as const;
export type SocialConsideration = (typeof SOCIAL_CONSIDERATIONS)[number];

/** DECP `considerationsEnvironnementales.considerationEnvironnementale` (a list). */
export const ENVIRONMENTAL_CONSIDERATIONS = [
  'Clause environnementale',
  'Critère environnemental',
  'Pas de considération environnementale',
] as const;
export type EnvironmentalConsideration = (typeof ENVIRONMENTAL_CONSIDERATIONS)[number];

/** DECP `techniques.technique` (a list): the purchase techniques used. */
export const PURCHASE_TECHNIQUES = [
  'Accord-cadre',
  'Concours',
  'Système de qualification',
  "Système d'acquisition dynamique",
  'Catalogue électronique',
  'Enchère électronique',
  'Sans objet',
] as const;
export type PurchaseTechnique = (typeof PURCHASE_TECHNIQUES)[number];

/** DECP `modalitesExecution.modaliteExecution` (a list). */
export const EXECUTION_METHODS = ['Tranches', 'Bons de commande', 'Marchés subséquents', 'Sans objet'] as const;
export type ExecutionMethod = (typeof EXECUTION_METHODS)[number];

/** DECP `ccag`: the general administrative clauses of reference. */
export const CCAG_VALUES = [
  'Travaux',
  "Maitrise d'œuvre",
  'Fournitures courantes et services',
  'Marchés industriels',
  'Prestations intellectuelles',
  "Techniques de l'information et de la communication",
  'Pas de CCAG',
] as const;
export type Ccag = (typeof CCAG_VALUES)[number];

/** DECP `typeIdentifiant` of a holder (titulaire): SIRET by default. */
export const IDENTIFIER_SCHEMES = ['SIRET', 'TVA', 'TAHITI', 'RIDET', 'FRWF', 'IREP', 'HORS-UE'] as const;
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

/** DECP `typeGroupementOperateurs` of a consortium bid (`Pas de groupement` when there is none). */
export const GROUPING_TYPES = ['Conjoint', 'Solidaire'] as const;
export type GroupingType = (typeof GROUPING_TYPES)[number];

/** DECP `lieuExecution`: the main place of execution. */
export interface PlaceOfExecution {
  code: string;
  typeCode: PlaceCodeType;
}

/**
 * tender@3's terms: tender@2's, plus what the essential data of the contract need (DECP 2.0.3) and the
 * tolerance on the planned start. All optional while drafting; PUBLISH requires buyerSiret, nature,
 * procedure, cpvCode, placeOfExecution, durationMonths and priceForm.
 */
export interface TenderTermsV3 extends TenderTerms {
  /** The buyer's SIRET (DECP `acheteur.id`, 14 digits). */
  buyerSiret?: string;
  /** The buyer's own number for the contract (DECP `id`, IdentifiantMarche: 1 to 16 characters). */
  contractId?: string;
  nature?: ContractNature;
  procedure?: Procedure;
  /** CPV code, `79000000-4` or `79000000` (DECP `codeCPV`). */
  cpvCode?: string;
  placeOfExecution?: PlaceOfExecution;
  /** The initial duration in months (DECP `dureeMois`). */
  durationMonths?: number;
  priceForm?: PriceForm;
  priceTypes?: PriceType[];
  socialConsiderations?: SocialConsideration[];
  environmentalConsiderations?: EnvironmentalConsideration[];
  purchaseTechniques?: PurchaseTechnique[];
  executionMethods?: ExecutionMethod[];
  ccag?: Ccag;
  /** DECP `marcheInnovant`. */
  innovative?: boolean;
  /** How many days START_DELIVERY may stray from plannedDeliveryStart before it is marked (default 15). */
  plannedStartToleranceDays?: number;
  /** The buyer's person in charge: who receives the record's notifications and reminders by e-mail. */
  contact?: Contact;
}

/** A person to write to about a record (tender@3, convention@3). */
/** An empty contact (no address) is no contact: nobody is written to. */
export interface Contact {
  name?: string;
  email?: string;
}

export type TenderInputV3 = TenderTermsV3;

export interface Organisation {
  name: string;
  identifier: string;
  /** tender@3: the scheme of `identifier` (DECP `typeIdentifiant`); absent means SIRET. */
  scheme?: IdentifierScheme;
}

/** Where and when essential data were published (the national portal, a buyer's profile...). */
export interface PublicationRecord {
  /** Business date of the publication, YYYY-MM-DD. */
  publishedOn: string;
  /** A URL or a description of the place. */
  where: string;
  /** The instant the publication was recorded (the event's `at`). */
  recordedAt: string;
  /** tender@3: the instant it was due by, when one was due (`publicationDue` is cleared once published). */
  due?: string;
}

/**
 * How the essential data must be published (issue text, our reading of the code de la commande
 * publique): within two months of the notification for 40,000 EUR excl. VAT or more; on the yearly
 * list (due 31 March of the next year) from 25,000 to 40,000 EUR; not at all below 25,000 EUR.
 */
export type PublicationRule = 'twoMonths' | 'yearlyList' | 'none';

/** An amendment of a notified contract (DECP `modifications`), numbered 1, 2… in notification order. */
export interface ContractModification {
  id: number;
  /** Business date of the amendment's notification, YYYY-MM-DD. */
  notifiedOn: string;
  summary: string;
  /** The new duration in months, if it changed. */
  durationMonths?: number;
  /** The new amount excl. VAT in cents, if it changed. */
  amountExclVatCents?: number;
  /** The holders after the amendment, if they changed. */
  holders?: Organisation[];
  recordedAt: string;
  publication?: PublicationRecord;
  /** Instant by which the republication is due: absent when none is due, cleared once published. */
  publicationDue?: string;
  publicationRule?: PublicationRule;
}

/** The contract once notified to its holders (tender@3, NOTIFY_CONTRACT). */
export interface ContractRecord {
  /** Business date of the notification, YYYY-MM-DD (DECP `dateNotification`). */
  notifiedOn: string;
  /** The instant NOTIFY_CONTRACT was recorded. */
  notifiedAt: string;
  /** DECP `montant`, in cents excl. VAT: the awarded bid's price unless stated. */
  amountExclVatCents: number;
  /** The awarded bidder, then its consortium partners. */
  holders: Organisation[];
  /** DECP `typeGroupementOperateurs` when there are several holders. */
  groupingType?: GroupingType;
  /** DECP `attributionAvance` and `tauxAvance` (0.1 = 10 %). */
  advance?: { granted: boolean; rate?: number };
  /** DECP `sousTraitanceDeclaree`. */
  subcontractingDeclared: boolean;
  modifications: ContractModification[];
  publication?: PublicationRecord;
  /** Instant by which the essential data are to be published: absent when none is due, cleared once published. */
  publicationDue?: string;
  publicationRule?: PublicationRule;
}

/** tender@3: an ATTRIBUTE after the decision date is accepted but marked (001 IX). */
export interface AttributionLate {
  decisionDate: string;
  attributedAt: string;
  reason: string;
}

/** tender@3: a START_DELIVERY further from plannedDeliveryStart than the tolerance (001 IX). */
export interface DeliveryStartDeviation {
  /** The planned business date. */
  planned: string;
  /** The business date delivery started on. */
  started: string;
  /** Days from planned to started: positive when late, negative when early. */
  days: number;
}

/** How a rejected bidder was informed (tender@3, INFORM_BIDDER). */
export const INFORMATION_MEANS = ['email', 'registeredLetter', 'platform', 'handDelivered'] as const;
export type InformationMeans = (typeof INFORMATION_MEANS)[number];

export interface BidderInformation {
  informedAt: string;
  means: InformationMeans;
  /** The reason given, as the letter states it (rank and scores, or inadmissibility). */
  reason: string;
  /** Rank out of `rankedBids` when the bid was ranked. */
  rank?: number;
  rankedBids?: number;
  recordedAt: string;
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
  /** tender@3: how the members of a consortium are bound (given with a consortium). */
  groupingType?: GroupingType;
  /** tender@3: set on each rejected bid at the attribution while its bidder is to be informed; cleared once informed. */
  informationDue?: string;
  /** tender@3: how and when its bidder was informed of the rejection. */
  informed?: BidderInformation;
  /** tender@3: where the bidder is written to (its letter if rejected, the award if retained). */
  contactEmail?: string;
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
  /** tender@3: the structure's SIRET, when given. */
  structureSiret?: string;
  /** tender@3: what identifies the structure for the caps: `siret:<SIRET>` or `name:<normalised name>`. */
  structureKey?: string;
}

export interface Evaluation {
  questionnaireResult: string;
  verbalExchangeNotes?: string;
  respondents?: number;
  recordedAt: string;
}

/**
 * A tender's context, in every version. The fields marked tender@3 are only ever set by tender@3 (its
 * terms, the contract, the marks); tender@1 and tender@2 never set them.
 */
export interface TenderContext extends TenderTermsV3 {
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
  /** tender@3: the business date (Europe/Paris, YYYY-MM-DD) of the attribution. */
  attributedOn?: string;
  deliveryStartedAt?: string;
  deliveryCompletedAt?: string;
  interventions: Intervention[];
  sixMonthEvaluationDue?: string;
  endEvaluation?: Evaluation;
  sixMonthEvaluation?: Evaluation;
  unsuccessfulReason?: string;
  cancellation?: { reason: string; at: string; fromState: string };
  /** tender@3: the contract, from NOTIFY_CONTRACT on. */
  contract?: ContractRecord;
  /** tender@3: the attribution came after the decision date. */
  attributionLate?: AttributionLate;
  /** tender@3: delivery started further from the planned start than the tolerance. */
  deliveryStartDeviation?: DeliveryStartDeviation;
}

/** The context of a tender@3 record (the same type: the tender@3 fields are optional in every version). */
export type TenderContextV3 = TenderContext;

export type BidSubmission = {
  bidder: Organisation;
  consortium?: Organisation[];
  /** tender@3: with a consortium. */
  groupingType?: GroupingType;
  priceExclVatCents: number;
  priceInclVatCents: number;
  documents?: Record<string, string>;
  /** tender@3: the bidder's contact e-mail. */
  contactEmail?: string;
};

export type TenderEvent =
  | ({ type: 'UPDATE_DRAFT' } & TenderTermsV3 & TimedEvent)
  | ({ type: 'PUBLISH' } & TimedEvent)
  | ({ type: 'SUBMIT_BID' } & BidSubmission & TimedEvent)
  | ({ type: 'WITHDRAW_BID'; bidId: string } & TimedEvent)
  | ({ type: 'CLOSE_BIDS' } & TimedEvent)
  | ({ type: 'START_AUDITIONS' } & TimedEvent)
  | ({ type: 'RECORD_AUDITION'; bidId: string; mode: 'inPerson' | 'video'; notes?: string; scores?: Record<string, number> } & TimedEvent)
  | ({ type: 'SCORE_BID'; bidId: string; scores: Record<string, number> } & TimedEvent)
  | ({ type: 'ATTRIBUTE'; bidId: string; /** tender@3: why it comes after the decision date. */ lateReason?: string } & TimedEvent)
  | ({ type: 'DECLARE_UNSUCCESSFUL'; reason: string } & TimedEvent)
  | ({ type: 'CANCEL'; reason: string } & TimedEvent)
  | ({ type: 'START_DELIVERY'; startedAt?: string } & TimedEvent)
  | ({ type: 'RECORD_INTERVENTION'; structure: string; date: string; days: number; /** tender@3 */ structureSiret?: string } & TimedEvent)
  | ({ type: 'COMPLETE_DELIVERY'; completedAt?: string; childrenAwaitingEndEvaluation?: string[] } & TimedEvent)
  | ({ type: 'RECORD_END_EVALUATION'; questionnaireResult: string; verbalExchangeNotes: string } & TimedEvent)
  | ({ type: 'SIX_MONTH_EVALUATION_DUE' } & TimedEvent)
  | ({ type: 'RECORD_SIX_MONTH_EVALUATION'; questionnaireResult: string; respondents?: number } & TimedEvent)
  // tender@3: the contract and the duties after the attribution.
  | ({ type: 'NOTIFY_CONTRACT' } & NotifyContract & TimedEvent)
  | ({ type: 'AMEND_CONTRACT' } & AmendContract & TimedEvent)
  | ({ type: 'RECORD_PUBLICATION' } & RecordPublication & TimedEvent)
  | ({ type: 'INFORM_BIDDER' } & InformBidder & TimedEvent);

/** tender@3: the contract is notified to its holders (once, from the attribution on). */
export interface NotifyContract {
  /** Business date of the notification, YYYY-MM-DD, not before the attribution's. */
  notifiedOn: string;
  /** Defaults to the awarded bid's price excl. VAT. */
  amountExclVatCents?: number;
  /** Recorded when `granted` is given (a form may send an empty object). */
  advance?: { granted?: boolean; rate?: number };
  subcontractingDeclared?: boolean;
}

/** tender@3: an amendment of the notified contract. */
export interface AmendContract {
  notifiedOn: string;
  summary: string;
  durationMonths?: number;
  amountExclVatCents?: number;
  /** The holders after the amendment; an empty list leaves them unchanged. */
  holders?: Organisation[];
}

/** tender@3: the essential data (or a modification's, by its id) were published. */
export interface RecordPublication {
  publishedOn: string;
  where: string;
  modificationId?: number;
}

/** tender@3: a rejected bidder was informed. */
export interface InformBidder {
  bidId: string;
  /** Defaults to the event's `at`. */
  informedAt?: string;
  means: InformationMeans;
}

export type TenderEventType = TenderEvent['type'];

export type TenderEventOf<T extends TenderEventType> = Extract<TenderEvent, { type: T }>;
