import type { ContractRecord, Organisation, TenderContext } from '../../machines/tender/tender.types';
import type { DecpDocument, DecpHolderEntry, DecpMarche, DecpModificationEntry } from './open-data.schemas';

/*
 * The essential data of a contract (DECP 2.0.3) from a tender's context: pure functions, no clock, no
 * database. The defaults chosen for a field the tender left empty are listed in docs/open-data.md.
 */

/** The longest `objet` DECP takes. */
export const DECP_OBJECT_MAX = 1000;
/** The longest contract id (IdentifiantMarche) DECP takes. */
export const DECP_ID_MAX = 16;

/** A tender record as the builders read it: its id and its context. */
export interface TenderFacts {
  id: string;
  context: TenderContext;
}

export type DecpOutcome = { ok: true; marche: DecpMarche } | { ok: false; missing: string[] };

/** Euros from integer cents, as a JSON number with at most two decimals. */
export function euros(cents: number): number {
  return Math.round(cents) / 100;
}

/**
 * The contract's DECP id: the buyer's own number (contractId) when given, else the record's id without
 * its dashes, cut to 16 characters (64 bits of a random UUID: stable, and unique in practice).
 */
export function decpContractId(facts: TenderFacts): string {
  const given = facts.context.contractId?.trim();
  if (given) return given.slice(0, DECP_ID_MAX);
  return facts.id.replace(/-/g, '').slice(0, DECP_ID_MAX);
}

/** The object of the contract: its title (else its description), cut to 1000 characters. */
export function decpObject(context: TenderContext): string | undefined {
  const text = (context.title?.trim() || context.object?.trim() || '').replace(/\s+/g, ' ');
  if (!text) return undefined;
  return text.length <= DECP_OBJECT_MAX ? text : `${text.slice(0, DECP_OBJECT_MAX - 1)}…`;
}

/** Bids received: every bid submitted and not withdrawn (inadmissible ones count: DECP counts irregular offers). */
export function bidsReceived(context: TenderContext): number {
  return context.bids.filter((bid) => bid.withdrawnAt === undefined).length;
}

function holder(organisation: Organisation): DecpHolderEntry {
  return { titulaire: { typeIdentifiant: organisation.scheme ?? 'SIRET', id: organisation.identifier } };
}

/** A list the buyer may leave empty, or the schema's "none" word when it did. */
function orNone<T extends string>(values: readonly T[] | undefined, none: string): string[] {
  return values && values.length > 0 ? [...new Set(values)] : [none];
}

/**
 * How the holders are grouped: as the contract or the awarded bid states it; one holder is `Pas de
 * groupement`. Several holders with no type stated: undefined (nothing to default to).
 */
function groupingOf(context: TenderContext, contract: ContractRecord): string | undefined {
  const awarded = context.bids.find((bid) => bid.id === context.awardedBidId);
  const stated = contract.groupingType ?? awarded?.groupingType;
  if (stated) return stated;
  const members = contract.holders.length > 0 ? contract.holders.length : 1 + (awarded?.consortium.length ?? 0);
  return members <= 1 ? 'Pas de groupement' : undefined;
}

/**
 * The DECP entry of a tender's contract, or the fields it lacks. `exportedOn` (YYYY-MM-DD, Europe/Paris)
 * stands for the publication dates not recorded yet: the buyer publishes the file it downloads.
 */
export function decpMarche(facts: TenderFacts, exportedOn: string): DecpOutcome {
  const { context } = facts;
  const contract = context.contract;
  if (!contract) return { ok: false, missing: ['contract'] };
  const missing: string[] = [];
  const need = <T>(value: T | undefined, name: string): T => {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) missing.push(name);
    return value as T;
  };
  const objet = need(decpObject(context), 'title');
  const buyer = need(context.buyerSiret, 'buyerSiret');
  const nature = need(context.nature, 'nature');
  const cpv = need(context.cpvCode, 'cpvCode');
  const procedure = need(context.procedure, 'procedure');
  const place = need(context.placeOfExecution, 'placeOfExecution');
  const duration = need(context.durationMonths, 'durationMonths');
  const priceForm = need(context.priceForm, 'priceForm');
  const priceTypes = need(context.priceTypes && context.priceTypes.length > 0 ? context.priceTypes : undefined, 'priceTypes');
  const grouping = need(groupingOf(context, contract), 'groupingType');
  const holders = need(contract.holders.length > 0 ? contract.holders : undefined, 'contract.holders');
  const received = bidsReceived(context);
  if (received < 1) missing.push('bids');
  if (contract.amountExclVatCents < 100) missing.push('contract.amountExclVatCents (at least 1 EUR)');
  if (missing.length > 0) return { ok: false, missing };

  const advance = contract.advance;
  const marche: DecpMarche = {
    id: decpContractId(facts),
    acheteur: { id: buyer },
    nature,
    objet,
    codeCPV: cpv,
    techniques: { technique: orNone(context.purchaseTechniques, 'Sans objet') },
    modalitesExecution: { modaliteExecution: orNone(context.executionMethods, 'Sans objet') },
    marcheInnovant: context.innovative ?? false,
    ccag: context.ccag ?? 'Pas de CCAG',
    offresRecues: received,
    attributionAvance: advance?.granted ?? false,
    // DECP: a rate of 0 with an advance granted means "an advance, rate unknown".
    ...(advance?.granted ? { tauxAvance: advance.rate ?? 0 } : {}),
    typeGroupementOperateurs: grouping,
    sousTraitanceDeclaree: contract.subcontractingDeclared,
    procedure,
    lieuExecution: { code: place.code, typeCode: place.typeCode },
    dureeMois: duration,
    dateNotification: contract.notifiedOn,
    datePublicationDonnees: contract.publication?.publishedOn ?? exportedOn,
    montant: euros(contract.amountExclVatCents),
    typesPrix: { typePrix: [...new Set(priceTypes)] },
    formePrix: priceForm,
    titulaires: holders.map(holder),
    considerationsSociales: { considerationSociale: orNone(context.socialConsiderations, 'Pas de considération sociale') },
    considerationsEnvironnementales: {
      considerationEnvironnementale: orNone(context.environmentalConsiderations, 'Pas de considération environnementale'),
    },
  };
  const modifications = contract.modifications.map((modification, index): DecpModificationEntry => ({
    modification: {
      // Numbered 1, 2… in notification order, as recorded (DECP: an increasing sequence).
      id: modification.id >= 1 ? modification.id : index + 1,
      dateNotificationModification: modification.notifiedOn,
      datePublicationDonneesModification: modification.publication?.publishedOn ?? exportedOn,
      ...(modification.durationMonths !== undefined ? { dureeMois: modification.durationMonths } : {}),
      ...(modification.amountExclVatCents !== undefined && modification.amountExclVatCents >= 100
        ? { montant: euros(modification.amountExclVatCents) }
        : {}),
      ...(modification.holders && modification.holders.length > 0 ? { titulaires: modification.holders.map(holder) } : {}),
    },
  }));
  if (modifications.length > 0) marche.modifications = modifications;
  return { ok: true, marche };
}

/**
 * Whether a contract belongs to the period [from, to] (business dates, inclusive): notified in it, or
 * amended in it (the amended data are to be republished).
 */
export function contractInPeriod(contract: ContractRecord | undefined, from: string, to: string): boolean {
  if (!contract) return false;
  const within = (date: string) => date >= from && date <= to;
  return within(contract.notifiedOn) || contract.modifications.some((modification) => within(modification.notifiedOn));
}

/** The DECP document of some contracts (an empty list is a valid document). */
export function decpDocument(marches: DecpMarche[]): DecpDocument {
  return { marches: { marche: marches } };
}
