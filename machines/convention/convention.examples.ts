import type { ConventionInput, ConventionParty } from './convention.types';

/**
 * Example inputs taken from the seeds, for tests, the docs and demonstrations.
 *
 * Seed 003: convention implementing the regional guidance public service (SPRO-EP) for the Châteauroux
 * area, made on 30 July 2024. 8 local signatories and 19 regional ones (the charter's signatories).
 * Seed 004: strategic partnership against discrimination between the Île-de-France Region and the Acsé,
 * made in Paris on 11 July 2008.
 */

function party(id: string, organisation: string, name: string, title: string, role: string): ConventionParty {
  return { id, organisation, representative: { name, title }, role };
}

const LOCAL = 'local signatory';
const REGIONAL = 'regional signatory (regional charter of the SPRO-EP)';

/** 003, "Convention entre": the local guidance structures, then their regional representatives. */
export const SPRO_EP_CHATEAUROUX_PARTIES: ConventionParty[] = [
  party('cio-chateauroux', "Centre d'information et d'orientation (CIO) de Châteauroux", 'Jocelyne BONJOUR', 'Directrice', LOCAL),
  party(
    'bij-mission-locale-chateauroux',
    "Bureau d'information jeunesse (BIJ) et Mission locale de Châteauroux",
    'Gil AVÉROUS',
    'Maire de Châteauroux',
    LOCAL,
  ),
  party('france-travail-indre', 'France Travail, direction départementale de l’Indre', 'Aline KUNTZ', 'Directrice départementale', LOCAL),
  party('cci-indre', "Chambre de commerce et d'industrie de l'Indre", 'Jacky THOONSEN', 'Président', LOCAL),
  party('ohe-promethee-indre', 'Ohé Prométhée Indre', 'Laure BROQUIER-DENIOT', 'Directrice', LOCAL),
  party(
    'plie-agglo-chateauroux',
    "Pôle Insertion Médiation et PLIE de l'Agglo de Châteauroux",
    'Gil AVÉROUS',
    'Maire de Châteauroux',
    LOCAL,
  ),
  party('adpep-36', 'ADPEP 36, Centre ressources illettrisme et analphabétisme', 'Yves DENIEUL', 'Président', LOCAL),
  party('crajep-cvl-local', "CRAJEP Centre-Val de Loire (désigne la Ligue de l'enseignement)", 'Yoann ALBA', 'Président', LOCAL),
  party('region-cvl', 'Région Centre-Val de Loire', 'François BONNEAU', 'Président du Conseil régional', REGIONAL),
  party(
    'prefecture-cvl',
    'Préfecture de la région Centre-Val de Loire',
    'Florence GOUACHE',
    'Secrétaire générale pour les affaires régionales',
    REGIONAL,
  ),
  party(
    'region-academique-cvl',
    'Région académique Centre-Val de Loire',
    'Gilles HALBOUT',
    "Recteur de l'académie d'Orléans-Tours",
    REGIONAL,
  ),
  party('france-travail-cvl', 'France Travail Centre-Val de Loire', 'David GALLIER', 'Directeur régional', REGIONAL),
  party('cheops-cvl', 'Cheops Centre-Val de Loire', 'Gilles BRARD', 'Président', REGIONAL),
  party('draaf-cvl', "Direction régionale de l'alimentation, de l'agriculture et de la forêt", 'Virginie JORISSEN', 'Directrice', REGIONAL),
  party(
    'pjj-grand-centre',
    'Direction de la protection judiciaire de la jeunesse Grand Centre',
    'Jean-Philippe MICHAUD',
    'Directeur interrégional adjoint',
    REGIONAL,
  ),
  party('avenir-actifs-cvl', 'Avenir Actifs Centre-Val de Loire', 'Caroline TRINH', 'Directrice', REGIONAL),
  party('transition-pro-cvl', 'Transition Pro Centre-Val de Loire', 'Jean-Marie BASTIANI', 'Directeur', REGIONAL),
  party('apec-cvl', "Agence pour l'emploi des cadres (APEC) Centre-Val de Loire", 'Nicolas FRANCOIS', 'Délégué régional', REGIONAL),
  party('apecita-cvl', 'APECITA Centre-Val de Loire', 'Emanuelle BERGOEND', 'Déléguée régionale', REGIONAL),
  party('universite-orleans', "Université d'Orléans (service d'orientation)", 'Olivier RICHARD', 'Vice-Président', REGIONAL),
  party('universite-tours', 'Université de Tours (service orientation et insertion)', 'Pascal CHAREILLE', 'Vice-Président', REGIONAL),
  party('crajep-cvl-regional', 'CRAJEP Centre-Val de Loire', 'Perrine BEGUINOT', 'Vice-Présidente', REGIONAL),
  party('amicentre', 'Association régionale des Missions locales – Amicentre', 'Ozgur ESKI', 'Président', REGIONAL),
  party('crij-cvl', "Centre régional d'information jeunesse (CRIJ) Centre-Val de Loire", 'Frédéric FOULON', 'Président', REGIONAL),
  party('cci-cvl', "Chambre de commerce et d'industrie Centre-Val de Loire", 'Jacques MARTINET', 'Président', REGIONAL),
  party('cma-cvl', "Chambre de métiers et de l'artisanat Centre-Val de Loire", 'Aline MERIAU', 'Présidente', REGIONAL),
  party('gip-alfa-cvl', 'GIP ALFA Centre-Val de Loire', 'Christophe USSELIO LA VERNA', 'Délégué général', REGIONAL),
];

/** Seed 003. */
export const SPRO_EP_CHATEAUROUX: ConventionInput = {
  title: 'Convention de mise en œuvre du SPRO-EP pour le bassin de Châteauroux',
  object:
    "Conditions d'organisation et modalités de coordination des organismes qui participent à la mise en œuvre du " +
    "Service public régional de l'orientation et de l'évolution professionnelle sur Châteauroux et son agglomération (art. 1).",
  parties: SPRO_EP_CHATEAUROUX_PARTIES,
  // Art. 4: takes effect from its date of signature; one year, tacitly renewed (no effectiveDate stated).
  term: { duration: 'P1Y', tacitRenewal: true },
  // Art. 5: denounced after two months following a registered letter of formal notice left without effect.
  formalNoticePeriod: 'P2M',
  // Charter §5: a yearly activity report of the local network, sent to the Regional Council.
  duties: [{ id: 'activityReport', kind: 'report', every: 'P1Y', label: "Bilan d'activité annuel du réseau local au Conseil régional" }],
  clauses: {
    '2': 'Périmètre : Châteauroux et son agglomération.',
    '3': 'Animation et coordination du réseau : Nelly LETELLIER (Mission locale de Châteauroux) et Karine NIVET (CMA 36).',
  },
};

/** 004, "ENTRE": the Region and the Acsé; the Préfet signs as the Acsé's regional delegate. */
export const IDF_ACSE_PARTIES: ConventionParty[] = [
  party('region-idf', "Conseil régional d'Île-de-France", 'Jean-Paul HUCHON', 'Président', 'signatory, co-chair of the steering committee'),
  party(
    'acse',
    "Agence nationale pour la cohésion sociale et l'égalité des chances (Acsé)",
    'Dominique DUBOIS',
    'Directeur général',
    'signatory',
  ),
  party(
    'prefet-idf',
    'Préfecture de la région Île-de-France',
    'Pierre MUTZ',
    'Préfet de la région Île-de-France, Préfet de Paris',
    'co-signatory (regional delegate of the Acsé)',
  ),
];

/** Seed 004. */
export const IDF_ACSE_PARTNERSHIP: ConventionInput = {
  title: 'Convention de partenariat stratégique pour la prévention et la lutte contre les discriminations et la promotion de l’égalité',
  object:
    'Renforcer et développer les interventions communes en faveur de la lutte contre les discriminations et pour ' +
    "l'égalité ; coordonner et favoriser la complémentarité des objectifs et la cohérence territoriale (art. 1).",
  parties: IDF_ACSE_PARTIES,
  // Art. 10: concluded for three years.
  term: { duration: 'P3Y', tacitRenewal: false },
  // Art. 10: may be amended or denounced each year at the anniversary of the signature. The seed gives
  // no width for "at the anniversary": one month is this example's choice.
  review: { anniversaryWindow: 'P1M', allows: ['amendment', 'denunciation'] },
  // Art. 9: technical committee once a quarter, steering committee setting yearly orientations;
  // art. 7: a yearly evaluation report presented to the steering committee.
  duties: [
    { id: 'technicalCommittee', kind: 'committee', every: 'P3M', label: 'Comité technique (une fois par trimestre)' },
    {
      id: 'steeringCommittee',
      kind: 'committee',
      every: 'P1Y',
      label: 'Comité de pilotage, de suivi et d’évaluation (orientations annuelles)',
    },
    { id: 'evaluationReport', kind: 'report', every: 'P1Y', label: "Bilan d'évaluation annuel" },
  ],
};

/**
 * Seed 003 on convention@3: "conclue pour une durée d'une année civile et sera tacitement reconduite
 * dans le cadre de la demande de subvention annuelle et du bilan déposés" (art. 4): the term is read as
 * the calendar year, and renews only with the year's activity report and subsidy request recorded.
 */
export const SPRO_EP_CHATEAUROUX_V3: ConventionInput = {
  ...SPRO_EP_CHATEAUROUX,
  term: { duration: 'P1Y', tacitRenewal: true, reading: 'calendarYear', renewalRequires: ['report', 'subsidyRequest'] },
};

/** Seed 004 on convention@3: two parties ("ENTRE ... ET ..."), the Préfet a co-signatory (three signatures). */
export const IDF_ACSE_PARTNERSHIP_V3: ConventionInput = {
  ...IDF_ACSE_PARTNERSHIP,
  parties: IDF_ACSE_PARTIES.filter((item) => item.id !== 'prefet-idf'),
  coSignatories: IDF_ACSE_PARTIES.filter((item) => item.id === 'prefet-idf'),
};
