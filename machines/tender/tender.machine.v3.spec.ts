import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import { resolveDeadlines, type StateMetaWithDeadlines } from '../shared/deadlines';
import { isSpineStage } from '../shared/spine';
import { activeNodesOf, leafStateIds } from '../shared/testing/path-coverage';
import { SEED_000_TENDER_V3, SEED_001_TENDER_V3, validBid } from './tender.examples';
import { TENDER_KIND } from './tender.machine';
import { createTenderMachineV3, TENDER_VERSION_3 } from './tender.machine.v3';
import type { TenderEvent, TenderInputV3 } from './tender.types';

const machine = createTenderMachineV3(parisCalendar);
type Snapshot = ReturnType<typeof machine.transition>;

function start(input: TenderInputV3 = SEED_001_TENDER_V3): Snapshot {
  return initialTransition(machine, input)[0];
}

function send(snapshot: Snapshot, event: TenderEvent): Snapshot {
  expect({ event: event.type, accepted: snapshot.can(event) }).toEqual({ event: event.type, accepted: true });
  return transition(machine, snapshot, event)[0];
}

function expectRefused(snapshot: Snapshot, event: TenderEvent): void {
  expect(snapshot.can(event)).toBe(false);
  expect(transition(machine, snapshot, event)[0]).toBe(snapshot);
}

/** The deadlines the active states declare, as the engine derives them (none once the machine is done). */
function pendingDeadlines(snapshot: AnyMachineSnapshot) {
  if (snapshot.status !== 'active') return [];
  return [...activeNodesOf(snapshot)]
    .reverse()
    .flatMap((node) => resolveDeadlines((node.meta as StateMetaWithDeadlines | undefined)?.deadlines ?? [], snapshot.context));
}

const T = {
  publish: '2022-07-08T10:00:00+02:00',
  bidA: '2022-07-20T11:00:00+02:00',
  bidB: '2022-08-01T15:30:00+02:00',
  bidC: '2022-08-02T15:30:00+02:00',
  afterDeadline: '2022-08-06T00:00:00+02:00',
  scoring: '2022-08-18T10:00:00+02:00',
  attribution: '2022-08-25T10:00:00+02:00',
  lateAttribution: '2022-09-01T10:00:00+02:00',
  notification: '2022-08-30T10:00:00+02:00',
  deliveryStart: '2022-09-19T07:00:00Z',
  deliveryEnd: '2022-12-09T17:00:00+01:00',
  endEvaluation: '2022-12-16T10:00:00+01:00',
  sixMonths: '2023-03-19T08:00:00.000Z',
};

/** Seed 001 with A (36,000 EUR), B (39,000 EUR, with a consortium) and C above the cap; bids closed. */
function bidsClosed(input?: TenderInputV3): Snapshot {
  let s = send(start(input), { type: 'PUBLISH', at: T.publish });
  s = send(s, { type: 'SUBMIT_BID', ...validBid('A', 3_600_000), at: T.bidA });
  s = send(s, {
    type: 'SUBMIT_BID',
    ...validBid('B', 3_900_000, { consortium: [{ name: 'Partenaire', identifier: 'P' }], groupingType: 'Solidaire' }),
    at: T.bidB,
  });
  s = send(s, { type: 'SUBMIT_BID', ...validBid('C', 4_200_000), at: T.bidC });
  return send(s, { type: 'CLOSE_BIDS', at: T.afterDeadline });
}

function attributed(at = T.attribution, input?: TenderInputV3, lateReason?: string): Snapshot {
  let s = bidsClosed(input);
  s = send(s, { type: 'SCORE_BID', bidId: 'B1', scores: { technical: 70 }, at: T.scoring });
  s = send(s, { type: 'SCORE_BID', bidId: 'B2', scores: { technical: 90 }, at: T.scoring });
  return send(s, { type: 'ATTRIBUTE', bidId: 'B2', at, ...(lateReason ? { lateReason } : {}) });
}

function notified(amountExclVatCents?: number): Snapshot {
  return send(attributed(), {
    type: 'NOTIFY_CONTRACT',
    notifiedOn: '2022-08-30',
    ...(amountExclVatCents !== undefined ? { amountExclVatCents } : {}),
    at: T.notification,
  });
}

describe('tender@3 machine', () => {
  it('is version 3 of the tender kind, with the states of tender@2 and dutiesOutstanding', () => {
    expect(machine.id).toBe(TENDER_KIND);
    expect(TENDER_VERSION_3).toBe(3);
    expect(Object.keys(machine.root.states)).toEqual([
      'open',
      'delivering',
      'evaluationAtEnd',
      'awaitingSixMonths',
      'evaluationAtSixMonths',
      'dutiesOutstanding',
      'closed',
      'unsuccessful',
      'cancelled',
    ]);
    for (const id of leafStateIds(machine)) {
      const node = machine.getStateNodeById(`${TENDER_KIND}.${id}`);
      expect({ id, tags: node.tags.length, spine: node.tags.every(isSpineStage) }).toEqual({ id, tags: 1, spine: true });
    }
  });

  describe('publication needs the essential data (DECP 2.0.3)', () => {
    it('refuses to publish tender@2 terms without them, and publishes the seed 001 tender@3 input', () => {
      const { buyerSiret: _siret, cpvCode: _cpv, ...rest } = SEED_001_TENDER_V3;
      expectRefused(start(rest), { type: 'PUBLISH', at: T.publish });
      expect(send(start(), { type: 'PUBLISH', at: T.publish }).value).toEqual({ open: 'published' });
    });

    it('takes the tender@3 terms through UPDATE_DRAFT', () => {
      const { placeOfExecution, ...rest } = SEED_000_TENDER_V3;
      let s = start(rest);
      s = send(s, { type: 'UPDATE_DRAFT', placeOfExecution, plannedStartToleranceDays: 7, at: '2008-01-10T10:00:00+01:00' });
      expect(s.context).toMatchObject({ placeOfExecution: { code: '24', typeCode: 'Code région' }, plannedStartToleranceDays: 7 });
      expect(send(s, { type: 'PUBLISH', at: '2008-01-15T10:00:00+01:00' }).value).toEqual({ open: 'published' });
    });
  });

  it('takes an empty place of execution, advance or list of holders (what a form sends for an empty group) as not given', () => {
    const draft = start({ ...SEED_001_TENDER_V3, placeOfExecution: {} as never });
    expect(draft.context.placeOfExecution).toBeUndefined();
    expectRefused(draft, { type: 'PUBLISH', at: T.publish });
    let s = send(attributed(), { type: 'NOTIFY_CONTRACT', notifiedOn: '2022-08-30', advance: {}, at: T.notification });
    expect(s.context.contract?.advance).toBeUndefined();
    s = send(s, { type: 'AMEND_CONTRACT', notifiedOn: '2022-09-01', summary: 'Dates', holders: [], at: '2022-09-01T10:00:00+02:00' });
    expect(s.context.contract?.modifications[0].holders).toBeUndefined();
  });

  describe('the decision date (001 IX: examined by 25 August 2022)', () => {
    it('is a duty for ATTRIBUTE while bids are examined, closed and in auditions', () => {
      const closed = bidsClosed();
      const duty = { event: 'ATTRIBUTE', dueAt: SEED_001_TENDER_V3.decisionDate, payload: {}, label: expect.any(String), duty: true };
      expect(pendingDeadlines(closed)).toEqual([duty]);
      expect(pendingDeadlines(send(closed, { type: 'START_AUDITIONS', at: T.scoring }))).toEqual([duty]);
    });

    it('accepts an attribution on time without a mark', () => {
      const s = attributed();
      expect(s.context.attributionLate).toBeUndefined();
      expect(s.context.attributedOn).toBe('2022-08-25');
    });

    it('accepts an attribution on 1 September but marks it late, with the reason given', () => {
      const s = attributed(T.lateAttribution, undefined, 'Auditions moved by the committee');
      expect(s.value).toEqual({ open: 'attributed' });
      expect(s.context.attributionLate).toEqual({
        decisionDate: SEED_001_TENDER_V3.decisionDate,
        attributedAt: T.lateAttribution,
        reason: 'Auditions moved by the committee',
      });
    });
  });

  describe('rejected bidders are informed (001, DESIGN: rejected bidders are to be informed)', () => {
    it('declares one duty per rejected bid at the attribution, and removes it once informed', () => {
      const s = attributed();
      const informDuties = pendingDeadlines(s).filter((deadline) => deadline.event === 'INFORM_BIDDER');
      expect(informDuties).toEqual([
        { event: 'INFORM_BIDDER', dueAt: T.attribution, payload: { bidId: 'B1' }, label: expect.any(String), duty: true },
        { event: 'INFORM_BIDDER', dueAt: T.attribution, payload: { bidId: 'B3' }, label: expect.any(String), duty: true },
      ]);
      const informed = send(s, { type: 'INFORM_BIDDER', bidId: 'B1', means: 'email', at: '2022-08-26T09:00:00+02:00' });
      expect(pendingDeadlines(informed).map((deadline) => deadline.payload)).toEqual([{ bidId: 'B3' }]);
      expect(informed.context.bids[0].informed).toEqual({
        informedAt: '2022-08-26T09:00:00+02:00',
        means: 'email',
        reason: expect.stringContaining('classée 2e sur 2'),
        rank: 2,
        rankedBids: 2,
        recordedAt: '2022-08-26T09:00:00+02:00',
      });
      expect(informed.context.bids[0].informationDue).toBeUndefined();
    });

    it('refuses to inform the awarded bidder, a bidder twice, a withdrawn bid, or before the attribution', () => {
      let s = send(start(), { type: 'PUBLISH', at: T.publish });
      s = send(s, { type: 'SUBMIT_BID', ...validBid('A', 3_600_000), at: T.bidA });
      s = send(s, { type: 'SUBMIT_BID', ...validBid('W', 3_700_000), at: T.bidA });
      s = send(s, { type: 'WITHDRAW_BID', bidId: 'B2', at: T.bidB });
      s = send(s, { type: 'SUBMIT_BID', ...validBid('B', 3_900_000), at: T.bidB });
      s = send(s, { type: 'CLOSE_BIDS', at: T.afterDeadline });
      expectRefused(s, { type: 'INFORM_BIDDER', bidId: 'B1', means: 'email', at: T.scoring });
      s = send(s, { type: 'SCORE_BID', bidId: 'B1', scores: { technical: 70 }, at: T.scoring });
      s = send(s, { type: 'SCORE_BID', bidId: 'B3', scores: { technical: 90 }, at: T.scoring });
      s = send(s, { type: 'ATTRIBUTE', bidId: 'B3', at: T.attribution });
      expectRefused(s, { type: 'INFORM_BIDDER', bidId: 'B3', means: 'email', at: T.notification });
      expectRefused(s, { type: 'INFORM_BIDDER', bidId: 'B2', means: 'email', at: T.notification });
      expectRefused(s, { type: 'INFORM_BIDDER', bidId: 'B1', means: 'email', informedAt: '2022-08-24T10:00:00+02:00', at: T.notification });
      s = send(s, { type: 'INFORM_BIDDER', bidId: 'B1', means: 'registeredLetter', at: T.notification });
      expectRefused(s, { type: 'INFORM_BIDDER', bidId: 'B1', means: 'email', at: T.notification });
    });
  });

  describe('the contract and its essential data (issue text: DECP publication)', () => {
    it('is notified once, from the attribution day on, with the awarded bid as default amount and holders', () => {
      const closed = bidsClosed();
      expectRefused(closed, { type: 'NOTIFY_CONTRACT', notifiedOn: '2022-08-30', at: T.notification });
      const s = attributed();
      expectRefused(s, { type: 'NOTIFY_CONTRACT', notifiedOn: '2022-08-24', at: T.notification });
      const n = send(s, { type: 'NOTIFY_CONTRACT', notifiedOn: '2022-08-25', advance: { granted: true, rate: 0.1 }, at: T.notification });
      expect(n.context.contract).toEqual({
        notifiedOn: '2022-08-25',
        notifiedAt: T.notification,
        amountExclVatCents: 3_250_000,
        holders: [
          { name: 'Prestataire B', identifier: 'B' },
          { name: 'Partenaire', identifier: 'P' },
        ],
        groupingType: 'Solidaire',
        advance: { granted: true, rate: 0.1 },
        subcontractingDeclared: false,
        modifications: [],
        publicationRule: 'yearlyList',
        publicationDue: '2023-03-31T22:00:00.000Z',
      });
      expectRefused(n, { type: 'NOTIFY_CONTRACT', notifiedOn: '2022-08-30', at: T.notification });
    });

    it('is due on the yearly list (31 March next year, the whole day in Paris) from 25,000 to 40,000 EUR excl. VAT', () => {
      const duty = pendingDeadlines(notified()).find((deadline) => deadline.event === 'RECORD_PUBLICATION');
      expect(duty).toEqual({
        event: 'RECORD_PUBLICATION',
        dueAt: '2023-03-31T22:00:00.000Z',
        payload: {},
        label: 'DECP publication due',
        duty: true,
      });
    });

    it('is due two months after the notification (the whole day) from 40,000 EUR excl. VAT', () => {
      const s = notified(4_000_000);
      expect(s.context.contract).toMatchObject({ publicationRule: 'twoMonths', publicationDue: '2022-10-30T23:00:00.000Z' });
    });

    it('owes no publication below 25,000 EUR excl. VAT', () => {
      const s = notified(2_499_999);
      expect(s.context.contract?.publicationRule).toBe('none');
      expect(s.context.contract?.publicationDue).toBeUndefined();
      expect(pendingDeadlines(s).filter((deadline) => deadline.event === 'RECORD_PUBLICATION')).toEqual([]);
    });

    it('records the publication once, which fulfils the duty', () => {
      let s = notified();
      expectRefused(s, { type: 'RECORD_PUBLICATION', publishedOn: '2022-08-29', where: 'https://data.gouv.fr', at: T.notification });
      s = send(s, {
        type: 'RECORD_PUBLICATION',
        publishedOn: '2022-09-05',
        where: 'https://www.data.gouv.fr/',
        at: '2022-09-05T10:00:00+02:00',
      });
      expect(s.context.contract?.publication).toEqual({
        publishedOn: '2022-09-05',
        where: 'https://www.data.gouv.fr/',
        recordedAt: '2022-09-05T10:00:00+02:00',
        due: '2023-03-31T22:00:00.000Z',
      });
      expect(s.context.contract?.publicationDue).toBeUndefined();
      expect(pendingDeadlines(s).filter((deadline) => deadline.event === 'RECORD_PUBLICATION')).toEqual([]);
      expectRefused(s, {
        type: 'RECORD_PUBLICATION',
        publishedOn: '2022-09-06',
        where: 'https://www.data.gouv.fr/',
        at: '2022-09-06T10:00:00+02:00',
      });
    });

    it('numbers amendments 1, 2… and owes each a republication under the rule, on the amount after it', () => {
      let s = notified();
      expectRefused(attributed(), { type: 'AMEND_CONTRACT', notifiedOn: '2022-10-01', summary: 'x', at: '2022-10-01T10:00:00+02:00' });
      expectRefused(s, { type: 'AMEND_CONTRACT', notifiedOn: '2022-08-29', summary: 'Too early', at: '2022-10-01T10:00:00+02:00' });
      s = send(s, {
        type: 'AMEND_CONTRACT',
        notifiedOn: '2022-10-03',
        summary: 'A third group',
        amountExclVatCents: 4_500_000,
        at: '2022-10-03T10:00:00+02:00',
      });
      s = send(s, {
        type: 'AMEND_CONTRACT',
        notifiedOn: '2022-11-02',
        summary: 'Two more weeks',
        durationMonths: 5,
        at: '2022-11-02T10:00:00+01:00',
      });
      const [first, second] = s.context.contract!.modifications;
      expect(first).toMatchObject({
        id: 1,
        amountExclVatCents: 4_500_000,
        publicationRule: 'twoMonths',
        publicationDue: '2022-12-03T23:00:00.000Z',
      });
      expect(second).toMatchObject({ id: 2, durationMonths: 5, publicationRule: 'twoMonths', publicationDue: '2023-01-02T23:00:00.000Z' });
      expect(
        pendingDeadlines(s)
          .filter((deadline) => deadline.event === 'RECORD_PUBLICATION')
          .map((deadline) => deadline.payload),
      ).toEqual([{}, { modificationId: 1 }, { modificationId: 2 }]);
      expectRefused(s, {
        type: 'RECORD_PUBLICATION',
        publishedOn: '2022-11-05',
        where: 'x',
        modificationId: 3,
        at: '2022-11-05T10:00:00+01:00',
      });
      s = send(s, {
        type: 'RECORD_PUBLICATION',
        publishedOn: '2022-11-05',
        where: 'https://www.data.gouv.fr/',
        modificationId: 2,
        at: '2022-11-05T10:00:00+01:00',
      });
      expect(s.context.contract!.modifications[1].publication?.publishedOn).toBe('2022-11-05');
      expect(
        pendingDeadlines(s)
          .filter((deadline) => deadline.event === 'RECORD_PUBLICATION')
          .map((deadline) => deadline.payload),
      ).toEqual([{}, { modificationId: 1 }]);
    });

    it('can no longer be cancelled once notified', () => {
      expect(send(attributed(), { type: 'CANCEL', reason: 'Budget withdrawn', at: T.notification }).value).toBe('cancelled');
      expectRefused(notified(), { type: 'CANCEL', reason: 'Budget withdrawn', at: T.notification });
    });

    it('keeps the duties through delivery and the evaluations, and closes only once none is owed', () => {
      let s = notified();
      s = send(s, { type: 'START_DELIVERY', startedAt: T.deliveryStart, at: T.deliveryStart });
      s = send(s, { type: 'COMPLETE_DELIVERY', at: T.deliveryEnd });
      s = send(s, { type: 'RECORD_END_EVALUATION', questionnaireResult: 'good', verbalExchangeNotes: 'ok', at: T.endEvaluation });
      expect(pendingDeadlines(s).map((deadline) => deadline.event)).toEqual([
        'SIX_MONTH_EVALUATION_DUE',
        'INFORM_BIDDER',
        'INFORM_BIDDER',
        'RECORD_PUBLICATION',
      ]);
      s = send(s, { type: 'SIX_MONTH_EVALUATION_DUE', at: T.sixMonths });
      s = send(s, { type: 'RECORD_SIX_MONTH_EVALUATION', questionnaireResult: 'good', at: '2023-03-25T10:00:00+01:00' });
      expect(s.value).toBe('dutiesOutstanding');
      expect(s.status).toBe('active');
      expectRefused(s, { type: 'AMEND_CONTRACT', notifiedOn: '2023-03-26', summary: 'Late', at: '2023-03-26T10:00:00+01:00' });
      s = send(s, { type: 'INFORM_BIDDER', bidId: 'B1', means: 'email', at: '2023-03-26T10:00:00+02:00' });
      s = send(s, { type: 'INFORM_BIDDER', bidId: 'B3', means: 'email', at: '2023-03-26T10:00:00+02:00' });
      expect(s.value).toBe('dutiesOutstanding');
      s = send(s, {
        type: 'RECORD_PUBLICATION',
        publishedOn: '2023-03-28',
        where: 'https://www.data.gouv.fr/',
        at: '2023-03-28T10:00:00+02:00',
      });
      expect(s.value).toBe('closed');
      expect(s.status).toBe('done');
    });

    it('closes straight after the six-month evaluation when nothing is owed', () => {
      let s = attributed();
      s = send(s, { type: 'INFORM_BIDDER', bidId: 'B1', means: 'platform', at: T.notification });
      s = send(s, { type: 'INFORM_BIDDER', bidId: 'B3', means: 'platform', at: T.notification });
      s = send(s, { type: 'NOTIFY_CONTRACT', notifiedOn: '2022-08-30', amountExclVatCents: 2_000_000, at: T.notification });
      s = send(s, { type: 'START_DELIVERY', startedAt: T.deliveryStart, at: T.deliveryStart });
      s = send(s, { type: 'COMPLETE_DELIVERY', at: T.deliveryEnd });
      s = send(s, { type: 'RECORD_END_EVALUATION', questionnaireResult: 'good', verbalExchangeNotes: 'ok', at: T.sixMonths });
      s = send(s, { type: 'RECORD_SIX_MONTH_EVALUATION', questionnaireResult: 'good', at: '2023-03-25T10:00:00+01:00' });
      expect(s.value).toBe('closed');
      expect(s.status).toBe('done');
    });
  });

  describe('the planned start (001 IX: second half of September)', () => {
    it('marks a start more than 15 days from plannedDeliveryStart, and not one within', () => {
      const onTime = send(attributed(), { type: 'START_DELIVERY', startedAt: '2022-10-04T07:00:00Z', at: '2022-10-04T07:00:00Z' });
      expect(onTime.context.deliveryStartDeviation).toBeUndefined();
      const late = send(attributed(), { type: 'START_DELIVERY', startedAt: '2022-10-05T07:00:00Z', at: '2022-10-05T07:00:00Z' });
      expect(late.value).toBe('delivering');
      expect(late.context.deliveryStartDeviation).toEqual({ planned: '2022-09-19', started: '2022-10-05', days: 16 });
    });

    it("uses the tender's own tolerance", () => {
      const s = send(attributed(T.attribution, { ...SEED_001_TENDER_V3, plannedStartToleranceDays: 3 }), {
        type: 'START_DELIVERY',
        startedAt: '2022-09-15T07:00:00Z',
        at: '2022-09-15T07:00:00Z',
      });
      expect(s.context.deliveryStartDeviation).toEqual({ planned: '2022-09-19', started: '2022-09-15', days: -4 });
    });
  });

  describe('caps by structure identity (000 section 3: 3 days per structure, 3 structures)', () => {
    function delivering(): Snapshot {
      let s = send(start(SEED_000_TENDER_V3), { type: 'PUBLISH', at: '2008-01-15T10:00:00+01:00' });
      s = send(s, {
        type: 'SUBMIT_BID',
        ...validBid('A', 900_000, { documents: { references: 'refs.pdf' } }),
        at: '2008-02-01T10:00:00+01:00',
      });
      s = send(s, { type: 'CLOSE_BIDS', at: '2008-03-14T12:00:00+01:00' });
      s = send(s, { type: 'SCORE_BID', bidId: 'B1', scores: { approach: 80, experience: 70 }, at: '2008-03-20T10:00:00+01:00' });
      s = send(s, { type: 'ATTRIBUTE', bidId: 'B1', at: '2008-03-25T10:00:00+01:00' });
      return send(s, { type: 'START_DELIVERY', at: '2008-04-01T09:00:00+02:00' });
    }

    it('counts "Lycee professionnel de Blois" and "lycée professionnel de Blois" as one structure', () => {
      let s = delivering();
      s = send(s, {
        type: 'RECORD_INTERVENTION',
        structure: 'Lycee professionnel de Blois',
        date: '2008-04-10',
        days: 2,
        at: '2008-04-10T18:00:00+02:00',
      });
      expectRefused(s, {
        type: 'RECORD_INTERVENTION',
        structure: 'lycée  professionnel de Blois.',
        date: '2008-04-11',
        days: 2,
        at: '2008-04-11T18:00:00+02:00',
      });
      s = send(s, {
        type: 'RECORD_INTERVENTION',
        structure: 'LYCÉE PROFESSIONNEL DE BLOIS',
        date: '2008-04-11',
        days: 1,
        at: '2008-04-11T18:00:00+02:00',
      });
      expect(s.context.interventions.map((intervention) => intervention.structureKey)).toEqual([
        'name:lycee professionnel de blois',
        'name:lycee professionnel de blois',
      ]);
    });

    it('tells structures apart by SIRET, and joins a SIRET to the same name recorded without one', () => {
      let s = delivering();
      s = send(s, {
        type: 'RECORD_INTERVENTION',
        structure: 'Mission locale',
        date: '2008-04-10',
        days: 1,
        at: '2008-04-10T18:00:00+02:00',
      });
      s = send(s, {
        type: 'RECORD_INTERVENTION',
        structure: 'Mission Locale',
        structureSiret: '30000000000012',
        date: '2008-04-11',
        days: 1,
        at: '2008-04-11T18:00:00+02:00',
      });
      s = send(s, {
        type: 'RECORD_INTERVENTION',
        structure: 'Mission locale',
        structureSiret: '41000000000019',
        date: '2008-04-12',
        days: 1,
        at: '2008-04-12T18:00:00+02:00',
      });
      s = send(s, {
        type: 'RECORD_INTERVENTION',
        structure: 'CFA de Tours',
        structureSiret: '52000000000015',
        date: '2008-04-13',
        days: 1,
        at: '2008-04-13T18:00:00+02:00',
      });
      expect(s.context.interventions.map((intervention) => intervention.structureKey)).toEqual([
        'name:mission locale',
        'name:mission locale',
        'siret:41000000000019',
        'siret:52000000000015',
      ]);
      expectRefused(s, { type: 'RECORD_INTERVENTION', structure: 'Autre', date: '2008-04-14', days: 1, at: '2008-04-14T18:00:00+02:00' });
    });
  });
});
