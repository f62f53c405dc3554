import { parisCalendar } from '../../src/calendar/paris-calendar';
import { awardedHolders, currentAmountExclVatCents, dutiesOutstanding, publicationDueFor, publicationRuleFor } from './tender.contract';
import { SEED_000_CAPS, SEED_001_TENDER_V3, documentsFor, organisation } from './tender.examples';
import { createTenderMachineV3 } from './tender.machine.v3';
import {
  createTenderRulesV3,
  draftGapsV3,
  essentialDataGaps,
  normaliseStructureName,
  structureKeyFor,
  tenderRules,
  tenderRulesV3,
} from './tender.rules';
import type { Bid, ContractRecord, Intervention, TenderContext, TenderEvent, TenderEventOf } from './tender.types';

const rules = createTenderRulesV3(parisCalendar);
const AT = '2022-09-05T10:00:00+02:00';

function context(overrides: Partial<TenderContext> = {}): TenderContext {
  return { ...SEED_001_TENDER_V3, bids: [], auditions: [], interventions: [], ...overrides };
}

function bid(id: string, overrides: Partial<Bid> = {}): Bid {
  return {
    id,
    bidder: organisation(id),
    consortium: [],
    priceExclVatCents: 3_000_000,
    priceInclVatCents: 3_600_000,
    documents: documentsFor(),
    submittedAt: '2022-07-20T10:00:00+02:00',
    admissible: true,
    inadmissibleReasons: [],
    scores: { technical: 80 },
    ...overrides,
  };
}

function event<T extends TenderEvent['type']>(type: T, fields: Omit<TenderEventOf<T>, 'type' | 'at'>, at = AT) {
  return { type, at, ...fields } as TenderEventOf<T>;
}

function contract(overrides: Partial<ContractRecord> = {}): ContractRecord {
  return {
    notifiedOn: '2022-09-05',
    notifiedAt: AT,
    amountExclVatCents: 3_250_000,
    holders: [organisation('B2')],
    subcontractingDeclared: false,
    modifications: [],
    publicationRule: 'yearlyList',
    publicationDue: '2023-03-31T22:00:00.000Z',
    ...overrides,
  };
}

const attributed = (overrides: Partial<TenderContext> = {}) =>
  context({
    bids: [bid('B1', { outcome: 'rejected', informationDue: AT }), bid('B2', { outcome: 'awarded' }), bid('B3', { withdrawnAt: AT })],
    awardedBidId: 'B2',
    attributedAt: '2022-09-01T08:00:00.000Z',
    attributedOn: '2022-09-01',
    ...overrides,
  });

/** tender@3's own rules; the first test fails when one is added without tests. */
const TESTED_RULES_V3 = [
  'draftIsComplete',
  'interventionWithinCaps',
  'contractNotNotified',
  'contractNotifiable',
  'amendmentValid',
  'publicationRecordable',
  'bidderToBeInformed',
  'noDutyOutstanding',
  'reportedDateNotAhead',
];

describe('tender@3 rules', () => {
  it('are all tested here and are, with the shared rules, exactly the guards of the tender@3 machine', () => {
    expect(Object.keys(rules).sort()).toEqual([...TESTED_RULES_V3].sort());
    expect(Object.keys(tenderRulesV3)).toEqual(TESTED_RULES_V3.filter((name) => name !== 'reportedDateNotAhead'));
    const guards = Object.keys(createTenderMachineV3(parisCalendar).implementations.guards ?? {});
    expect(guards.sort()).toEqual([...new Set([...Object.keys(tenderRules), ...Object.keys(rules)])].sort());
  });

  describe('draftIsComplete on tender@3 (DECP 2.0.3: the required fields of a marché)', () => {
    it('finds nothing missing in the seed 001 tender@3 input', () => {
      expect(draftGapsV3(context(), '2022-07-04T09:00:00+02:00')).toEqual([]);
      expect(rules.draftIsComplete(context(), event('PUBLISH', {}, '2022-07-04T09:00:00+02:00'))).toBeUndefined();
    });

    it('names each essential datum a draft lacks, after what tender@2 asks', () => {
      const bare = context({
        buyerSiret: undefined,
        nature: undefined,
        procedure: undefined,
        cpvCode: undefined,
        placeOfExecution: undefined,
        durationMonths: undefined,
        priceForm: undefined,
      });
      expect(essentialDataGaps(bare)).toEqual([
        "the buyer's SIRET",
        'the nature of the contract',
        'the procedure',
        'a CPV code',
        'the place of execution',
        'the duration in months',
        'the price form',
      ]);
      const refusal = rules.draftIsComplete({ ...bare, title: undefined }, event('PUBLISH', {}, '2022-07-04T09:00:00+02:00'));
      expect(refusal).toMatch(/^The draft is incomplete: it needs a title, the buyer's SIRET, /);
    });
  });

  describe('interventionWithinCaps on tender@3 (000 section 3: 3 days per structure, 3 structures)', () => {
    const intervention = (structure: string, days: number, structureSiret?: string, at = interventionsSoFar.length): Intervention => {
      const recorded: Intervention = {
        structure,
        date: `2008-04-1${at}`,
        days,
        recordedAt: AT,
        ...(structureSiret ? { structureSiret } : {}),
        structureKey: structureKeyFor(context({ interventions: interventionsSoFar }), structure, structureSiret),
      };
      interventionsSoFar.push(recorded);
      return recorded;
    };
    let interventionsSoFar: Intervention[] = [];
    const record = (structure: string, days: number, structureSiret?: string) =>
      event('RECORD_INTERVENTION', { structure, date: '2008-05-01', days, ...(structureSiret ? { structureSiret } : {}) });

    beforeEach(() => {
      interventionsSoFar = [];
    });

    it('normalises names: accents, case, punctuation and spaces do not make another structure', () => {
      expect(normaliseStructureName('Lycée  Professionnel de Blois.')).toBe('lycee professionnel de blois');
      expect(normaliseStructureName("L'Œuvre — Tours")).toBe('l œuvre tours');
      expect(normaliseStructureName('Lycee professionnel de Blois')).toBe(normaliseStructureName('lycée professionnel de Blois'));
    });

    it('refuses a fourth day for "lycée professionnel de Blois" after three for "Lycee professionnel de Blois" (tender@2 took it)', () => {
      intervention('Lycee professionnel de Blois', 3);
      const state = context({ deliveryCaps: SEED_000_CAPS, interventions: interventionsSoFar });
      expect(rules.interventionWithinCaps(state, record('lycée professionnel de Blois', 1))).toBe(
        'Cap exceeded: at most 3 days per structure (Lycee professionnel de Blois has 3).',
      );
      expect(tenderRules.interventionWithinCaps(state, record('lycée professionnel de Blois', 1))).toBeUndefined();
    });

    it('refuses a fourth structure however the first three were typed', () => {
      intervention('CFA de Tours', 1);
      intervention('Mission locale de Blois', 1);
      intervention('Lycée Descartes', 1);
      const state = context({ deliveryCaps: SEED_000_CAPS, interventions: interventionsSoFar });
      expect(rules.interventionWithinCaps(state, record('cfa de tours', 1))).toBeUndefined();
      expect(rules.interventionWithinCaps(state, record('Maison de l’emploi', 1))).toContain('Cap reached: at most 3 structures');
    });

    it('tells two structures of one name apart by their SIRETs, and joins a SIRET to the same name recorded without one', () => {
      intervention('Mission locale', 3);
      expect(structureKeyFor(context({ interventions: interventionsSoFar }), 'Mission Locale', '30000000000012')).toBe(
        'name:mission locale',
      );
      intervention('Mission Locale', 0, '30000000000012');
      expect(structureKeyFor(context({ interventions: interventionsSoFar }), 'Mission locale', '41000000000019')).toBe(
        'siret:41000000000019',
      );
      const state = context({ deliveryCaps: SEED_000_CAPS, interventions: interventionsSoFar });
      expect(rules.interventionWithinCaps(state, record('Mission locale', 1, '41000000000019'))).toBeUndefined();
      expect(rules.interventionWithinCaps(state, record('MISSION LOCALE', 1))).toContain('Cap exceeded');
    });
  });

  describe('the contract (issue text: notification, amendments, DECP publication)', () => {
    it('contractNotifiable: once, after the attribution, not before its day', () => {
      const notify = (notifiedOn: string) => event('NOTIFY_CONTRACT', { notifiedOn });
      expect(rules.contractNotifiable(context(), notify('2022-09-05'))).toBe('The contract is notified only once attributed.');
      expect(rules.contractNotifiable(attributed(), notify('2022-08-31'))).toBe(
        'The contract cannot be notified (2022-08-31) before the attribution (2022-09-01).',
      );
      expect(rules.contractNotifiable(attributed(), notify('2022-09-01'))).toBeUndefined();
      expect(rules.contractNotifiable(attributed({ contract: contract() }), notify('2022-09-06'))).toBe(
        'The contract was already notified on 2022-09-05.',
      );
      expect(
        rules.contractNotifiable(
          attributed(),
          event('NOTIFY_CONTRACT', { notifiedOn: '2022-09-02', advance: { granted: false, rate: 0.1 } }),
        ),
      ).toBe('An advance rate is given only with an advance granted.');
    });

    it('contractNotNotified: a notified contract is not cancelled', () => {
      expect(rules.contractNotNotified(attributed(), event('CANCEL', { reason: 'x' }))).toBeUndefined();
      expect(rules.contractNotNotified(attributed({ contract: contract() }), event('CANCEL', { reason: 'x' }))).toContain('only amended');
    });

    it('amendmentValid: on a notified contract, with a summary, in notification order', () => {
      const amend = (notifiedOn: string, summary = 'A third group') => event('AMEND_CONTRACT', { notifiedOn, summary });
      expect(rules.amendmentValid(attributed(), amend('2022-10-01'))).toBe('Only a notified contract can be amended.');
      const notified = attributed({ contract: contract() });
      expect(rules.amendmentValid(notified, amend('2022-10-01', '  '))).toBe('An amendment needs a summary of what it changes.');
      expect(rules.amendmentValid(notified, amend('2022-09-04'))).toContain('before the contract or the previous amendment (2022-09-05)');
      expect(rules.amendmentValid(notified, amend('2022-09-05'))).toBeUndefined();
      // A form may send an empty list: the holders stay as they are.
      expect(
        rules.amendmentValid(notified, event('AMEND_CONTRACT', { notifiedOn: '2022-10-01', summary: 'x', holders: [] })),
      ).toBeUndefined();
    });

    it('publicationRecordable: the essential data or one modification, once each, not before its notification', () => {
      const publish = (publishedOn: string, modificationId?: number, where = 'https://www.data.gouv.fr/') =>
        event('RECORD_PUBLICATION', { publishedOn, where, ...(modificationId ? { modificationId } : {}) });
      expect(rules.publicationRecordable(attributed(), publish('2022-09-06'))).toContain('once the contract is notified');
      const notified = attributed({
        contract: contract({ modifications: [{ id: 1, notifiedOn: '2022-10-03', summary: 'x', recordedAt: AT }] }),
      });
      expect(rules.publicationRecordable(notified, publish('2022-09-06', undefined, ' '))).toContain('Say where');
      expect(rules.publicationRecordable(notified, publish('2022-09-04'))).toContain('before the notification (2022-09-05)');
      expect(rules.publicationRecordable(notified, publish('2022-09-05'))).toBeUndefined();
      expect(rules.publicationRecordable(notified, publish('2022-10-02', 1))).toContain('before its notification (2022-10-03)');
      expect(rules.publicationRecordable(notified, publish('2022-10-03', 2))).toBe('There is no modification 2 (modifications: 1).');
      const published = attributed({
        contract: contract({ publication: { publishedOn: '2022-09-06', where: 'x', recordedAt: AT } }),
      });
      expect(rules.publicationRecordable(published, publish('2022-09-07'))).toContain('already recorded as published on 2022-09-06');
    });

    it('reportedDateNotAhead: what is reported happened by the day it is recorded (Europe/Paris)', () => {
      // 23:30 UTC on 4 September is already 5 September in Paris.
      const late = '2022-09-04T23:30:00Z';
      expect(rules.reportedDateNotAhead(attributed(), event('NOTIFY_CONTRACT', { notifiedOn: '2022-09-05' }, late))).toBeUndefined();
      expect(rules.reportedDateNotAhead(attributed(), event('NOTIFY_CONTRACT', { notifiedOn: '2022-09-06' }, late))).toBe(
        'The date reported (2022-09-06) is after the day the event is recorded (2022-09-05).',
      );
      expect(rules.reportedDateNotAhead(attributed(), event('RECORD_PUBLICATION', { publishedOn: '9999-12-31', where: 'x' }))).toContain(
        'after the day',
      );
      expect(
        rules.reportedDateNotAhead(
          attributed(),
          event('INFORM_BIDDER', { bidId: 'B1', means: 'email', informedAt: '2022-09-06T10:00:00Z' }),
        ),
      ).toContain('later than the event itself');
    });

    it('publicationRuleFor: two months from 40,000 EUR excl. VAT, the yearly list from 25,000, none below', () => {
      expect(publicationRuleFor(4_000_000)).toBe('twoMonths');
      expect(publicationRuleFor(3_999_999)).toBe('yearlyList');
      expect(publicationRuleFor(2_500_000)).toBe('yearlyList');
      expect(publicationRuleFor(2_499_999)).toBe('none');
    });

    it('publicationDueFor: the whole last day in Paris; 31 December + 2 months is the end of February', () => {
      expect(publicationDueFor(parisCalendar, '2022-09-05', 'twoMonths')).toBe('2022-11-05T23:00:00.000Z');
      expect(publicationDueFor(parisCalendar, '2023-12-31', 'twoMonths')).toBe('2024-02-29T23:00:00.000Z');
      expect(publicationDueFor(parisCalendar, '2022-09-05', 'yearlyList')).toBe('2023-03-31T22:00:00.000Z');
      expect(publicationDueFor(parisCalendar, '2022-01-02', 'yearlyList')).toBe('2023-03-31T22:00:00.000Z');
      expect(publicationDueFor(parisCalendar, '2022-09-05', 'none')).toBeUndefined();
    });

    it('reads the holders from the awarded bid and the amount after the last amendment that set one', () => {
      const state = attributed({
        bids: [bid('B2', { outcome: 'awarded', consortium: [organisation('P')] })],
      });
      expect(awardedHolders(state)).toEqual([organisation('B2'), organisation('P')]);
      const amended = contract({
        modifications: [
          { id: 1, notifiedOn: '2022-10-01', summary: 'x', amountExclVatCents: 4_500_000, recordedAt: AT },
          { id: 2, notifiedOn: '2022-11-01', summary: 'y', durationMonths: 6, recordedAt: AT },
        ],
      });
      expect(currentAmountExclVatCents(amended)).toBe(4_500_000);
      expect(currentAmountExclVatCents(contract())).toBe(3_250_000);
    });
  });

  describe('bidderToBeInformed (001, DESIGN "Attributed": rejected bidders are to be informed)', () => {
    const inform = (bidId: string, informedAt?: string) =>
      event('INFORM_BIDDER', { bidId, means: 'email', ...(informedAt ? { informedAt } : {}) });

    it('accepts a rejected bid once, from the attribution on', () => {
      expect(rules.bidderToBeInformed(attributed(), inform('B1'))).toBeUndefined();
      expect(rules.bidderToBeInformed(attributed(), inform('B1', '2022-08-31T10:00:00Z'))).toContain('before the attribution');
      const informed = attributed({
        bids: [bid('B1', { outcome: 'rejected', informed: { informedAt: AT, means: 'email', reason: 'x', recordedAt: AT } })],
      });
      expect(rules.bidderToBeInformed(informed, inform('B1'))).toContain('already informed');
    });

    it('refuses the awarded bid, a withdrawn bid, an unknown bid and a bid before the attribution', () => {
      expect(rules.bidderToBeInformed(attributed(), inform('B2'))).toContain('was awarded');
      expect(rules.bidderToBeInformed(attributed(), inform('B3'))).toContain('was withdrawn');
      expect(rules.bidderToBeInformed(attributed(), inform('B9'))).toBe('There is no bid B9.');
      expect(rules.bidderToBeInformed(context({ bids: [bid('B1')] }), inform('B1'))).toContain('not attributed yet');
    });
  });

  describe('noDutyOutstanding (docs/deadlines.md, Duties): a closed tender@3 waits for what is owed', () => {
    it('lists the publications and informations still owed', () => {
      const owed = attributed({
        contract: contract({
          modifications: [{ id: 1, notifiedOn: '2022-10-01', summary: 'x', recordedAt: AT, publicationDue: '2022-12-01T23:00:00.000Z' }],
        }),
      });
      expect(dutiesOutstanding(owed)).toEqual([
        'the publication of the essential data',
        'the republication after modification 1',
        'informing the bidder of B1',
      ]);
      expect(rules.noDutyOutstanding(owed, event('RECORD_PUBLICATION', { publishedOn: '2022-09-05', where: 'x' }))).toMatch(
        /^Still owed: /,
      );
      const none = attributed({
        bids: [bid('B2', { outcome: 'awarded' })],
        contract: contract({ publicationDue: undefined, publicationRule: 'none' }),
      });
      expect(rules.noDutyOutstanding(none, event('RECORD_PUBLICATION', { publishedOn: '2022-09-05', where: 'x' }))).toBeUndefined();
    });
  });
});
