import type { Bid, ContractRecord, TenderContext } from '../../machines/tender/tender.types';

/*
 * Hand-made tender contexts for the builders' tests: what a tender@3 record holds once its contract is
 * notified, with every field under the test's control.
 */

export const RECORD_ID = '6f1c2a4e-9b7d-4c3e-8a21-0f5e6d7c8b9a';

export function bid(id: string, identifier: string, overrides: Partial<Bid> = {}): Bid {
  return {
    id,
    bidder: { name: `Prestataire ${identifier}`, identifier },
    consortium: [],
    priceExclVatCents: 3_166_667,
    priceInclVatCents: 3_800_000,
    documents: {},
    submittedAt: '2022-07-20T12:00:00.000Z',
    admissible: true,
    inadmissibleReasons: [],
    scores: {},
    ...overrides,
  };
}

export function notifiedContract(overrides: Partial<ContractRecord> = {}): ContractRecord {
  return {
    notifiedOn: '2022-09-01',
    notifiedAt: '2022-09-01T08:00:00.000Z',
    amountExclVatCents: 3_166_667,
    holders: [{ name: 'Prestataire 11111111100011', identifier: '11111111100011' }],
    subcontractingDeclared: false,
    modifications: [],
    ...overrides,
  };
}

/** Seed 001's tender as tender@3 holds it once notified: the DECP fields stated, the lists left empty. */
export function notifiedTender(overrides: Partial<TenderContext> = {}): TenderContext {
  return {
    title: "Remobilisation et coaching des publics femmes pour l'accès et/ou le retour à l'emploi",
    buyer: "Creativ'",
    object: 'Parcours de remobilisation et de coaching collectif pour 2 groupes de 10 à 12 femmes des QPV.',
    budgetFloorCents: 3_500_000,
    budgetCapCents: 4_000_000,
    criteria: [
      { id: 'technical', label: "Valeur technique de l'offre", weight: 60, kind: 'quality' },
      { id: 'price', label: 'Prix', weight: 40, kind: 'price' },
    ],
    bidDeadline: '2022-08-05T21:59:59.000Z',
    decisionDate: '2022-08-25T16:00:00.000Z',
    buyerSiret: '13002526500013',
    nature: 'Marché',
    procedure: 'Procédure adaptée',
    cpvCode: '79600000-0',
    placeOfExecution: { code: '21231', typeCode: 'Code commune' },
    durationMonths: 4,
    priceForm: 'Forfaitaire',
    priceTypes: ['Définitif ferme'],
    bids: [bid('B1', '11111111100011'), bid('B2', '33333333300033', { priceExclVatCents: 2_916_667, outcome: 'rejected' })],
    auditions: [],
    interventions: [],
    publishedAt: '2022-06-27T07:00:00.000Z',
    bidsClosedAt: '2022-08-05T21:59:59.000Z',
    awardedBidId: 'B1',
    attributedAt: '2022-08-10T07:00:00.000Z',
    contract: notifiedContract(),
    ...overrides,
  };
}
