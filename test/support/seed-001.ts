/** Seed 001 (Dijon, coaching of women from priority neighbourhoods) as a tender@1 or tender@2 input. */
export const seed001TenderInputV2 = {
  title: 'Remobilisation and individual or collective coaching of women for access or return to employment',
  buyer: "Creativ' (Dijon Métropole, Cité de l'emploi)",
  object: 'Two groups of 10 to 12 women from priority neighbourhoods, 10 to 12 weeks of coaching',
  theme: 'employment of women',
  budgetFloorCents: 3_500_000,
  budgetCapCents: 4_000_000,
  criteria: [
    { id: 'technical', label: "Valeur technique de l'offre", weight: 60, kind: 'quality' },
    { id: 'price', label: 'Prix', weight: 40, kind: 'price' },
  ],
  bidDeadline: '2022-08-05T23:59:59+02:00',
  decisionDate: '2022-08-25T18:00:00+02:00',
  plannedDeliveryStart: '2022-09-19',
  requiredDocuments: ['presentation', 'proposal', 'references', 'price'],
};

/** Seed 001 as a tender input of the latest version (tender@3): with the essential data of the contract. */
export const seed001TenderInput = {
  ...seed001TenderInputV2,
  // What the essential data of the contract need (DECP 2.0.3); the buyer's SIRET is made up.
  buyerSiret: '21000000000013',
  nature: 'Marché',
  procedure: 'Procédure adaptée',
  cpvCode: '79000000-4',
  placeOfExecution: { code: '21231', typeCode: 'Code commune' },
  durationMonths: 4,
  priceForm: 'Forfaitaire',
};

export const completeDocuments = {
  presentation: 'presentation.pdf',
  proposal: 'proposal.pdf',
  references: 'references.pdf',
  price: 'price-schedule.pdf',
};

/** The first bid of seed 001's tender (Coaching Coop, 38,000 EUR incl. VAT), as an event body. */
export const seed001FirstBid = {
  type: 'SUBMIT_BID',
  at: '2022-07-20T14:00:00+02:00',
  bidder: { name: 'Coaching Coop', identifier: '11111111100014' },
  priceExclVatCents: 3_166_667,
  priceInclVatCents: 3_800_000,
  documents: completeDocuments,
};
