import { decpErrors, openDataSchemasAvailable } from '../../test/support/open-data-schemas';
import { bidsReceived, contractInPeriod, decpContractId, decpDocument, decpMarche, euros } from './decp.builder';
import { bid, notifiedContract, notifiedTender, RECORD_ID } from './open-data.fixtures';
import type { DecpMarche } from './open-data.schemas';
import { OpenDataService } from './open-data.service';

const EXPORTED_ON = '2022-09-15';
const schemas = openDataSchemasAvailable();
const itValidates = schemas ? it : it.skip;

function built(overrides: Parameters<typeof notifiedTender>[0] = {}): DecpMarche {
  const outcome = decpMarche({ id: RECORD_ID, context: notifiedTender(overrides) }, EXPORTED_ON);
  if (!outcome.ok) throw new Error(`not built: ${outcome.missing.join(', ')}`);
  return outcome.marche;
}

describe('the DECP builder', () => {
  it('writes a notified tender@3 contract as a DECP marché, every required field filled', () => {
    expect(built()).toEqual({
      id: '6f1c2a4e9b7d4c3e',
      acheteur: { id: '13002526500013' },
      nature: 'Marché',
      objet: "Remobilisation et coaching des publics femmes pour l'accès et/ou le retour à l'emploi",
      codeCPV: '79600000-0',
      techniques: { technique: ['Sans objet'] },
      modalitesExecution: { modaliteExecution: ['Sans objet'] },
      marcheInnovant: false,
      ccag: 'Pas de CCAG',
      offresRecues: 2,
      attributionAvance: false,
      typeGroupementOperateurs: 'Pas de groupement',
      sousTraitanceDeclaree: false,
      procedure: 'Procédure adaptée',
      lieuExecution: { code: '21231', typeCode: 'Code commune' },
      dureeMois: 4,
      dateNotification: '2022-09-01',
      datePublicationDonnees: EXPORTED_ON,
      montant: 31666.67,
      typesPrix: { typePrix: ['Définitif ferme'] },
      formePrix: 'Forfaitaire',
      titulaires: [{ titulaire: { typeIdentifiant: 'SIRET', id: '11111111100011' } }],
      considerationsSociales: { considerationSociale: ['Pas de considération sociale'] },
      considerationsEnvironnementales: { considerationEnvironnementale: ['Pas de considération environnementale'] },
    });
  });

  itValidates('gives documents that validate against the DECP 2.0.3 schema, empty or not', () => {
    expect(decpErrors(decpDocument([]))).toEqual([]);
    expect(decpErrors(decpDocument([built()]))).toEqual([]);
    const amended = built({
      purchaseTechniques: ['Accord-cadre'],
      executionMethods: ['Bons de commande'],
      socialConsiderations: ['Clause sociale', 'Critère social'],
      environmentalConsiderations: ['Clause environnementale'],
      ccag: 'Prestations intellectuelles',
      innovative: true,
      contract: notifiedContract({
        advance: { granted: true, rate: 0.05 },
        subcontractingDeclared: true,
        modifications: [
          {
            id: 1,
            notifiedOn: '2022-11-02',
            summary: 'Trois séances de plus',
            durationMonths: 5,
            amountExclVatCents: 3_500_000,
            holders: [{ name: 'Coop', identifier: 'FR12345678901', scheme: 'TVA' }],
            recordedAt: '2022-11-02T09:00:00.000Z',
          },
        ],
      }),
    });
    expect(decpErrors(decpDocument([amended]))).toEqual([]);
  });

  it('writes amounts in euros excl. VAT from cents, and refuses less than one euro (DECP minimum)', () => {
    expect(euros(3_166_667)).toBe(31666.67);
    expect(euros(100)).toBe(1);
    expect(euros(4_000_000)).toBe(40000);
    expect(built({ contract: notifiedContract({ amountExclVatCents: 1_999_999 }) }).montant).toBe(19999.99);
    expect(
      decpMarche({ id: RECORD_ID, context: notifiedTender({ contract: notifiedContract({ amountExclVatCents: 99 }) }) }, EXPORTED_ON),
    ).toEqual({ ok: false, missing: ['contract.amountExclVatCents (at least 1 EUR)'] });
  });

  it('takes the buyer’s contract number as id, else 16 characters of the record id', () => {
    expect(built({ contractId: '2022-CREA-007' }).id).toBe('2022-CREA-007');
    expect(decpContractId({ id: RECORD_ID, context: notifiedTender({ contractId: '12345678901234567890' }) })).toBe('1234567890123456');
    expect(decpContractId({ id: RECORD_ID, context: notifiedTender({ contractId: '   ' }) })).toBe('6f1c2a4e9b7d4c3e');
  });

  it('counts the bids received, withdrawn ones excluded and inadmissible ones included', () => {
    const context = notifiedTender({
      bids: [
        bid('B1', '1'),
        bid('B2', '2', { withdrawnAt: '2022-07-30T10:00:00.000Z' }),
        bid('B3', '3', { admissible: false, inadmissibleReasons: ['no price schedule'] }),
      ],
    });
    expect(bidsReceived(context)).toBe(2);
  });

  it('uses the recorded publication dates, else the export’s business date', () => {
    const contract = notifiedContract({
      publication: { publishedOn: '2022-09-05', where: 'data.gouv.fr', recordedAt: '2022-09-05T10:00:00.000Z' },
      modifications: [
        { id: 1, notifiedOn: '2022-10-03', summary: 'Avenant 1', recordedAt: '2022-10-03T08:00:00.000Z' },
        {
          id: 2,
          notifiedOn: '2022-11-07',
          summary: 'Avenant 2',
          amountExclVatCents: 3_300_000,
          recordedAt: '2022-11-07T08:00:00.000Z',
          publication: { publishedOn: '2022-11-10', where: 'data.gouv.fr', recordedAt: '2022-11-10T08:00:00.000Z' },
        },
      ],
    });
    const marche = built({ contract });
    expect(marche.datePublicationDonnees).toBe('2022-09-05');
    expect(marche.modifications).toEqual([
      { modification: { id: 1, dateNotificationModification: '2022-10-03', datePublicationDonneesModification: EXPORTED_ON } },
      {
        modification: {
          id: 2,
          dateNotificationModification: '2022-11-07',
          datePublicationDonneesModification: '2022-11-10',
          montant: 33000,
        },
      },
    ]);
  });

  it('defaults the fields a tender left empty to what not choosing states, and keeps what was chosen', () => {
    const chosen = built({
      purchaseTechniques: ['Accord-cadre', 'Accord-cadre'],
      ccag: 'Fournitures courantes et services',
      innovative: true,
      contract: notifiedContract({ advance: { granted: true } }),
    });
    expect(chosen.techniques).toEqual({ technique: ['Accord-cadre'] });
    expect(chosen.ccag).toBe('Fournitures courantes et services');
    expect(chosen.marcheInnovant).toBe(true);
    // An advance granted at an unknown rate: DECP's 0.
    expect(chosen).toMatchObject({ attributionAvance: true, tauxAvance: 0 });
    expect(built({ contract: notifiedContract({ advance: { granted: true, rate: 0.3 } }) }).tauxAvance).toBe(0.3);
    expect(built({ contract: notifiedContract({ advance: { granted: false, rate: 0.3 } }) })).not.toHaveProperty('tauxAvance');
  });

  it('names the grouping of a consortium, and leaves out a contract whose grouping nobody stated', () => {
    const members = [
      { name: 'Lead', identifier: '11111111100011' },
      { name: 'Partner', identifier: '22222222200022' },
    ];
    const consortium = notifiedTender({
      bids: [bid('B1', '11111111100011', { consortium: [members[1]], groupingType: 'Solidaire' })],
      contract: notifiedContract({ holders: members }),
    });
    const marche = decpMarche({ id: RECORD_ID, context: consortium }, EXPORTED_ON);
    expect(marche.ok && marche.marche.typeGroupementOperateurs).toBe('Solidaire');
    expect(marche.ok && marche.marche.titulaires).toHaveLength(2);
    const unstated = notifiedTender({
      bids: [bid('B1', '11111111100011', { consortium: [members[1]] })],
      contract: notifiedContract({ holders: members }),
    });
    expect(decpMarche({ id: RECORD_ID, context: unstated }, EXPORTED_ON)).toEqual({ ok: false, missing: ['groupingType'] });
  });

  it('names every required field a tender lacks, with no default for them', () => {
    const outcome = decpMarche(
      { id: RECORD_ID, context: notifiedTender({ buyerSiret: undefined, cpvCode: undefined, priceTypes: [], bids: [] }) },
      EXPORTED_ON,
    );
    expect(outcome).toEqual({ ok: false, missing: ['buyerSiret', 'cpvCode', 'priceTypes', 'bids'] });
    expect(decpMarche({ id: RECORD_ID, context: notifiedTender({ contract: undefined }) }, EXPORTED_ON)).toEqual({
      ok: false,
      missing: ['contract'],
    });
  });

  it('cuts the object at 1000 characters', () => {
    const objet = built({ title: 'a'.repeat(1500) }).objet;
    expect(objet).toHaveLength(1000);
    expect(objet.endsWith('…')).toBe(true);
    expect(built({ title: undefined }).objet).toBe(notifiedTender().object);
  });

  it('places a contract in a period by its notification or an amendment, bounds included', () => {
    const contract = notifiedContract({
      notifiedOn: '2022-09-01',
      modifications: [{ id: 1, notifiedOn: '2023-01-31', summary: 'Avenant', recordedAt: '2023-01-31T08:00:00.000Z' }],
    });
    expect(contractInPeriod(contract, '2022-09-01', '2022-09-01')).toBe(true);
    expect(contractInPeriod(contract, '2022-08-01', '2022-08-31')).toBe(false);
    expect(contractInPeriod(contract, '2023-01-01', '2023-01-31')).toBe(true);
    expect(contractInPeriod(undefined, '2000-01-01', '2100-01-01')).toBe(false);
  });

  it('dates an export on its business day in Europe/Paris, around midnight', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris (UTC+1); 21:59 UTC on 30 June is still 30 June (UTC+2).
    expect(OpenDataService.businessDateOf(new Date('2022-12-31T23:30:00Z'))).toBe('2023-01-01');
    expect(OpenDataService.businessDateOf(new Date('2022-12-31T22:59:59Z'))).toBe('2022-12-31');
    expect(OpenDataService.businessDateOf(new Date('2022-06-30T21:59:59Z'))).toBe('2022-06-30');
    expect(OpenDataService.businessDateOf(new Date('2022-06-30T22:00:00Z'))).toBe('2022-07-01');
  });
});
