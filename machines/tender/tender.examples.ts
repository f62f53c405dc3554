/**
 * Worked examples of tender inputs taken from the seeds, and a helper to build valid bids. Pure data:
 * used by the tests, the docs and anyone who wants a realistic tender to play with.
 */
import type { AwardCriterion, BidSubmission, Organisation, TenderInput, TenderInputV3 } from './tender.types';

/** 001 section IX: technical value of the offer 60 %, price 40 %. */
export const SEED_001_CRITERIA: AwardCriterion[] = [
  { id: 'technical', label: "Valeur technique de l'offre", weight: 60, kind: 'quality' },
  { id: 'price', label: 'Prix', weight: 40, kind: 'price' },
];

/** 001 section VIII: what a bid must contain (presentation, proposal, references, cost excl./incl. VAT). */
export const SEED_001_REQUIRED_DOCUMENTS = ['presentation', 'proposal', 'references', 'price'];

/**
 * Seed 001 (Creativ', Dijon Métropole, Cité de l'emploi, 2022): remobilisation and coaching of women
 * from priority neighbourhoods. Budget 35,000 to 40,000 EUR incl. VAT (VI), bids before 5 Aug 2022
 * (VII), decision by 25 Aug 2022 for a start in the second half of September (IX).
 */
export const SEED_001_TENDER: TenderInput = {
  title: "Remobilisation et coaching des publics femmes pour l'accès et/ou le retour à l'emploi",
  buyer: "Creativ'",
  object: 'Parcours de remobilisation et de coaching collectif pour 2 groupes de 10 à 12 femmes des QPV, 10 à 12 semaines.',
  theme: 'employment',
  budgetFloorCents: 3_500_000,
  budgetCapCents: 4_000_000,
  criteria: SEED_001_CRITERIA,
  bidDeadline: '2022-08-05T23:59:59+02:00',
  decisionDate: '2022-08-25T18:00:00+02:00',
  requiredDocuments: SEED_001_REQUIRED_DOCUMENTS,
  plannedDeliveryStart: '2022-09-19',
};

/** 000 section 3 (and 2): at most 3 intervention days per structure, at most 3 structures, 9 days in all. */
export const SEED_000_CAPS = { maxDaysPerStructure: 3, maxStructures: 3, maxTotalDays: 9 };

/**
 * Seed 000 (GIP Alfa Centre, Région Centre, 2007-2009): in-situ support of projects on professional
 * equality between women and men. The seed gives no dates nor budget; those below are illustrative so
 * that the draft can be published. The +6-month questionnaire is anchored on the START of the support (5).
 */
export const SEED_000_TENDER: TenderInput = {
  title: "Accompagnement de projet in situ sur le thème de l'égalité professionnelle entre les femmes et les hommes",
  buyer: 'GIP Alfa Centre',
  object: 'Appui technique et méthodologique in situ à des projets de structures de la Région Centre.',
  theme: 'equality',
  budgetCapCents: 1_000_000,
  criteria: [
    { id: 'approach', label: 'Cohérence avec le contexte et le projet de la structure', weight: 50, kind: 'quality' },
    { id: 'experience', label: 'Expérience en ingénierie de la formation', weight: 30, kind: 'quality' },
    { id: 'price', label: 'Prix', weight: 20, kind: 'price' },
  ],
  bidDeadline: '2008-03-14T12:00:00+01:00',
  decisionDate: '2008-03-28T12:00:00+01:00',
  requiredDocuments: ['references'],
  deliveryCaps: SEED_000_CAPS,
  sixMonthAnchor: 'start',
};

/*
 * tender@3 inputs: the same tenders with what the essential data of the contract need (DECP 2.0.3).
 * The SIRETs are made up (14 digits with a correct Luhn check), not the buyers' real ones.
 */

/** A made-up SIRET for Creativ' (Dijon), Luhn-valid. */
export const SEED_001_BUYER_SIRET = '21000000000013';
/** A made-up SIRET for GIP Alfa Centre (Orléans), Luhn-valid. */
export const SEED_000_BUYER_SIRET = '13000000000013';

/**
 * Seed 001 on tender@3: a `Procédure adaptée` (a call for proposals below the formal thresholds) for a
 * service of coaching (CPV 79000000-4, business services, is the division; 80000000-4, education and
 * training, would fit as well), executed in Dijon (commune code 21231), 10 to 12 weeks per group over
 * the autumn: 4 months.
 */
export const SEED_001_TENDER_V3: TenderInputV3 = {
  ...SEED_001_TENDER,
  buyerSiret: SEED_001_BUYER_SIRET,
  contractId: '2022-CREA-001',
  nature: 'Marché',
  procedure: 'Procédure adaptée',
  cpvCode: '79000000-4',
  placeOfExecution: { code: '21231', typeCode: 'Code commune' },
  durationMonths: 4,
  priceForm: 'Forfaitaire',
  priceTypes: ['Définitif ferme'],
  socialConsiderations: ['Pas de considération sociale'],
  environmentalConsiderations: ['Pas de considération environnementale'],
  purchaseTechniques: ['Sans objet'],
  executionMethods: ['Sans objet'],
  ccag: 'Fournitures courantes et services',
  innovative: false,
};

/** Seed 000 on tender@3: support of projects in the Centre region (région code 24), over the action's two years. */
export const SEED_000_TENDER_V3: TenderInputV3 = {
  ...SEED_000_TENDER,
  buyerSiret: SEED_000_BUYER_SIRET,
  contractId: '2008-ALFA-EGA',
  nature: 'Marché',
  procedure: 'Procédure adaptée',
  cpvCode: '80000000-4',
  placeOfExecution: { code: '24', typeCode: 'Code région' },
  durationMonths: 24,
  priceForm: 'Unitaire',
  priceTypes: ['Définitif ferme'],
  ccag: 'Prestations intellectuelles',
};

/** Made-up, Luhn-valid SIRETs for bidders and structures in examples and tests. */
export const EXAMPLE_SIRETS = [
  '12345678000014',
  '30000000000012',
  '41000000000019',
  '52000000000015',
  '63000000000012',
  '74000000000019',
  '85000000000016',
] as const;

/** A complete set of documents for the given required names (each a non-empty reference). */
export function documentsFor(required: readonly string[] = SEED_001_REQUIRED_DOCUMENTS): Record<string, string> {
  const documents: Record<string, string> = {};
  for (const name of required) documents[name] = `${name}.pdf`;
  return documents;
}

export function organisation(identifier: string, name = `Prestataire ${identifier}`): Organisation {
  return { identifier, name };
}

/**
 * A valid bid payload (admissible under seed 001 unless overridden): the price incl. VAT is given and the
 * price excl. VAT is derived at 20 % VAT; documents cover seed 001's required list.
 */
export function validBid(identifier: string, priceInclVatCents = 3_800_000, overrides: Partial<BidSubmission> = {}): BidSubmission {
  return {
    bidder: organisation(identifier),
    consortium: [],
    priceInclVatCents,
    priceExclVatCents: Math.round(priceInclVatCents / 1.2),
    documents: documentsFor(),
    ...overrides,
  };
}
