import { Type, type Static } from '@sinclair/typebox';
import { named } from '../contract/components';
import { BusinessDate, StrictObject } from '../contract/schema';

/*
 * The open-data exports as the API documents them (docs/open-data.md). These schemas describe what the
 * builders write, in the API's dialect (JSON Schema 2020-12); the regulatory schemas themselves (DECP
 * 2.0.3, draft-07; OCDS 1.1.5, draft-04) are the authority, and the tests validate every export
 * against them.
 */

/** A period of business dates (Europe/Paris), both bounds inclusive. */
export const OpenDataPeriodQuery = StrictObject({
  from: BusinessDate({ description: 'First business date of the period (Europe/Paris), inclusive', examples: ['2022-01-01'] }),
  to: BusinessDate({ description: 'Last business date of the period (Europe/Paris), inclusive', examples: ['2022-12-31'] }),
});

export type OpenDataPeriod = Static<typeof OpenDataPeriodQuery>;

const Strict = <T extends Parameters<typeof Type.Object>[0]>(properties: T, description?: string) =>
  Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });

const StringList = (description: string) => Type.Array(Type.String(), { minItems: 1, description });

const DecpDate = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });

const DecpHolder = Strict({
  titulaire: Strict({
    typeIdentifiant: Type.String({ description: 'SIRET, TVA, TAHITI, RIDET, FRWF, IREP or HORS-UE' }),
    id: Type.String(),
  }),
});

const DecpModification = Strict({
  modification: Strict({
    id: Type.Integer({ minimum: 1, description: '1, 2… in the order the amendments were notified' }),
    dateNotificationModification: DecpDate('Business date of the amendment’s notification'),
    datePublicationDonneesModification: DecpDate('The recorded publication date of the amendment, else the export’s business date'),
    dureeMois: Type.Optional(Type.Integer({ minimum: 1 })),
    montant: Type.Optional(Type.Number({ minimum: 1, description: 'Euros excl. VAT' })),
    titulaires: Type.Optional(Type.Array(DecpHolder, { minItems: 1 })),
  }),
});

export const DecpMarcheSchema = named(
  'DecpMarche',
  Strict(
    {
      id: Type.String({ minLength: 1, maxLength: 16, description: 'The contract’s number (contractId), else derived from the record id' }),
      acheteur: Strict({ id: Type.String({ pattern: '^[0-9]{14}$', description: 'The buyer’s SIRET' }) }),
      nature: Type.String(),
      objet: Type.String({ maxLength: 1000 }),
      codeCPV: Type.String(),
      techniques: Strict({ technique: StringList('Purchase techniques; `Sans objet` when none was chosen') }),
      modalitesExecution: Strict({ modaliteExecution: StringList('Execution methods; `Sans objet` when none was chosen') }),
      marcheInnovant: Type.Boolean(),
      ccag: Type.String({ description: '`Pas de CCAG` when none was chosen' }),
      offresRecues: Type.Integer({ minimum: 1, description: 'Bids received, withdrawn ones excluded' }),
      attributionAvance: Type.Boolean(),
      tauxAvance: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
      typeGroupementOperateurs: Type.String(),
      sousTraitanceDeclaree: Type.Boolean(),
      procedure: Type.String(),
      lieuExecution: Strict({ code: Type.String(), typeCode: Type.String() }),
      dureeMois: Type.Integer({ minimum: 1 }),
      dateNotification: DecpDate('Business date of the notification'),
      datePublicationDonnees: DecpDate('The recorded publication date, else the export’s business date'),
      montant: Type.Number({ minimum: 1, description: 'Euros excl. VAT' }),
      typesPrix: Strict({ typePrix: StringList('Price types') }),
      formePrix: Type.String(),
      titulaires: Type.Array(DecpHolder, { minItems: 1 }),
      considerationsSociales: Strict({ considerationSociale: StringList('`Pas de considération sociale` when none was chosen') }),
      considerationsEnvironnementales: Strict({
        considerationEnvironnementale: StringList('`Pas de considération environnementale` when none was chosen'),
      }),
      modifications: Type.Optional(Type.Array(DecpModification, { minItems: 1 })),
    },
    'One contract (marché) in DECP 2.0.3',
  ),
);

export type DecpMarche = Static<typeof DecpMarcheSchema>;
export type DecpHolderEntry = Static<typeof DecpHolder>;
export type DecpModificationEntry = Static<typeof DecpModification>;

export const DecpDocumentSchema = named(
  'DecpDocument',
  Strict(
    { marches: Strict({ marche: Type.Array(DecpMarcheSchema) }) },
    'The essential data of public contracts, DECP 2.0.3 (format of 139bercy/format-commande-publique), for the national open-data portal',
  ),
);

export type DecpDocument = Static<typeof DecpDocumentSchema>;

const OcdsValue = Strict({ amount: Type.Number({ minimum: 0, description: 'Decimal euros' }), currency: Type.Literal('EUR') });
const OcdsIdentifier = Strict({ scheme: Type.String(), id: Type.String(), legalName: Type.Optional(Type.String()) });
const OcdsOrganizationReference = Strict({ id: Type.String(), name: Type.String() });
const OcdsPeriod = Strict({
  startDate: Type.Optional(Type.String({ format: 'date-time' })),
  endDate: Type.Optional(Type.String({ format: 'date-time' })),
  durationInDays: Type.Optional(Type.Integer({ minimum: 0 })),
});

const OcdsParty = Strict({
  id: Type.String(),
  name: Type.String(),
  identifier: Type.Optional(OcdsIdentifier),
  roles: Type.Array(Type.String({ description: 'partyRole codelist: buyer, tenderer, supplier' }), { minItems: 1 }),
});

const OcdsItem = Strict({
  id: Type.String(),
  description: Type.Optional(Type.String()),
  classification: Strict({ scheme: Type.Literal('CPV'), id: Type.String() }),
});

const OcdsTender = Strict({
  id: Type.String(),
  title: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  status: Type.String({ description: 'tenderStatus codelist (closed)' }),
  value: Type.Optional(OcdsValue),
  procurementMethod: Type.Optional(Type.String()),
  procurementMethodDetails: Type.Optional(Type.String()),
  items: Type.Optional(Type.Array(OcdsItem)),
  awardCriteriaDetails: Type.Optional(Type.String()),
  tenderPeriod: Type.Optional(OcdsPeriod),
  awardPeriod: Type.Optional(OcdsPeriod),
  numberOfTenderers: Type.Optional(Type.Integer({ minimum: 0 })),
  tenderers: Type.Optional(Type.Array(OcdsOrganizationReference)),
});

const OcdsAward = Strict({
  id: Type.String(),
  status: Type.String({ description: 'awardStatus codelist (closed)' }),
  date: Type.String({ format: 'date-time' }),
  value: Type.Optional(OcdsValue),
  suppliers: Type.Array(OcdsOrganizationReference),
});

const OcdsAmendment = Strict({
  id: Type.String(),
  date: Type.String({ format: 'date-time' }),
  description: Type.String(),
});

const OcdsContract = Strict({
  id: Type.String(),
  awardID: Type.String(),
  status: Type.String({ description: 'contractStatus codelist (closed)' }),
  value: Type.Optional(OcdsValue),
  dateSigned: Type.Optional(Type.String({ format: 'date-time' })),
  period: Type.Optional(OcdsPeriod),
  amendments: Type.Optional(Type.Array(OcdsAmendment)),
});

export const OcdsReleaseSchema = named(
  'OcdsRelease',
  Strict(
    {
      ocid: Type.String(),
      id: Type.String({ description: 'Stable: the record’s event that reached the stage (its seq) and the tag' }),
      date: Type.String({ format: 'date-time' }),
      tag: Type.Array(Type.String({ description: 'releaseTag codelist' }), { minItems: 1 }),
      initiationType: Type.Literal('tender'),
      language: Type.Literal('fr'),
      parties: Type.Array(OcdsParty),
      buyer: Type.Optional(OcdsOrganizationReference),
      tender: OcdsTender,
      awards: Type.Optional(Type.Array(OcdsAward)),
      contracts: Type.Optional(Type.Array(OcdsContract)),
    },
    'One OCDS 1.1.5 release',
  ),
);

export type OcdsRelease = Static<typeof OcdsReleaseSchema>;
export type OcdsParty = Static<typeof OcdsParty>;
export type OcdsTender = Static<typeof OcdsTender>;
export type OcdsAward = Static<typeof OcdsAward>;
export type OcdsContract = Static<typeof OcdsContract>;
export type OcdsValue = Static<typeof OcdsValue>;

export const OcdsReleasePackageSchema = named(
  'OcdsReleasePackage',
  Strict(
    {
      uri: Type.String({ format: 'uri' }),
      version: Type.Literal('1.1'),
      publishedDate: Type.String({ format: 'date-time', description: 'The date of the latest release it holds' }),
      publisher: Strict({ name: Type.String() }),
      releases: Type.Array(OcdsReleaseSchema, { minItems: 1 }),
    },
    'An OCDS 1.1.5 release package',
  ),
);

export type OcdsReleasePackage = Static<typeof OcdsReleasePackageSchema>;
