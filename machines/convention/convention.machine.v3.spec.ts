import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import { resolveDeadlines, type PendingDeadline, type StateMetaWithDeadlines } from '../shared/deadlines';
import { IDF_ACSE_PARTNERSHIP_V3, SPRO_EP_CHATEAUROUX_V3 } from './convention.examples';
import { CONVENTION_KIND } from './convention.machine';
import { createConventionMachineV2 } from './convention.machine.v2';
import { CONVENTION_VERSION_3, createConventionMachineV3, summarizeConventionV3 } from './convention.machine.v3';
import { createConventionRulesV3, termConditionProblems } from './convention.rules';
import { durationBefore, termEndOf } from './convention.schedule';
import type { ConventionContext, ConventionEvent, ConventionEventOf, ConventionInput } from './convention.types';

const machine = createConventionMachineV3(parisCalendar);
const rules = createConventionRulesV3(parisCalendar);

function run(target: AnyStateMachine, input: ConventionInput, events: ConventionEvent[]): AnyMachineSnapshot {
  let [snapshot] = initialTransition(target, input);
  for (const event of events) {
    expect({ event, can: snapshot.can(event) }).toEqual({ event, can: true });
    [snapshot] = transition(target, snapshot, event);
  }
  return snapshot;
}

/** The event is refused: it changes nothing, and the named rule says why. */
function expectRefused(snapshot: AnyMachineSnapshot, event: ConventionEvent, rule: keyof typeof rules, reason: RegExp) {
  expect(snapshot.can(event)).toBe(false);
  const check = rules[rule] as (context: ConventionContext, event: ConventionEvent) => string | undefined;
  expect(check(snapshot.context as ConventionContext, event)).toMatch(reason);
}

function pendingDeadlines(snapshot: AnyMachineSnapshot): PendingDeadline[] {
  const metas = Object.values(snapshot.getMeta()) as StateMetaWithDeadlines[];
  return metas.flatMap((meta) => resolveDeadlines(meta?.deadlines ?? [], snapshot.context));
}

const ctx = (snapshot: AnyMachineSnapshot) => snapshot.context as ConventionContext;

const PARTIES = [
  { id: 'a', organisation: 'Org A', representative: { name: 'Ann', title: 'Director' }, role: 'signatory' },
  { id: 'b', organisation: 'Org B', representative: { name: 'Bob', title: 'President' }, role: 'signatory' },
];
const CO_SIGNATORY = { id: 'prefet', organisation: 'Préfecture', representative: { name: 'Pat', title: 'Préfet' }, role: 'co-signatory' };

/** A one-year term, renewed tacitly with the year's report and subsidy request (003 art. 4), a notice clause (003 art. 5). */
const RENEWING: ConventionInput = {
  title: 'Renewing convention',
  object: 'Testing',
  parties: PARTIES,
  term: { duration: 'P1Y', tacitRenewal: true, renewalRequires: ['report', 'subsidyRequest'] },
  formalNoticePeriod: 'P2M',
  duties: [{ id: 'activityReport', kind: 'report', every: 'P1Y' }],
};
// Signed on 15 January 2024: in force from 15 January 2024 00:00 Paris, term 1 until 15 January 2025.
const IN_FORCE: ConventionEvent[] = [
  { type: 'OPEN_FOR_SIGNATURE', at: '2024-01-10T09:00:00Z' },
  { type: 'SIGN', party: 'a', at: '2024-01-12T09:00:00Z' },
  { type: 'SIGN', party: 'b', at: '2024-01-15T09:00:00Z' },
];
const TERM_1_END = '2025-01-14T23:00:00.000Z';

describe('convention@3 machine', () => {
  it('is version 3 of the convention kind', () => {
    expect(machine.id).toBe(CONVENTION_KIND);
    expect(CONVENTION_VERSION_3).toBe(3);
  });

  it('plays a convention without the new clauses exactly as convention@2 (same states, same context but its new fields)', () => {
    const input: ConventionInput = { ...RENEWING, term: { duration: 'P1Y', tacitRenewal: true } };
    const events: ConventionEvent[] = [
      ...IN_FORCE,
      { type: 'RECORD_REPORT', report: 'activityReport', year: 1, at: '2024-12-01T09:00:00Z' },
      { type: 'DUTY_DUE', dutyId: 'activityReport', sequence: 1, at: TERM_1_END },
      { type: 'TERM_END', at: TERM_1_END },
      { type: 'AMEND', summary: 'Art. 3', signedBy: ['a', 'b'], changes: { clauses: { '3': 'New' } }, at: '2025-03-01T09:00:00Z' },
    ];
    const v2 = run(createConventionMachineV2(parisCalendar), input, events);
    const v3 = run(machine, input, events);
    expect(v3.value).toEqual(v2.value);
    const { coSignatories, subsidyRequests, termReading, renewalWarnings, ...rest } = ctx(v3);
    expect(rest).toEqual(v2.context);
    expect({ coSignatories, subsidyRequests, termReading, renewalWarnings }).toEqual({
      coSignatories: [],
      subsidyRequests: [],
      termReading: 'twelveMonths',
      renewalWarnings: undefined,
    });
    expect(pendingDeadlines(v3)).toEqual(pendingDeadlines(v2));
  });

  describe('seed 003 art. 5: the formal notice is a registered letter with acknowledgement of receipt', () => {
    const notice = (extra: Partial<ConventionEventOf<'SEND_FORMAL_NOTICE'>> = {}): ConventionEvent => ({
      type: 'SEND_FORMAL_NOTICE',
      from: 'a',
      to: 'b',
      breach: 'No activity report',
      at: '2024-06-03T08:00:00Z',
      ...extra,
    });

    it('formalNoticeByRegisteredLetter (003 art. 5, "lettre recommandée avec accusé de réception"): refused without the letter\'s reference', () => {
      const inForce = run(machine, RENEWING, IN_FORCE);
      expectRefused(
        inForce,
        notice(),
        'formalNoticeByRegisteredLetter',
        /registered letter with acknowledgement of receipt.*letterReference/,
      );
      expectRefused(inForce, notice({ letterReference: '  ' }), 'formalNoticeByRegisteredLetter', /letterReference/);
    });

    it('003 art. 5 ("deux mois suivant l\'envoi"): the two months count from the sending, whenever the letter is received', () => {
      const sent = run(machine, RENEWING, [...IN_FORCE, notice({ letterReference: '1A 234', receivedOn: '2024-06-07' })]);
      expect(sent.value).toEqual({ running: 'formalNotice' });
      expect(ctx(sent).formalNotice).toMatchObject({
        letterRef: '1A 234',
        receivedOn: '2024-06-07',
        sentAt: '2024-06-03T08:00:00Z',
        expiresAt: '2024-08-03T08:00:00.000Z',
      });
      expect(pendingDeadlines(sent).map((item) => `${item.event}@${item.dueAt}`)).toContain('NOTICE_EXPIRED@2024-08-03T08:00:00.000Z');
    });

    it("declares convention@2's formalNoticeSent effect, with the registered letter's reference", () => {
      const inForce = run(machine, RENEWING, IN_FORCE);
      const [, actions] = transition(machine, inForce, notice({ letterReference: '1A 234' }));
      const sent = actions.find((action) => action.type === 'formalNoticeSent');
      expect(sent?.params).toMatchObject({ letterRef: '1A 234', sentAt: '2024-06-03T08:00:00Z', expiresAt: '2024-08-03T08:00:00.000Z' });
    });

    it('noticeReceiptIsPlausible (003 art. 5): a receipt known at sending is not dated before the sending', () => {
      const inForce = run(machine, RENEWING, IN_FORCE);
      expectRefused(inForce, notice({ letterReference: '1A', receivedOn: '2024-06-02' }), 'noticeReceiptIsPlausible', /sent on 2024-06-03/);
    });

    it('noticeReceiptCanBeRecorded (003 art. 5, "accusé de réception"): recorded later, once, on or after the sending and not ahead of today', () => {
      const sent = run(machine, RENEWING, [...IN_FORCE, notice({ letterReference: '1A' })]);
      expect(ctx(sent).formalNotice?.receivedOn).toBeUndefined();
      const receipt = (receivedOn: string, at: string): ConventionEvent => ({ type: 'RECORD_NOTICE_RECEIPT', receivedOn, at });
      expectRefused(sent, receipt('2024-06-01', '2024-06-10T08:00:00Z'), 'noticeReceiptCanBeRecorded', /sent on 2024-06-03/);
      expectRefused(sent, receipt('2024-06-12', '2024-06-10T08:00:00Z'), 'noticeReceiptCanBeRecorded', /after today \(2024-06-10\)/);
      const [received] = transition(machine, sent, receipt('2024-06-05', '2024-06-10T08:00:00Z'));
      expect(ctx(received).formalNotice).toMatchObject({ receivedOn: '2024-06-05', expiresAt: '2024-08-03T08:00:00.000Z' });
      expectRefused(
        received,
        receipt('2024-06-06', '2024-06-11T08:00:00Z'),
        'noticeReceiptCanBeRecorded',
        /already recorded \(2024-06-05\)/,
      );
      // The receipt stays with the notice once it is concluded.
      const [remedied] = transition(machine, received, { type: 'REMEDY', at: '2024-06-20T08:00:00Z' });
      expect(ctx(remedied).formalNotices[0]).toMatchObject({ receivedOn: '2024-06-05', outcome: 'remedied' });
    });
  });

  describe('seed 003 art. 4: tacitly renewed "with the yearly subsidy request and report filed"', () => {
    it('warns on the agenda, one month before the term ends, of each requirement not yet recorded (duties, never sent)', () => {
      const inForce = run(machine, RENEWING, IN_FORCE);
      expect(ctx(inForce).renewalWarnings).toEqual({ report: '2024-12-14T23:00:00.000Z', subsidyRequest: '2024-12-14T23:00:00.000Z' });
      const duties = pendingDeadlines(inForce).filter((item) => item.duty);
      expect(duties.map((item) => [item.event, item.dueAt])).toEqual([
        ['RECORD_REPORT', '2024-12-14T23:00:00.000Z'],
        ['RECORD_SUBSIDY_REQUEST', '2024-12-14T23:00:00.000Z'],
      ]);
      expect(duties[0].label).toMatch(/^Renewal needs the year's report/);
      // The report recorded: only the subsidy request is still awaited.
      const [reported] = transition(machine, inForce, {
        type: 'RECORD_REPORT',
        report: 'activityReport',
        year: 1,
        at: '2024-11-01T09:00:00Z',
      });
      expect(
        pendingDeadlines(reported)
          .filter((item) => item.duty)
          .map((item) => item.event),
      ).toEqual(['RECORD_SUBSIDY_REQUEST']);
      expect(summarizeConventionV3(ctx(reported)).renewalCondition).toEqual({
        requires: ['report', 'subsidyRequest'],
        missing: ['subsidyRequest'],
        warnsAt: '2024-12-14T23:00:00.000Z',
      });
    });

    it('the warning period is a term field (renewalWarning), the default being one month', () => {
      const input = { ...RENEWING, term: { ...RENEWING.term!, renewalWarning: 'P2W' } };
      expect(ctx(run(machine, input, IN_FORCE)).renewalWarnings?.report).toBe('2024-12-31T23:00:00.000Z');
      expect(durationBefore(parisCalendar, '2025-03-30T22:00:00.000Z', 'P1M', '2024-01-01T00:00:00Z')).toBe('2025-02-27T23:00:00.000Z');
      expect(durationBefore(parisCalendar, '2025-01-14T23:00:00.000Z', 'P2Y', '2024-01-14T23:00:00.000Z')).toBe('2024-01-14T23:00:00.000Z');
    });

    it('renewalConditionsMet (003 art. 4): renews when the report and the subsidy request were recorded during the term', () => {
      const renewed = run(machine, RENEWING, [
        ...IN_FORCE,
        { type: 'RECORD_REPORT', report: 'activityReport', year: 1, at: '2024-11-01T09:00:00Z' },
        { type: 'RECORD_SUBSIDY_REQUEST', reference: 'AIDES-2025-0042', filedOn: '2024-11-20', at: '2024-11-21T09:00:00Z' },
        { type: 'DUTY_DUE', dutyId: 'activityReport', sequence: 1, at: TERM_1_END },
        { type: 'TERM_END', at: TERM_1_END },
      ]);
      expect(renewed.value).toEqual({ running: 'inForce' });
      expect(ctx(renewed)).toMatchObject({ renewals: 1, currentTerm: { number: 2, endsAt: '2026-01-14T23:00:00.000Z' } });
      expect(ctx(renewed).subsidyRequests).toEqual([
        { reference: 'AIDES-2025-0042', filedOn: '2024-11-20', recordedAt: '2024-11-21T09:00:00Z', term: 1 },
      ]);
      // Term 2 needs its own report and request: the warnings are back, one month before its end.
      expect(ctx(renewed).renewalWarnings).toEqual({ report: '2025-12-14T23:00:00.000Z', subsidyRequest: '2025-12-14T23:00:00.000Z' });
    });

    it('renewalConditionsMet (003 art. 4): without the subsidy request the term expires, and the end says what was missing', () => {
      const inForce = run(machine, RENEWING, [
        ...IN_FORCE,
        { type: 'RECORD_REPORT', report: 'activityReport', year: 1, at: '2024-11-01T09:00:00Z' },
      ]);
      expect(rules.renewalConditionsMet(ctx(inForce), { type: 'TERM_END', at: TERM_1_END })).toBe(
        `Term 1 does not renew: the year's subsidy request was not recorded during it (until ${TERM_1_END}).`,
      );
      const [ended] = transition(machine, inForce, { type: 'TERM_END', at: '2025-01-15T08:00:00Z' });
      expect(ended.value).toBe('evaluationAtEnd');
      expect(ctx(ended).ended).toEqual({
        reason: 'expired',
        at: TERM_1_END,
        missing: ['subsidyRequest'],
        note: "Not renewed: the year's subsidy request was not recorded during term 1.",
      });
      expect(ctx(ended).renewalWarnings).toBeUndefined();
      expect(pendingDeadlines(ended).filter((item) => item.duty)).toEqual([]);
    });

    it('a report recorded before the term, or a request filed before it, does not count for it', () => {
      const input: ConventionInput = { ...RENEWING, term: { ...RENEWING.term!, renewalRequires: ['report'] } };
      const renewed = run(machine, input, [
        ...IN_FORCE,
        { type: 'RECORD_REPORT', report: 'activityReport', year: 1, at: '2024-11-01T09:00:00Z' },
        { type: 'DUTY_DUE', dutyId: 'activityReport', sequence: 1, at: TERM_1_END },
        { type: 'TERM_END', at: TERM_1_END },
      ]);
      expect(ctx(renewed).renewalWarnings).toEqual({ report: '2025-12-14T23:00:00.000Z' });
      expectRefused(
        renewed,
        { type: 'RECORD_SUBSIDY_REQUEST', reference: 'X', filedOn: '2025-01-10', at: '2025-02-01T09:00:00Z' },
        'subsidyRequestHasBeenFiled',
        /before the current term/,
      );
      expectRefused(
        renewed,
        { type: 'RECORD_SUBSIDY_REQUEST', reference: 'X', filedOn: '2025-02-02', at: '2025-02-01T09:00:00Z' },
        'subsidyRequestHasBeenFiled',
        /after today/,
      );
      expectRefused(
        renewed,
        { type: 'RECORD_SUBSIDY_REQUEST', reference: ' ', at: '2025-02-01T09:00:00Z' },
        'subsidyRequestIsValid',
        /reference/,
      );
    });

    it('termConditionsAreValid (003 art. 4): the condition lists known requirements, needs a tacit renewal and, for the report, a report duty', () => {
      const problems = (term: object, duties = RENEWING.duties) =>
        termConditionProblems({ ...RENEWING, term: { duration: 'P1Y', tacitRenewal: true, ...term }, duties });
      expect(problems({})).toEqual([]);
      expect(problems({ renewalRequires: ['report'] }, [])).toEqual(["a report duty, since the renewal needs the year's report"]);
      expect(problems({ renewalRequires: ['report'], tacitRenewal: false })).toEqual([
        'a tacit renewal for a renewal condition to apply to',
      ]);
      expect(problems({ renewalRequires: ['minutes'] })).toEqual(['a renewal condition listing report, subsidyRequest']);
      expect(problems({ renewalRequires: ['subsidyRequest'] })).toEqual([
        'the year\'s report among the renewal requirements (003 art. 4: "et du bilan")',
      ]);
      expect(problems({ renewalWarning: 'soon' })).toEqual(['a renewal warning as an ISO 8601 duration such as P1M']);
      const draft = run(machine, { ...RENEWING, term: { duration: 'P1Y', tacitRenewal: false, renewalRequires: ['report'] } }, []);
      expectRefused(draft, { type: 'OPEN_FOR_SIGNATURE', at: '2024-01-10T09:00:00Z' }, 'termConditionsAreValid', /tacit renewal/);
    });
  });

  describe('seed 003 art. 4: "une durée d\'une année civile" read as the calendar year', () => {
    it('termEndOf: a calendar-year term ends at the start of 1 January (Paris); twelve months is the default', () => {
      expect(termEndOf(parisCalendar, '2024-07-29T22:00:00.000Z', { duration: 'P1Y', tacitRenewal: true, reading: 'calendarYear' })).toBe(
        '2024-12-31T23:00:00.000Z',
      );
      expect(termEndOf(parisCalendar, '2024-12-31T23:00:00.000Z', { duration: 'P1Y', tacitRenewal: true, reading: 'calendarYear' })).toBe(
        '2025-12-31T23:00:00.000Z',
      );
      expect(termEndOf(parisCalendar, '2024-07-29T22:00:00.000Z', { duration: 'P2Y', tacitRenewal: true, reading: 'calendarYear' })).toBe(
        '2025-12-31T23:00:00.000Z',
      );
      expect(termEndOf(parisCalendar, '2024-07-29T22:00:00.000Z', { duration: 'P1Y', tacitRenewal: true })).toBe(
        '2025-07-29T22:00:00.000Z',
      );
    });

    it('seed 003 signed on 30 July 2024: term 1 to 31 December 2024, then calendar years; the reading is kept and shown', () => {
      const parties = SPRO_EP_CHATEAUROUX_V3.parties!;
      const signed = run(machine, SPRO_EP_CHATEAUROUX_V3, [
        { type: 'OPEN_FOR_SIGNATURE', at: '2024-07-15T07:00:00Z' },
        ...parties.map((party): ConventionEvent => ({ type: 'SIGN', party: party.id, at: '2024-07-30T09:00:00Z' })),
      ]);
      expect(ctx(signed).termReading).toBe('calendarYear');
      expect(summarizeConventionV3(ctx(signed)).termReading).toBe('calendarYear');
      expect(ctx(signed).currentTerm).toEqual({ number: 1, startsAt: '2024-07-29T22:00:00.000Z', endsAt: '2024-12-31T23:00:00.000Z' });
      // The warnings fall one month before 31 December ends: 1 December 2024.
      expect(ctx(signed).renewalWarnings).toEqual({ report: '2024-11-30T23:00:00.000Z', subsidyRequest: '2024-11-30T23:00:00.000Z' });
      const [renewed] = transition(
        machine,
        run(machine, SPRO_EP_CHATEAUROUX_V3, [
          { type: 'OPEN_FOR_SIGNATURE', at: '2024-07-15T07:00:00Z' },
          ...parties.map((party): ConventionEvent => ({ type: 'SIGN', party: party.id, at: '2024-07-30T09:00:00Z' })),
          { type: 'RECORD_REPORT', report: 'activityReport', year: 1, at: '2024-12-10T09:00:00Z' },
          { type: 'RECORD_SUBSIDY_REQUEST', reference: 'AIDES-2025', at: '2024-12-12T09:00:00Z' },
        ]),
        { type: 'TERM_END', at: '2024-12-31T23:00:00.000Z' },
      );
      expect(ctx(renewed).currentTerm).toEqual({ number: 2, startsAt: '2024-12-31T23:00:00.000Z', endsAt: '2025-12-31T23:00:00.000Z' });
    });

    it('termConditionsAreValid: a term read as calendar years lasts whole years', () => {
      expect(termConditionProblems({ term: { duration: 'P18M', tacitRenewal: true, reading: 'calendarYear' } })).toEqual([
        'a duration in whole years such as P1Y for a term read as calendar years (got P18M)',
      ]);
    });

    it('an amendment to the reading recomputes the current term from its start (amendedTermConditionsAreValid checks it)', () => {
      const inForce = run(machine, { ...RENEWING, term: { duration: 'P1Y', tacitRenewal: true } }, IN_FORCE);
      expectRefused(
        inForce,
        {
          type: 'AMEND',
          summary: 'x',
          signedBy: ['a', 'b'],
          changes: { term: { duration: 'P6M', tacitRenewal: true, reading: 'calendarYear' } },
          at: '2024-03-01T09:00:00Z',
        },
        'amendedTermConditionsAreValid',
        /whole years/,
      );
      const [amended] = transition(machine, inForce, {
        type: 'AMEND',
        summary: 'Art. 4: calendar years',
        signedBy: ['a', 'b'],
        changes: { term: { duration: 'P1Y', tacitRenewal: true, reading: 'calendarYear' } },
        at: '2024-03-01T09:00:00Z',
      });
      expect(ctx(amended)).toMatchObject({ termReading: 'calendarYear', currentTerm: { number: 1, endsAt: '2024-12-31T23:00:00.000Z' } });
    });
  });

  describe('seed 004: three signatures for two parties, the Préfet a co-signatory', () => {
    const input: ConventionInput = { ...RENEWING, term: { duration: 'P1Y', tacitRenewal: true }, coSignatories: [CO_SIGNATORY] };

    it('completesAllSignatures and signerIsPartyOrCoSignatory (004, signatures): in force only once the co-signatory has signed too', () => {
      const partiesSigned = run(machine, input, IN_FORCE);
      expect(partiesSigned.value).toBe('openForSignature');
      expect(rules.completesAllSignatures(ctx(partiesSigned), { type: 'SIGN', party: 'b', at: '2024-01-15T09:00:00Z' })).toBe(
        'Still awaiting the signatures of prefet.',
      );
      expect(summarizeConventionV3(ctx(partiesSigned)).signatures.awaiting).toEqual(['prefet']);
      expectRefused(
        partiesSigned,
        { type: 'SIGN', party: 'mayor', at: '2024-01-16T09:00:00Z' },
        'signerIsPartyOrCoSignatory',
        /co-signatories: prefet/,
      );
      const [inForce] = transition(machine, partiesSigned, { type: 'SIGN', party: 'prefet', at: '2024-01-16T09:00:00Z' });
      expect(inForce.value).toEqual({ running: 'inForce' });
      expect(ctx(inForce).termsVersions[0].signedBy).toEqual(['a', 'b', 'prefet']);
      expect(ctx(inForce).parties.map((party) => party.id)).toEqual(['a', 'b']);
    });

    it('amendmentSignedByParties (004 art. 10): an amendment needs the parties, not the co-signatory (who may countersign)', () => {
      const inForce = run(machine, input, [...IN_FORCE, { type: 'SIGN', party: 'prefet', at: '2024-01-16T09:00:00Z' }]);
      const amend = (signedBy: string[]): ConventionEvent => ({ type: 'AMEND', summary: 'Art. 3', signedBy, at: '2024-03-01T09:00:00Z' });
      expect(inForce.can(amend(['a', 'b']))).toBe(true);
      expect(inForce.can(amend(['a', 'b', 'prefet']))).toBe(true);
      expectRefused(inForce, amend(['a', 'prefet']), 'amendmentSignedByParties', /missing: b/);
      expectRefused(inForce, amend(['a', 'b', 'mayor']), 'amendmentSignedByParties', /neither: mayor/);
    });

    it('coSignatoryIsNotAParty (003 art. 5, "l\'une ou l\'autre des parties"): a co-signatory neither sends nor receives a notice, nor denounces', () => {
      const inForce = run(machine, input, [...IN_FORCE, { type: 'SIGN', party: 'prefet', at: '2024-01-16T09:00:00Z' }]);
      const at = '2024-03-01T09:00:00Z';
      expectRefused(
        inForce,
        { type: 'SEND_FORMAL_NOTICE', from: 'prefet', to: 'a', breach: 'x', letterReference: '1A', at },
        'coSignatoryIsNotAParty',
        /prefet co-signs this convention but is not a party: only the parties may send or receive a formal notice/,
      );
      expectRefused(
        inForce,
        { type: 'SEND_FORMAL_NOTICE', from: 'a', to: 'prefet', breach: 'x', letterReference: '1A', at },
        'coSignatoryIsNotAParty',
        /prefet co-signs/,
      );
      expectRefused(
        inForce,
        { type: 'DENOUNCE', party: 'prefet', reason: 'x', at },
        'coSignatoryIsNotAParty',
        /only the parties may denounce/,
      );
    });

    it('coSignatoriesAreValid (004): complete, and with ids of their own', () => {
      const draft = run(machine, { ...input, coSignatories: [{ ...CO_SIGNATORY, id: 'a' }] }, []);
      expectRefused(draft, { type: 'OPEN_FOR_SIGNATURE', at: '2024-01-10T09:00:00Z' }, 'coSignatoriesAreValid', /repeated: a/);
      const [updated] = transition(machine, draft, { type: 'UPDATE_DRAFT', coSignatories: [CO_SIGNATORY], at: '2024-01-09T09:00:00Z' });
      expect(ctx(updated).coSignatories).toEqual([CO_SIGNATORY]);
      expect(updated.can({ type: 'OPEN_FOR_SIGNATURE', at: '2024-01-10T09:00:00Z' })).toBe(true);
    });

    it('seed 004 on convention@3: the Region and the Acsé are the parties, the Préfet co-signs', () => {
      const signed = run(machine, IDF_ACSE_PARTNERSHIP_V3, [
        { type: 'OPEN_FOR_SIGNATURE', at: '2008-07-01T08:00:00Z' },
        { type: 'SIGN', party: 'region-idf', at: '2008-07-11T08:00:00Z' },
        { type: 'SIGN', party: 'acse', at: '2008-07-11T08:00:00Z' },
        { type: 'SIGN', party: 'prefet-idf', at: '2008-07-11T08:00:00Z' },
      ]);
      expect(signed.value).toEqual({ running: 'inForce' });
      expect(summarizeConventionV3(ctx(signed))).toMatchObject({ coSignatories: ['prefet-idf'], termReading: 'twelveMonths' });
    });
  });

  describe('seed 004 art. 6: "les différentes actions menées ... feront l\'objet de statistiques sexuées"', () => {
    const report = (extra: Partial<ConventionEventOf<'RECORD_REPORT'>>): ConventionEvent => ({
      type: 'RECORD_REPORT',
      report: 'activityReport',
      year: 1,
      at: '2024-11-01T09:00:00Z',
      ...extra,
    });

    it('reportStatisticsAreValid (004 art. 6): whole numbers by sex; a total, when given, is the sum of its parts', () => {
      const inForce = run(machine, RENEWING, IN_FORCE);
      expectRefused(
        inForce,
        report({ participants: 10, participantsBySex: { F: 6, M: 3 } }),
        'reportStatisticsAreValid',
        /\(9\) equal to the total \(10\)/,
      );
      expectRefused(inForce, report({ participantsBySex: { F: -1, M: 3 } }), 'reportStatisticsAreValid', /whole numbers from 0/);
      expectRefused(inForce, report({ participants: 10 }), 'reportStatisticsAreValid', /by sex/);
      expectRefused(
        inForce,
        report({ actions: [{ label: 'Training', participants: 5, participantsBySex: { F: 2, M: 2 } }] }),
        'reportStatisticsAreValid',
        /action 1 \(Training\): F \+ M \+ unspecified \(4\) equal to the total \(5\)/,
      );
      expectRefused(
        inForce,
        report({ actions: [{ label: '', participantsBySex: { F: 2, M: 2 } }] }),
        'reportStatisticsAreValid',
        /a label/,
      );
    });

    it('keeps the statistics with the report (also a late one, after the end)', () => {
      const statistics = {
        participants: 12,
        participantsBySex: { F: 7, M: 4, unspecified: 1 },
        actions: [{ label: 'Formation des acteurs (art. 3)', participantsBySex: { F: 5, M: 3 } }],
      };
      const recorded = run(machine, RENEWING, [...IN_FORCE, report(statistics)]);
      expect(ctx(recorded).dutyOccurrences[0].record).toEqual({ recordedAt: '2024-11-01T09:00:00Z', statistics });
      const late = run(machine, { ...RENEWING, term: { duration: 'P1Y', tacitRenewal: false } }, [
        ...IN_FORCE,
        { type: 'DUTY_DUE', dutyId: 'activityReport', sequence: 1, at: TERM_1_END },
        { type: 'TERM_END', at: TERM_1_END },
        report({ ...statistics, at: '2025-02-01T09:00:00Z' }),
      ]);
      expect(late.value).toBe('evaluationAtEnd');
      expect(ctx(late).dutyOccurrences[0]).toMatchObject({ status: 'doneLate', record: { statistics } });
    });
  });
});
