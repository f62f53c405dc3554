import type { Participant } from '../../machines/coaching-cohort/coaching-cohort.types';
import type { DutyOccurrence } from '../../machines/convention/convention.types';
import {
  ageBandOf,
  computeIndicators,
  csvField,
  indicatorRows,
  indicatorsToCsv,
  isSetUp,
  prefersCsv,
  themeOf,
  type IndicatorInstance,
  type SexCount,
} from './indicators.util';

const CREATED = '2022-06-27T07:00:00.000Z';

function tender(stage: string, state: string, context: Record<string, unknown> = {}, createdAt = CREATED): IndicatorInstance {
  return { kind: 'tender', stage, state, createdAt, context: { bids: [], auditions: [], interventions: [], ...context } };
}

function convention(stage: string, state: string, context: Record<string, unknown> = {}, createdAt = CREATED): IndicatorInstance {
  return {
    kind: 'convention',
    stage,
    state,
    createdAt,
    context: { parties: [], terms: {}, signatures: [], dutyOccurrences: [], ...context },
  };
}

function cohort(stage: string, state: string, context: Record<string, unknown> = {}, createdAt = CREATED): IndicatorInstance {
  return { kind: 'cohort', stage, state, createdAt, context: { participants: [], sessions: [], theme: 'employment of women', ...context } };
}

function person(ref: string, sex: 'F' | 'M', birthYear: number, neighbourhood: string, extra: Partial<Participant> = {}): Participant {
  return { ref, sex, birthYear, neighbourhood, scheme: 'PLIE', enrolledAt: '2022-09-05T08:00:00.000Z', ...extra };
}

function duty(dutyId: string, sequence: number, status: DutyOccurrence['status']): Partial<DutyOccurrence> {
  return { dutyId, sequence, status, kind: 'committee' };
}

const sc = (F: number, M: number): SexCount => ({ F, M, total: F + M });

describe('programme indicators (pure aggregation)', () => {
  it('gives every count, zero-filled, over no instance', () => {
    const result = computeIndicators([]);
    expect(result).toEqual({
      period: { from: null, to: null },
      kind: null,
      instances: {
        total: 0,
        byKind: { tender: 0, convention: 0, cohort: 0 },
        byStage: {
          draft: 0,
          published: 0,
          bidsClosed: 0,
          audition: 0,
          attributed: 0,
          delivering: 0,
          evaluatedAtEnd: 0,
          evaluatedAtSixMonths: 0,
          closed: 0,
        },
        byTheme: {},
      },
      actionsSetUp: { total: 0, byKind: { tender: 0, convention: 0, cohort: 0 }, byTheme: {} },
      projectsSupported: { total: 0, tenderStructures: 0, conventions: 0, cohorts: 0 },
      participants: {
        enrolled: sc(0, 0),
        withdrawn: sc(0, 0),
        byAgeBand: { '0-29': sc(0, 0), '30-39': sc(0, 0), '40-49': sc(0, 0), '50+': sc(0, 0) },
        byNeighbourhood: {},
        outcomesAtEnd: { job: sc(0, 0), training: sc(0, 0), integrationPath: sc(0, 0), none: sc(0, 0), notYetRecorded: sc(0, 0) },
        outcomesAtSixMonths: { job: sc(0, 0), training: sc(0, 0), integrationPath: sc(0, 0), none: sc(0, 0), notYetRecorded: sc(0, 0) },
      },
      overdueDuties: { total: 0, byDuty: {} },
      dutiesDoneLate: { total: 0, byDuty: {} },
      lateAttributions: 0,
    });
  });

  it('counts the tenders attributed after their decision date (tender@3 marks them, 001 IX)', () => {
    const late = { decisionDate: '2022-08-25T16:00:00.000Z', attributedAt: '2022-09-01T08:00:00.000Z', reason: 'No reason given.' };
    const result = computeIndicators([
      tender('attributed', 'open.attributed', { attributionLate: late }),
      tender('delivering', 'delivering', { attributionLate: late }),
      tender('attributed', 'open.attributed', {}),
    ]);
    expect(result.lateAttributions).toBe(2);
    expect(indicatorRows(result)).toContainEqual(['lateAttributions', 'all', 'all', 'total', 2]);
  });

  it('counts instances by kind, by spine stage and by theme ("unspecified" when absent or blank)', () => {
    const result = computeIndicators([
      tender('draft', 'draft', { theme: 'employment of women' }),
      tender('delivering', 'delivering', { theme: '  employment of women ' }),
      tender('closed', 'cancelled', { theme: 'mobility' }),
      tender('published', 'published', { theme: '   ' }),
      convention('delivering', 'inForce'),
      cohort('published', 'recruiting', { theme: undefined }),
    ]);
    expect(result.instances).toEqual({
      total: 6,
      byKind: { tender: 4, convention: 1, cohort: 1 },
      byStage: {
        draft: 1,
        published: 2,
        bidsClosed: 0,
        audition: 0,
        attributed: 0,
        delivering: 2,
        evaluatedAtEnd: 0,
        evaluatedAtSixMonths: 0,
        closed: 1,
      },
      byTheme: { 'employment of women': 2, mobility: 1, unspecified: 3 },
    });
    expect(themeOf({ terms: { theme: 'non-discrimination' } })).toBe('non-discrimination');
    expect(themeOf(undefined)).toBe('unspecified');
  });

  it('counts an action as set up once it reached delivery, never when it left by a side exit (002)', () => {
    expect(isSetUp({ stage: 'delivering', state: 'delivering' })).toBe(true);
    expect(isSetUp({ stage: 'delivering', state: 'formalNotice' })).toBe(true);
    expect(isSetUp({ stage: 'evaluatedAtEnd', state: 'awaitingSixMonths' })).toBe(true);
    expect(isSetUp({ stage: 'evaluatedAtSixMonths', state: 'evaluationAtSixMonths' })).toBe(true);
    expect(isSetUp({ stage: 'closed', state: 'closed' })).toBe(true);
    expect(isSetUp({ stage: 'attributed', state: 'attributed' })).toBe(false);
    expect(isSetUp({ stage: 'closed', state: 'cancelled' })).toBe(false);
    expect(isSetUp({ stage: 'closed', state: 'unsuccessful' })).toBe(false);
    expect(isSetUp({ stage: 'closed', state: 'withdrawn' })).toBe(false);

    const result = computeIndicators([
      tender('delivering', 'delivering', { theme: 'employment of women' }),
      tender('closed', 'closed', { theme: 'employment of women' }),
      tender('closed', 'unsuccessful', { theme: 'employment of women' }),
      tender('attributed', 'attributed', { theme: 'mobility' }),
      convention('delivering', 'inForce'),
      convention('closed', 'withdrawn'),
      cohort('delivering', 'inSession', { theme: 'mobility' }),
      cohort('closed', 'cancelled', { theme: 'mobility' }),
    ]);
    expect(result.actionsSetUp).toEqual({
      total: 4,
      byKind: { tender: 2, convention: 1, cohort: 1 },
      byTheme: { 'employment of women': 2, mobility: 1, unspecified: 1 },
    });
  });

  it('counts projects supported: distinct structures per tender, conventions that came into force, cohorts confirmed', () => {
    const intervention = (structure: string, days = 1) => ({ structure, date: '2022-10-03', days, recordedAt: '2022-10-03T16:00:00.000Z' });
    const result = computeIndicators([
      // The same structure written twice, and another one: 2 structures.
      tender('delivering', 'delivering', {
        interventions: [intervention('Structure Émeraude', 2), intervention('structure emeraude'), intervention('Atelier 21')],
      }),
      // Another tender supporting the same structure again: a project of its own.
      tender('closed', 'closed', { interventions: [intervention('Structure Émeraude')] }),
      tender('attributed', 'attributed'),
      convention('delivering', 'inForce'),
      convention('closed', 'closed', { ended: { reason: 'expired', at: '2025-07-01T00:00:00.000Z' } }),
      convention('published', 'openForSignature'),
      convention('closed', 'withdrawn'),
      cohort('attributed', 'confirmed', { confirmedAt: '2022-09-21T08:00:00.000Z' }),
      cohort('closed', 'closed', { confirmedAt: '2022-09-21T08:00:00.000Z' }),
      cohort('audition', 'positioning'),
      cohort('closed', 'cancelled', {
        confirmedAt: '2022-09-21T08:00:00.000Z',
        cancellation: { reason: 'Too few', at: '2022-09-22T08:00:00.000Z', fromState: 'confirmed' },
      }),
    ]);
    expect(result.projectsSupported).toEqual({ total: 7, tenderStructures: 3, conventions: 2, cohorts: 2 });
  });

  it('counts participants by sex everywhere (004 art. 6): enrolled, withdrawn, age band, neighbourhood, outcomes', () => {
    const group = cohort('evaluatedAtEnd', 'awaitingSixMonths', {
      participants: [
        person('A1', 'F', 1992, "Fontaine d'Ouche"), // 30 in 2022
        person('A2', 'F', 1993, 'Fontaine d’Ouche'), // 29
        person('A3', 'M', 1975, 'fontaine d’ouche'), // 47
        person('A4', 'F', 1960, 'Grésilles'), // 62
        person('A5', 'M', 1980, 'Quetigny', { withdrawnAt: '2022-10-01T08:00:00.000Z' }),
        // Enrolled on 31 Dec 2022 at 23:30 UTC: already 2023 in Paris, so 50, not 49.
        person('A6', 'M', 1973, 'Gresilles', { enrolledAt: '2022-12-31T23:30:00.000Z' }),
      ],
      endEvaluation: {
        recordedAt: '2022-12-20T10:00:00.000Z',
        outcomes: [
          { ref: 'A1', outcome: 'job', skillsMapDone: true },
          { ref: 'A2', outcome: 'training', skillsMapDone: true },
          { ref: 'A3', outcome: 'job', skillsMapDone: false },
          { ref: 'A4', outcome: 'none', skillsMapDone: true },
        ],
      },
    });
    const later = cohort('closed', 'closed', {
      participants: [person('B1', 'F', 1985, 'Talant'), person('B2', 'M', 1970, 'Talant')],
      endEvaluation: {
        recordedAt: '2022-12-20T10:00:00.000Z',
        outcomes: [
          { ref: 'B1', outcome: 'integrationPath', skillsMapDone: true },
          { ref: 'B2', outcome: 'none', skillsMapDone: true },
        ],
      },
      sixMonthEvaluation: {
        recordedAt: '2023-06-20T10:00:00.000Z',
        outcomes: [
          { ref: 'B1', outcome: 'job' },
          { ref: 'B2', outcome: 'training' },
        ],
      },
    });
    // A cancelled cohort's participants never took part: not counted.
    const cancelled = cohort('closed', 'cancelled', { participants: [person('C1', 'F', 1980, 'Talant')] });

    const { participants } = computeIndicators([group, later, cancelled]);
    expect(participants.enrolled).toEqual(sc(4, 3));
    expect(participants.withdrawn).toEqual(sc(0, 1));
    expect(participants.byAgeBand).toEqual({ '0-29': sc(1, 0), '30-39': sc(2, 0), '40-49': sc(0, 1), '50+': sc(1, 2) });
    expect(participants.byNeighbourhood).toEqual({ "Fontaine d'Ouche": sc(2, 1), Grésilles: sc(1, 1), Talant: sc(1, 1) });
    expect(participants.outcomesAtEnd).toEqual({
      job: sc(1, 1),
      training: sc(1, 0),
      integrationPath: sc(1, 0),
      none: sc(1, 1),
      notYetRecorded: sc(0, 1),
    });
    expect(participants.outcomesAtSixMonths).toEqual({
      job: sc(1, 0),
      training: sc(0, 1),
      integrationPath: sc(0, 0),
      none: sc(0, 0),
      notYetRecorded: sc(3, 2),
    });

    // Every breakdown adds up to the people enrolled, for each sex.
    for (const breakdown of [
      participants.byAgeBand,
      participants.byNeighbourhood,
      participants.outcomesAtEnd,
      participants.outcomesAtSixMonths,
    ]) {
      const sum = Object.values(breakdown).reduce((acc, count) => sc(acc.F + count.F, acc.M + count.M), sc(0, 0));
      expect(sum).toEqual(participants.enrolled);
    }
  });

  it('places the age in the Paris year of enrolment, as the eligibility rule does', () => {
    expect(ageBandOf(1992, '2022-09-05T08:00:00.000Z')).toBe('30-39');
    expect(ageBandOf(1993, '2022-09-05T08:00:00.000Z')).toBe('0-29');
    expect(ageBandOf(1983, '2022-09-05T08:00:00.000Z')).toBe('30-39'); // 39
    expect(ageBandOf(1982, '2022-09-05T08:00:00.000Z')).toBe('40-49'); // 40
    expect(ageBandOf(1973, '2022-12-31T22:59:59.000Z')).toBe('40-49'); // 23:59:59 on 31 Dec in Paris: 49
    expect(ageBandOf(1973, '2022-12-31T23:00:00.000Z')).toBe('50+'); // midnight in Paris: 2023, 50
  });

  it("counts conventions' overdue duties and duties done late, by duty id", () => {
    const result = computeIndicators([
      convention('delivering', 'inForce', {
        dutyOccurrences: [
          duty('technicalCommittee', 1, 'done'),
          duty('technicalCommittee', 2, 'doneLate'),
          duty('technicalCommittee', 3, 'overdue'),
          duty('technicalCommittee', 4, 'overdue'),
          duty('technicalCommittee', 5, 'pending'),
          duty('steeringCommittee', 1, 'overdue'),
          duty('evaluationReport', 1, 'cancelled'),
        ],
      }),
      convention('evaluatedAtEnd', 'evaluationAtEnd', {
        dutyOccurrences: [duty('activityReport', 1, 'overdue'), duty('activityReport', 2, 'doneLate')],
      }),
    ]);
    expect(result.overdueDuties).toEqual({ total: 4, byDuty: { activityReport: 1, steeringCommittee: 1, technicalCommittee: 2 } });
    expect(result.dutiesDoneLate).toEqual({ total: 2, byDuty: { activityReport: 1, technicalCommittee: 1 } });
  });

  it('counts only instances created in [from, to] (CREATE event at, both bounds inclusive), and only the kind asked', () => {
    const list = [
      tender('draft', 'draft', {}, '2022-01-01T00:00:00.000Z'),
      tender('draft', 'draft', {}, '2022-06-30T23:59:59.999Z'),
      cohort('draft', 'draft', {}, '2022-07-01T00:00:00.000Z'),
      convention('draft', 'draft', {}, '2023-01-01T00:00:00.000Z'),
    ];
    expect(computeIndicators(list).instances.total).toBe(4);
    expect(computeIndicators(list, { from: '2022-01-01T00:00:00.000Z', to: '2022-07-01T00:00:00.000Z' }).instances.byKind).toEqual({
      tender: 2,
      convention: 0,
      cohort: 1,
    });
    expect(computeIndicators(list, { from: '2022-01-01T00:00:00.001Z' }).instances.total).toBe(3);
    expect(computeIndicators(list, { to: '2022-06-30T23:59:59.999Z' }).instances.total).toBe(2);
    // Offsets are instants: 2022-07-01T02:00+02:00 is midnight UTC.
    expect(computeIndicators(list, { from: '2022-07-01T02:00:00+02:00' }).instances.total).toBe(2);
    const tenders = computeIndicators(list, { kind: 'tender' });
    expect(tenders.kind).toBe('tender');
    expect(tenders.instances.byKind).toEqual({ tender: 2, convention: 0, cohort: 0 });
    expect(computeIndicators(list, { from: '2022-03-01T00:00:00Z', to: '2022-03-31T00:00:00Z' }).period).toEqual({
      from: '2022-03-01T00:00:00Z',
      to: '2022-03-31T00:00:00Z',
    });
  });
});

describe('programme indicators as CSV', () => {
  const indicators = computeIndicators([
    tender('delivering', 'delivering', { theme: 'employment, women' }),
    cohort('delivering', 'inSession', {
      theme: '=HYPERLINK("x")',
      participants: [person('P1', 'F', 1980, 'Grésilles'), person('P2', 'M', 1990, 'Le "Centre"')],
    }),
  ]);

  it('has a header, then one row per (indicator, breakdown, category, sex), CRLF-terminated', () => {
    const csv = indicatorsToCsv(indicators);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('indicator,breakdown,category,sex,value');
    expect(lines[lines.length - 1]).toBe('');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(lines).toContain('instances,all,all,total,2');
    expect(lines).toContain('instances,kind,tender,total,1');
    expect(lines).toContain('instances,stage,delivering,total,2');
    expect(lines).toContain('instances,theme,"employment, women",total,1');
    // Formula-looking text is defused, quotes are doubled.
    expect(lines).toContain(`instances,theme,"'=HYPERLINK(""x"")",total,1`);
    expect(lines).toContain('participantsEnrolled,all,all,F,1');
    expect(lines).toContain('participantsEnrolled,all,all,M,1');
    expect(lines).toContain('participantsEnrolled,all,all,total,2');
    expect(lines).toContain('participantsEnrolled,neighbourhood,"Le ""Centre""",M,1');
    expect(lines).toContain('participantsOutcomeAtEnd,outcome,notYetRecorded,total,2');
    expect(lines).toContain('overdueDuties,all,all,total,0');
    expect(lines.length - 2).toBe(indicatorRows(indicators).length);
  });

  it('gives every count about people three rows (F, M, total) and every other count one (total)', () => {
    const rows = indicatorRows(indicators);
    const people = rows.filter(([indicator]) => indicator.startsWith('participant'));
    const others = rows.filter(([indicator]) => !indicator.startsWith('participant'));
    expect(people.length).toBeGreaterThan(0);
    expect(others.every(([, , , sex]) => sex === 'total')).toBe(true);
    const groups = new Map<string, string[]>();
    for (const [indicator, breakdown, category, sex] of people) {
      const key = `${indicator}/${breakdown}/${category}`;
      groups.set(key, [...(groups.get(key) ?? []), sex]);
    }
    for (const sexes of groups.values()) expect(sexes).toEqual(['F', 'M', 'total']);
    for (const [indicator, breakdown, category, sex, value] of people) {
      if (sex !== 'total') continue;
      const f = people.find((row) => row[0] === indicator && row[1] === breakdown && row[2] === category && row[3] === 'F')![4];
      const m = people.find((row) => row[0] === indicator && row[1] === breakdown && row[2] === category && row[3] === 'M')![4];
      expect(value).toBe(f + m);
    }
  });

  it('quotes and defuses fields', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(12)).toBe('12');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('+33')).toBe("'+33");
    expect(csvField('@cmd')).toBe("'@cmd");
  });

  it('negotiates CSV only when text/csv is preferred to application/json', () => {
    expect(prefersCsv(undefined)).toBe(false);
    expect(prefersCsv('')).toBe(false);
    expect(prefersCsv('*/*')).toBe(false);
    expect(prefersCsv('application/json')).toBe(false);
    expect(prefersCsv('text/csv')).toBe(true);
    expect(prefersCsv('Text/CSV; charset=utf-8')).toBe(true);
    expect(prefersCsv('text/csv, */*;q=0.1')).toBe(true);
    expect(prefersCsv('application/json, text/csv')).toBe(false);
    expect(prefersCsv('application/json;q=0.5, text/csv')).toBe(true);
    expect(prefersCsv('text/csv;q=0')).toBe(false);
    expect(prefersCsv(['text/html', 'text/csv'])).toBe(true);
  });
});
