import { COHORT_001_GROUP_1, COHORT_001_GROUP_2, eligibleParticipants } from '../machines/coaching-cohort/coaching-cohort.examples';
import type { CohortInput, Outcome, ParticipantProfile } from '../machines/coaching-cohort/coaching-cohort.types';
import { THEMES_001 } from '../machines/coaching-cohort/coaching-cohort.types';
import { IDF_ACSE_PARTNERSHIP } from '../machines/convention/convention.examples';
import { completeDocuments, seed001TenderInput } from './support/seed-001';
import { bearer, startTestApp, testDatabases, type TestApp } from './support/test-app';

/**
 * Seed 001 played end to end over HTTP on the simulated clock, then read back as programme indicators
 * (seeds 002 and 004, docs/indicators.md). Nobody sends a deadline event: the bids close, recruitment
 * closes, convention duties and the +6-month follow-ups fall due because the clock moves past them.
 *
 * The programme: the 001 tender (Creativ', Dijon) leads to two coaching cohorts (its children), and the
 * 004 partnership convention (Île-de-France Region and Acsé) runs beside it, signed on 1 July 2022, so
 * that its quarterly technical committee falls due (once late, once overdue) within the same calendar.
 */

const ADMIN = { 'x-actor': 'marie.admin' };

interface Fired {
  instanceId: string;
  event: string;
  dueAt: string;
  outcome: string;
  state?: string;
}

/** 001 §IV: the plan's sessions of one cohort, on business dates inside its 12-week window. */
interface PlannedSession {
  date: string;
  sessionType: 'individual' | 'collective' | 'thematic';
  theme?: string;
  minutes: number;
  attendees: string[];
}

function sessionPlan(refs: string[], individualDays: string[], collectiveDates: string[], thematic: [string, string][]): PlannedSession[] {
  return [
    ...refs.map((ref, index): PlannedSession => ({
      date: individualDays[index % individualDays.length],
      sessionType: 'individual',
      minutes: 30 + index * 3,
      attendees: [ref],
    })),
    ...collectiveDates.map((date): PlannedSession => ({ date, sessionType: 'collective', minutes: 165, attendees: refs })),
    ...thematic.map(([date, theme]): PlannedSession => ({ date, sessionType: 'thematic', theme, minutes: 120, attendees: refs })),
  ];
}

// Recruitment adjusted to the simulated calendar: the cohorts are created once the tender is attributed
// (24 Aug 2022), recruit from 29 August and close by themselves on Friday 16 Sept at 18:00 Paris; the
// sessions start on Monday 26 Sept (window 26 Sept – 18 Dec 2022, completion not before 5 Dec, 09:00).
const RECRUITMENT_CLOSES_AT = '2022-09-16T18:00:00+02:00';
const GROUP_1: CohortInput = { ...COHORT_001_GROUP_1, recruitmentClosesAt: RECRUITMENT_CLOSES_AT };
const GROUP_2: CohortInput = { ...COHORT_001_GROUP_2, recruitmentClosesAt: RECRUITMENT_CLOSES_AT };
const PEOPLE_1 = eligibleParticipants(GROUP_1, 11, 'G1');
const PEOPLE_2 = eligibleParticipants(GROUP_2, 11, 'G2');

const [SELF, MOBILITY, DIGITAL, CHILDCARE] = THEMES_001;
const PLAN_1 = sessionPlan(
  PEOPLE_1.map((person) => person.ref),
  ['2022-09-27', '2022-09-28', '2022-09-29', '2022-09-30'],
  ['2022-10-03', '2022-10-31', '2022-11-28'],
  [
    ['2022-10-06', SELF],
    ['2022-10-13', MOBILITY],
    ['2022-10-20', DIGITAL],
    ['2022-10-27', CHILDCARE],
    ['2022-11-10', CHILDCARE],
    ['2022-11-17', MOBILITY],
    ['2022-11-24', SELF],
  ],
);
const PLAN_2 = sessionPlan(
  PEOPLE_2.map((person) => person.ref),
  ['2022-10-04', '2022-10-05', '2022-10-06', '2022-10-07'],
  ['2022-10-10', '2022-11-07', '2022-12-05'],
  [
    ['2022-10-13', SELF],
    ['2022-10-20', MOBILITY],
    ['2022-10-27', DIGITAL],
    ['2022-11-03', CHILDCARE],
    ['2022-11-17', CHILDCARE],
    ['2022-11-24', MOBILITY],
    ['2022-12-08', SELF],
  ],
);

// Outcomes per participant, in ref order P01 … P11.
const END_1: Outcome[] = [
  'job',
  'training',
  'integrationPath',
  'none',
  'training',
  'integrationPath',
  'none',
  'job',
  'integrationPath',
  'none',
  'training',
];
const END_2: Outcome[] = [
  'job',
  'job',
  'training',
  'integrationPath',
  'none',
  'job',
  'training',
  'integrationPath',
  'job',
  'none',
  'training',
];
const SIX_1: Outcome[] = ['job', 'job', 'training', 'integrationPath', 'none', 'job', 'training', 'integrationPath', 'job', 'none', 'job'];
const SIX_2: Outcome[] = ['job', 'training', 'job', 'job', 'none', 'job', 'training', 'integrationPath', 'job', 'job', 'training'];

const endEvaluation = (people: ParticipantProfile[], outcomes: Outcome[]) => ({
  type: 'RECORD_END_EVALUATION',
  outcomes: people.map((person, index) => ({ ref: person.ref, outcome: outcomes[index], skillsMapDone: true })),
});
const sixMonthEvaluation = (people: ParticipantProfile[], outcomes: Outcome[]) => ({
  type: 'RECORD_SIX_MONTH_EVALUATION',
  outcomes: people.map((person, index) => ({ ref: person.ref, outcome: outcomes[index] })),
});

const bid = (name: string, identifier: string, priceInclVatCents: number, consortium?: { name: string; identifier: string }[]) => ({
  type: 'SUBMIT_BID',
  bidder: { name, identifier },
  ...(consortium ? { consortium } : {}),
  priceExclVatCents: Math.round(priceInclVatCents / 1.2),
  priceInclVatCents,
  documents: completeDocuments,
});

const sc = (F: number, M: number) => ({ F, M, total: F + M });

describe.each(testDatabases())('programme of seed 001 on the simulated clock, and its indicators ($name)', (database) => {
  let t: TestApp;
  const fired: Fired[] = [];
  let tenderId = '';
  let conventionId = '';
  let group1Id = '';
  let group2Id = '';

  beforeAll(async () => {
    t = await startTestApp(database, { CLOCK: 'simulated', CLOCK_START: '2022-06-27T09:00:00+02:00', SCHEDULER: 'on' });
  });

  afterAll(async () => {
    await t?.close();
  });

  async function advanceTo(at: string): Promise<Fired[]> {
    const response = await t.request('POST', '/api/clock', { advanceTo: at });
    if (response.status !== 200) throw new Error(`clock to ${at}: ${response.status} ${JSON.stringify(response.body)}`);
    fired.push(...response.body.fired);
    return response.body.fired;
  }

  async function create(kind: string, input: unknown, parentId?: string) {
    const response = await t.request('POST', '/api/instances', { kind, input, ...(parentId ? { parentId } : {}) }, ADMIN);
    if (response.status !== 201) throw new Error(`create ${kind}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async function send(id: string, body: Record<string, unknown>) {
    const response = await t.request('POST', `/api/instances/${id}/events`, body, ADMIN);
    if (response.status !== 200) throw new Error(`${String(body.type)}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async function refuse(id: string, body: Record<string, unknown>, rule: string) {
    const before = (await t.request('GET', `/api/instances/${id}`)).body.version;
    const response = await t.request('POST', `/api/instances/${id}/events`, body, ADMIN);
    expect({ status: response.status, code: response.body.code, rule: response.body.rule }).toEqual({
      status: 422,
      code: 'RULE_REFUSED',
      rule,
    });
    expect((await t.request('GET', `/api/instances/${id}`)).body.version).toBe(before);
    return response.body;
  }

  const view = async (id: string) => (await t.request('GET', `/api/instances/${id}`)).body;

  it('tender 001: published, two bids, bids close by the clock, scored, attributed, delivery started', async () => {
    const tender = await create('tender', seed001TenderInput);
    tenderId = tender.id;
    const convention = await create('convention', IDF_ACSE_PARTNERSHIP);
    conventionId = convention.id;
    await send(conventionId, { type: 'OPEN_FOR_SIGNATURE' });

    await advanceTo('2022-07-01T10:00:00+02:00');
    for (const party of ['region-idf', 'acse', 'prefet-idf']) await send(conventionId, { type: 'SIGN', party });
    expect((await view(conventionId)).state).toBe('running.inForce');

    await advanceTo('2022-07-08T10:00:00+02:00');
    expect((await send(tenderId, { type: 'PUBLISH' })).state).toBe('open.published');
    await advanceTo('2022-07-20T14:00:00+02:00');
    await send(tenderId, bid('Coaching Coop', '81234567800013', 3_600_000));
    await advanceTo('2022-08-01T11:00:00+02:00');
    await send(tenderId, bid('Insertion Conseil', '79876543200025', 3_900_000, [{ name: 'Mobilité 21', identifier: '75555555500035' }]));

    // Nobody sends CLOSE_BIDS: the deadline (5 Aug 2022, 23:59:59 Paris) passes on the clock.
    const closing = await advanceTo('2022-08-10T09:00:00+02:00');
    expect(closing).toEqual([
      expect.objectContaining({
        instanceId: tenderId,
        event: 'CLOSE_BIDS',
        dueAt: '2022-08-05T21:59:59.000Z',
        outcome: 'applied',
        state: 'open.bidsClosed',
      }),
    ]);

    await send(tenderId, { type: 'SCORE_BID', bidId: 'B1', scores: { technical: 70 } });
    await send(tenderId, { type: 'SCORE_BID', bidId: 'B2', scores: { technical: 90 } });
    await advanceTo('2022-08-24T09:00:00+02:00');
    // A = 42 + 40 = 82; B = 54 + 40 × 36,000 / 39,000 = 90.92: B wins.
    const attributed = await send(tenderId, { type: 'ATTRIBUTE', bidId: 'B2' });
    expect(attributed.state).toBe('open.attributed');
    expect(attributed.context.bids.map((item: { outcome: string }) => item.outcome)).toEqual(['rejected', 'awarded']);
    // tender@3: the rejected bidder is informed (a duty from the attribution on), with its rank and points.
    const informed = await send(tenderId, { type: 'INFORM_BIDDER', bidId: 'B1', means: 'email' });
    expect(informed.context.bids[0].informed).toMatchObject({ means: 'email', rank: 2, rankedBids: 2 });
  });

  it('two cohorts under the tender: 11 eligible women each, one refusal per eligibility rule, recruitment closes by the clock', async () => {
    await advanceTo('2022-08-26T10:00:00+02:00');
    group1Id = (await create('cohort', GROUP_1, tenderId)).id;
    group2Id = (await create('cohort', GROUP_2, tenderId)).id;
    expect((await view(group1Id)).parentId).toBe(tenderId);

    await advanceTo('2022-08-29T10:00:00+02:00');
    for (const id of [group1Id, group2Id]) expect((await send(id, { type: 'OPEN_RECRUITMENT' })).state).toBe('open.recruiting');

    await advanceTo('2022-09-05T09:00:00+02:00');
    for (const participant of PEOPLE_1) await send(group1Id, { type: 'ENROLL', participant });
    // 001 §III, §V: women, living in one of the group's priority neighbourhoods, over 30, followed by a scheme.
    const candidate = { sex: 'F', birthYear: 1980, neighbourhood: 'Grésilles', scheme: 'PLIE' };
    await refuse(group1Id, { type: 'ENROLL', participant: { ...candidate, ref: 'G1-X1', sex: 'M' } }, 'participantSexEligible');
    const elsewhere = await refuse(
      group1Id,
      { type: 'ENROLL', participant: { ...candidate, ref: 'G1-X2', neighbourhood: 'Talant' } },
      'participantNeighbourhoodEligible',
    );
    expect(elsewhere.detail).toMatch(/Talant/);
    const young = await refuse(
      group1Id,
      { type: 'ENROLL', participant: { ...candidate, ref: 'G1-X3', birthYear: 1992 } },
      'participantAgeEligible',
    );
    expect(young.detail).toMatch(/30/);
    const { scheme: _none, ...unfollowed } = candidate;
    await refuse(group1Id, { type: 'ENROLL', participant: { ...unfollowed, ref: 'G1-X4' } }, 'participantFollowedByScheme');
    expect((await view(group1Id)).summary.participants).toMatchObject({ enrolled: 11, withdrawn: 0, bySex: { F: 11, M: 0 } });

    await advanceTo('2022-09-06T09:00:00+02:00');
    for (const participant of PEOPLE_2) await send(group2Id, { type: 'ENROLL', participant });

    // Recruitment closes at its date without anyone sending CLOSE_RECRUITMENT.
    const closing = await advanceTo('2022-09-19T09:00:00+02:00');
    expect(closing.filter((item) => item.event === 'CLOSE_RECRUITMENT')).toEqual([
      expect.objectContaining({
        instanceId: group1Id,
        dueAt: '2022-09-16T16:00:00.000Z',
        outcome: 'applied',
        state: 'open.recruitmentClosed',
      }),
      expect.objectContaining({
        instanceId: group2Id,
        dueAt: '2022-09-16T16:00:00.000Z',
        outcome: 'applied',
        state: 'open.recruitmentClosed',
      }),
    ]);
    expect((await view(group1Id)).context.recruitmentClosedBy).toBe('deadline');

    // 001 §IX: the action starts in the second half of September.
    const delivering = await send(tenderId, { type: 'START_DELIVERY' });
    expect(delivering.state).toBe('delivering');
    expect(delivering.context.sixMonthEvaluationDue).toBe('2023-03-19T08:00:00.000Z');
  });

  it('positioning, confirmation, sessions started, the full plan of sessions recorded, sessions completed', async () => {
    await advanceTo('2022-09-20T10:00:00+02:00');
    // The partnership's first technical committee met on 15 September.
    await send(conventionId, { type: 'RECORD_COMMITTEE', committee: 'technicalCommittee', date: '2022-09-15', minutesRef: 'CT-2022-1' });
    for (const [id, people] of [
      [group1Id, PEOPLE_1],
      [group2Id, PEOPLE_2],
    ] as const) {
      for (const person of people) await send(id, { type: 'RECORD_POSITIONING', ref: person.ref, minutes: 45 });
      expect((await view(id)).state).toBe('open.positioning');
    }
    await advanceTo('2022-09-21T10:00:00+02:00');
    for (const id of [group1Id, group2Id]) expect((await send(id, { type: 'CONFIRM_COHORT' })).state).toBe('open.confirmed');
    await advanceTo('2022-09-26T09:00:00+02:00');
    for (const id of [group1Id, group2Id]) {
      const started = await send(id, { type: 'START_SESSIONS' });
      expect(started.state).toBe('inSession');
      expect(started.context.sessionWindow).toEqual({
        firstDate: '2022-09-26',
        lastDate: '2022-12-18',
        earliestCompletionAt: '2022-12-05T08:00:00.000Z',
      });
    }

    // Each session is recorded on the evening it took place.
    const sessions = [
      ...PLAN_1.map((session) => ({ id: group1Id, session })),
      ...PLAN_2.map((session) => ({ id: group2Id, session })),
    ].sort((a, b) => a.session.date.localeCompare(b.session.date));
    for (const { id, session } of sessions) {
      await advanceTo(`${session.date}T17:00:00Z`);
      await send(id, { type: 'RECORD_SESSION', ...session });
    }
    for (const id of [group1Id, group2Id]) {
      const summary = (await view(id)).summary;
      expect(summary.sessions.byType).toEqual({ individual: 11, collective: 3, thematic: 7 });
      expect(summary.plan).toMatchObject({ complete: true, missing: [] });
    }

    await advanceTo('2022-12-09T17:00:00+01:00');
    // Delivery cannot complete while the cohorts have no end evaluation.
    const both = await refuse(tenderId, { type: 'COMPLETE_DELIVERY' }, 'noChildAwaitingEndEvaluation');
    expect(both.detail).toContain(group1Id);
    expect(both.detail).toContain(group2Id);
    const completed = await send(group1Id, { type: 'COMPLETE_SESSIONS' });
    expect(completed.state).toBe('evaluationAtEnd');
    expect(completed.context.sixMonthEvaluationDue).toBe('2023-06-09T15:00:00.000Z');
  });

  it('end evaluations with outcomes; COMPLETE_DELIVERY refused until both cohorts have theirs, then accepted', async () => {
    await advanceTo('2022-12-12T10:00:00+01:00');
    expect((await send(group1Id, endEvaluation(PEOPLE_1, END_1))).state).toBe('awaitingSixMonths');
    const one = await refuse(tenderId, { type: 'COMPLETE_DELIVERY' }, 'noChildAwaitingEndEvaluation');
    expect(one.detail).toContain(group2Id);
    expect(one.detail).not.toContain(group1Id);
    expect(one.detail).toMatch(/1 child record/);

    await advanceTo('2022-12-16T17:00:00+01:00');
    expect((await send(group2Id, { type: 'COMPLETE_SESSIONS' })).context.sixMonthEvaluationDue).toBe('2023-06-16T15:00:00.000Z');
    await advanceTo('2022-12-19T10:00:00+01:00');
    expect((await send(group2Id, endEvaluation(PEOPLE_2, END_2))).state).toBe('awaitingSixMonths');

    await advanceTo('2022-12-19T11:00:00+01:00');
    const complete = await send(tenderId, { type: 'COMPLETE_DELIVERY' });
    expect(complete.state).toBe('evaluationAtEnd');
    const history = (await t.request('GET', `/api/instances/${tenderId}/history?limit=1000`)).body.items as {
      type: string;
      payload: Record<string, unknown>;
    }[];
    expect(history.at(-1)).toMatchObject({ type: 'COMPLETE_DELIVERY', payload: { childrenAwaitingEndEvaluation: [] } });
    await advanceTo('2022-12-20T10:00:00+01:00');
    expect(
      (
        await send(tenderId, {
          type: 'RECORD_END_EVALUATION',
          questionnaireResult: 'Satisfied',
          verbalExchangeNotes: 'Debrief with Creativ',
        })
      ).state,
    ).toBe('awaitingSixMonths');
  });

  it('the +6-month follow-ups fall due by the clock and are recorded; the parent lists its two children', async () => {
    // The technical committee of the last quarter of 2022 is recorded late (it fell due on 1 January).
    await advanceTo('2023-01-10T10:00:00+01:00');
    await send(conventionId, { type: 'RECORD_COMMITTEE', committee: 'technicalCommittee', date: '2022-12-15', minutesRef: 'CT-2022-2' });

    const march = await advanceTo('2023-03-20T09:00:00+01:00');
    expect(march.filter((item) => item.instanceId === tenderId)).toEqual([
      expect.objectContaining({
        event: 'SIX_MONTH_EVALUATION_DUE',
        dueAt: '2023-03-19T08:00:00.000Z',
        outcome: 'applied',
        state: 'evaluationAtSixMonths',
      }),
    ]);
    expect((await send(tenderId, { type: 'RECORD_SIX_MONTH_EVALUATION', questionnaireResult: '11 of 22 in employment' })).state).toBe(
      'closed',
    );

    const june = await advanceTo('2023-06-20T10:00:00+02:00');
    expect(june.filter((item) => item.event === 'SIX_MONTH_EVALUATION_DUE')).toEqual([
      expect.objectContaining({
        instanceId: group1Id,
        dueAt: '2023-06-09T15:00:00.000Z',
        outcome: 'applied',
        state: 'evaluationAtSixMonths',
      }),
      expect.objectContaining({
        instanceId: group2Id,
        dueAt: '2023-06-16T15:00:00.000Z',
        outcome: 'applied',
        state: 'evaluationAtSixMonths',
      }),
    ]);
    expect((await send(group1Id, sixMonthEvaluation(PEOPLE_1, SIX_1))).state).toBe('closed');
    expect((await send(group2Id, sixMonthEvaluation(PEOPLE_2, SIX_2))).state).toBe('closed');

    const parent = await view(tenderId);
    expect(parent.state).toBe('closed');
    expect(parent.children).toEqual([
      { id: group1Id, kind: 'cohort', state: 'closed', stage: 'closed' },
      { id: group2Id, kind: 'cohort', state: 'closed', stage: 'closed' },
    ]);

    // Every deadline of the year fired by itself, once, as the scheduler, applied.
    expect(fired.every((item) => item.outcome === 'applied')).toBe(true);
    expect(
      fired.map(
        (item) =>
          `${item.instanceId === tenderId ? 'tender' : item.instanceId === conventionId ? 'convention' : item.instanceId === group1Id ? 'group1' : 'group2'}:${item.event}@${item.dueAt}`,
      ),
    ).toEqual([
      'tender:CLOSE_BIDS@2022-08-05T21:59:59.000Z',
      'group1:CLOSE_RECRUITMENT@2022-09-16T16:00:00.000Z',
      'group2:CLOSE_RECRUITMENT@2022-09-16T16:00:00.000Z',
      'convention:DUTY_DUE@2022-09-30T22:00:00.000Z',
      'convention:DUTY_DUE@2022-12-31T23:00:00.000Z',
      'tender:SIX_MONTH_EVALUATION_DUE@2023-03-19T08:00:00.000Z',
      'convention:DUTY_DUE@2023-03-31T22:00:00.000Z',
      'group1:SIX_MONTH_EVALUATION_DUE@2023-06-09T15:00:00.000Z',
      'group2:SIX_MONTH_EVALUATION_DUE@2023-06-16T15:00:00.000Z',
    ]);
    // The convention's own view agrees with what the indicators will count.
    expect((await view(conventionId)).summary.duties.tally.technicalCommittee).toEqual({
      pending: 1,
      done: 1,
      doneLate: 1,
      overdue: 1,
      cancelled: 0,
    });
  });

  it('GET /api/indicators counts the programme as worked out by hand', async () => {
    const response = await t.request('GET', '/api/indicators', undefined, bearer('auditor'));
    expect(response.status).toBe(200);
    expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
    const indicators = response.body;
    expect(indicators.asOf).toBe('2023-06-20T08:00:00.000Z');
    expect(indicators.period).toEqual({ from: null, to: null });

    // Four records: the tender and its two cohorts (closed), the convention (in force, no theme).
    expect(indicators.instances).toEqual({
      total: 4,
      byKind: { tender: 1, convention: 1, cohort: 2 },
      byStage: {
        draft: 0,
        published: 0,
        bidsClosed: 0,
        audition: 0,
        attributed: 0,
        delivering: 1,
        evaluatedAtEnd: 0,
        evaluatedAtSixMonths: 0,
        closed: 3,
      },
      byTheme: { 'employment of women': 3, unspecified: 1 },
    });
    // 002: every one of them reached delivery.
    expect(indicators.actionsSetUp).toEqual({
      total: 4,
      byKind: { tender: 1, convention: 1, cohort: 2 },
      byTheme: { 'employment of women': 3, unspecified: 1 },
    });
    // No intervention days recorded on the tender (001 has no structures); one convention in force; two cohorts confirmed.
    expect(indicators.projectsSupported).toEqual({ total: 3, tenderStructures: 0, conventions: 1, cohorts: 2 });

    // 22 women, no man (the refused man was never enrolled). Birth years per group (eligibleParticipants):
    // 1962, 1969, 1976, 1983, 1990, 1968, 1975, 1982, 1989, 1967, 1974, i.e. ages in 2022
    // 60, 53, 46, 39, 32, 54, 47, 40, 33, 55, 48: 30-39 → 3 (39, 32, 33), 40-49 → 4 (46, 47, 40, 48),
    // 50+ → 4 (60, 53, 54, 55); twice.
    const { participants } = indicators;
    expect(participants.enrolled).toEqual(sc(22, 0));
    expect(participants.withdrawn).toEqual(sc(0, 0));
    expect(participants.byAgeBand).toEqual({ '0-29': sc(0, 0), '30-39': sc(6, 0), '40-49': sc(8, 0), '50+': sc(8, 0) });
    // Neighbourhoods in turn: P01 P04 P07 P10 in the first, P02 P05 P08 P11 in the second, P03 P06 P09 in the third.
    expect(participants.byNeighbourhood).toEqual({
      Chenôve: sc(4, 0),
      "Fontaine d'Ouche": sc(4, 0),
      Grésilles: sc(4, 0),
      Longvic: sc(4, 0),
      Quetigny: sc(3, 0),
      Talant: sc(3, 0),
    });
    // At the end: group 1 job 2, training 3, integrationPath 3, none 3; group 2 job 4, training 3, integrationPath 2, none 2.
    expect(participants.outcomesAtEnd).toEqual({
      job: sc(6, 0),
      training: sc(6, 0),
      integrationPath: sc(5, 0),
      none: sc(5, 0),
      notYetRecorded: sc(0, 0),
    });
    // At +6 months: group 1 job 5, training 2, integrationPath 2, none 2; group 2 job 6, training 3, integrationPath 1, none 1.
    expect(participants.outcomesAtSixMonths).toEqual({
      job: sc(11, 0),
      training: sc(5, 0),
      integrationPath: sc(3, 0),
      none: sc(3, 0),
      notYetRecorded: sc(0, 0),
    });

    // Technical committee: Q3 2022 on time, Q4 2022 late, Q1 2023 never recorded (due 1 April 2023).
    expect(indicators.overdueDuties).toEqual({ total: 1, byDuty: { technicalCommittee: 1 } });
    expect(indicators.dutiesDoneLate).toEqual({ total: 1, byDuty: { technicalCommittee: 1 } });
  });

  it('filters on the business instant of creation (CREATE event at), and on the kind', async () => {
    const get = async (query: string) => {
      const response = await t.request('GET', `/api/indicators?${query}`);
      expect(response.status).toBe(200);
      return response.body;
    };
    // The tender and the convention were created on 27 June 2022, the cohorts on 26 August 2022.
    const summer = await get(
      `from=${encodeURIComponent('2022-06-27T09:00:00+02:00')}&to=${encodeURIComponent('2022-08-26T09:59:59+02:00')}`,
    );
    expect(summer.period).toEqual({ from: '2022-06-27T07:00:00.000Z', to: '2022-08-26T07:59:59.000Z' });
    expect(summer.instances.byKind).toEqual({ tender: 1, convention: 1, cohort: 0 });
    expect(summer.participants.enrolled).toEqual(sc(0, 0));

    const cohorts = await get(`from=${encodeURIComponent('2022-08-26T10:00:00+02:00')}`);
    expect(cohorts.instances.byKind).toEqual({ tender: 0, convention: 0, cohort: 2 });
    expect(cohorts.participants.enrolled).toEqual(sc(22, 0));
    expect(cohorts.projectsSupported).toEqual({ total: 2, tenderStructures: 0, conventions: 0, cohorts: 2 });

    const later = await get(`from=${encodeURIComponent('2022-08-26T10:00:00.001+02:00')}`);
    expect(later.instances.total).toBe(0);

    const conventions = await get('kind=convention');
    expect(conventions.kind).toBe('convention');
    expect(conventions.instances.byKind).toEqual({ tender: 0, convention: 1, cohort: 0 });
    expect(conventions.actionsSetUp.byTheme).toEqual({ unspecified: 1 });
    expect(conventions.participants.enrolled).toEqual(sc(0, 0));
    expect(conventions.overdueDuties.total).toBe(1);

    // Refusals: a date without an offset, an unknown kind, an unknown parameter, an inverted period.
    for (const query of [
      'from=2022-01-01',
      'kind=grant',
      'theme=mobility',
      `from=${encodeURIComponent('2023-01-01T00:00:00Z')}&to=${encodeURIComponent('2022-01-01T00:00:00Z')}`,
    ]) {
      const response = await t.request('GET', `/api/indicators?${query}`);
      expect({ query, status: response.status, code: response.body.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('answers CSV with Accept: text/csv: a header, then one row per (indicator, breakdown, category, sex)', async () => {
    const response = await t.request('GET', '/api/indicators', undefined, { accept: 'text/csv' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const text = response.body as unknown as string;
    expect(typeof text).toBe('string');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('indicator,breakdown,category,sex,value');
    expect(lines.slice(1, 5)).toEqual([
      'instances,all,all,total,4',
      'instances,kind,tender,total,1',
      'instances,kind,convention,total,1',
      'instances,kind,cohort,total,2',
    ]);
    for (const row of [
      'instances,stage,closed,total,3',
      'instances,theme,employment of women,total,3',
      'actionsSetUp,theme,employment of women,total,3',
      'actionsSetUp,theme,unspecified,total,1',
      'projectsSupported,all,all,total,3',
      'participantsEnrolled,all,all,F,22',
      'participantsEnrolled,all,all,M,0',
      'participantsEnrolled,all,all,total,22',
      'participantsEnrolled,ageBand,30-39,F,6',
      'participantsEnrolled,ageBand,50+,total,8',
      "participantsEnrolled,neighbourhood,Fontaine d'Ouche,F,4",
      'participantsEnrolled,neighbourhood,Talant,M,0',
      'participantsOutcomeAtEnd,outcome,integrationPath,F,5',
      'participantsOutcomeAtSixMonths,outcome,job,F,11',
      'participantsOutcomeAtSixMonths,outcome,notYetRecorded,total,0',
      'overdueDuties,duty,technicalCommittee,total,1',
      'dutiesDoneLate,duty,technicalCommittee,total,1',
    ]) {
      expect(lines).toContain(row);
    }
    // Every count about people has its F, M and total rows (004 art. 6).
    const people = lines.filter((line) => line.startsWith('participant'));
    expect(people).toHaveLength(3 * (1 + 4 + 6 + 1 + 5 + 5));
    expect(lines.at(-1)).toBe('');

    // The same filters apply; JSON stays the default.
    const cohortsOnly = await t.request('GET', '/api/indicators?kind=cohort', undefined, { accept: 'text/csv' });
    expect((cohortsOnly.body as unknown as string).split('\r\n')).toContain('instances,all,all,total,2');
    const json = await t.request('GET', '/api/indicators', undefined, { accept: 'application/json, text/csv' });
    expect(json.body.instances.total).toBe(4);
  });
});
