import type { TSchema } from '@sinclair/typebox';
import { errorsOf as schemaErrorsOf } from '../../contract/validator';
import { initialTransition } from 'xstate';
import {
  IDF_ACSE_PARTNERSHIP,
  IDF_ACSE_PARTNERSHIP_V3,
  SPRO_EP_CHATEAUROUX,
  SPRO_EP_CHATEAUROUX_V3,
} from '../../../machines/convention/convention.examples';
import { createConventionRules } from '../../../machines/convention/convention.rules';
import { parisCalendar } from '../../calendar/paris-calendar';

const conventionRules = createConventionRules(parisCalendar);
import { conventionKindV1, conventionKindV2, conventionKindV3 } from './convention.kind';

/** What the engine's validation finds wrong, as `field:keyword,…` (keywords of JSON Schema). */
function errorsOf(schema: TSchema, payload: unknown): string[] {
  return schemaErrorsOf(schema, payload).map((error) => `${error.field}:${[...error.keywords].sort().join(',')}`);
}

const schemas = conventionKindV1.eventSchemas;

describe('convention kind v1', () => {
  it('hosts the convention machine with its rules and summary', () => {
    expect(conventionKindV1.kind).toBe('convention');
    expect(conventionKindV1.version).toBe(1);
    expect(Object.keys(conventionKindV1.rules).sort()).toEqual(Object.keys(conventionRules).sort());
    expect(conventionKindV1.machine.id).toBe('convention');
    const [snapshot] = initialTransition(conventionKindV1.machine, SPRO_EP_CHATEAUROUX);
    expect(conventionKindV1.summarize?.(snapshot.context)).toMatchObject({ termsInForce: undefined, signatures: { signed: [] } });
  });

  it('has a payload DTO for exactly the events the machine accepts', () => {
    const accepted = new Set(
      Object.values(conventionKindV1.machine.root.states).flatMap((node) => [
        ...(node as { transitions: Map<string, unknown> }).transitions.keys(),
      ]),
    );
    expect(Object.keys(schemas).sort()).toEqual([...accepted].sort());
  });

  it('names a rule for every guard the machine uses', () => {
    const guards = new Set<string>();
    const collect = (guard: unknown) => {
      if (typeof guard === 'string') guards.add(guard);
      else if (typeof guard === 'function') ((guard as { guards?: unknown[] }).guards ?? []).forEach(collect);
      else if (guard && typeof guard === 'object' && 'type' in guard) guards.add((guard as { type: string }).type);
    };
    for (const node of Object.values(conventionKindV1.machine.root.states)) {
      for (const definitions of (node as { transitions: Map<string, { guard?: unknown }[]> }).transitions.values()) {
        definitions.forEach((definition) => collect(definition.guard));
      }
    }
    expect([...guards].filter((name) => !(name in conventionRules))).toEqual([]);
    expect(Object.keys(conventionRules).filter((name) => !guards.has(name))).toEqual([]);
  });

  it('accepts seeds 003 and 004 as inputs', () => {
    expect(errorsOf(conventionKindV1.inputSchema, SPRO_EP_CHATEAUROUX)).toEqual([]);
    expect(errorsOf(conventionKindV1.inputSchema, IDF_ACSE_PARTNERSHIP)).toEqual([]);
  });

  it('refuses malformed terms, down to nested parties and duties', () => {
    const errors = errorsOf(conventionKindV1.inputSchema, {
      term: { duration: '1 year', tacitRenewal: 'yes', maxRenewals: -1 },
      review: { anniversaryWindow: 'P0D', allows: ['suspension'] },
      formalNoticePeriod: 'PT48H',
      effectiveDate: '30/07/2024',
      duties: [{ id: 'tc', kind: 'meeting', every: 'quarterly', extra: true }],
      parties: [{ id: 'a b', organisation: 'A', representative: { name: 'Ann' }, role: 'x', email: 'a@example.org' }],
      clauses: { '1': 5 },
      budgetCents: 100,
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        'term.duration:pattern',
        'term.tacitRenewal:type',
        'term.maxRenewals:minimum',
        'review.anniversaryWindow:pattern',
        'review.allows.0:enum',
        'formalNoticePeriod:pattern',
        expect.stringMatching(/^effectiveDate:/),
        'duties.0.kind:enum',
        'duties.0.every:pattern',
        'duties.0.extra:additionalProperties',
        'parties.0.id:pattern',
        expect.stringMatching(/^parties\.0\.representative\.title:/),
        'parties.0.email:additionalProperties',
        'clauses.1:type',
        'budgetCents:additionalProperties',
      ]),
    );
  });

  it('refuses more than 30 parties at the door (the machine checks the minimum when opening for signature)', () => {
    const party = SPRO_EP_CHATEAUROUX.parties![0];
    const many = Array.from({ length: 31 }, (_, index) => ({ ...party, id: `p${index}` }));
    expect(errorsOf(conventionKindV1.inputSchema, { parties: many })).toEqual(['parties:maxItems']);
  });

  it('validates each event payload', () => {
    expect(errorsOf(schemas.OPEN_FOR_SIGNATURE, {})).toEqual([]);
    expect(errorsOf(schemas.OPEN_FOR_SIGNATURE, { extra: 1 })).toEqual(['extra:additionalProperties']);
    expect(errorsOf(schemas.SIGN, { party: 'acse' })).toEqual([]);
    expect(errorsOf(schemas.SIGN, {})).toEqual([expect.stringMatching(/^party:/)]);
    expect(
      errorsOf(schemas.AMEND, {
        summary: 'Avenant 1',
        signedBy: ['region-idf', 'acse', 'prefet-idf'],
        changes: { clauses: { '4 bis': 'x' } },
      }),
    ).toEqual([]);
    expect(errorsOf(schemas.AMEND, { summary: 'x', signedBy: ['a'], changes: { effectiveDate: '2025-01-01' } })).toEqual([
      'signedBy:minItems',
      'changes.effectiveDate:additionalProperties',
    ]);
    expect(errorsOf(schemas.RECORD_COMMITTEE, { committee: 'technicalCommittee', date: '2008-08-11', minutesRef: 'CT-1' })).toEqual([]);
    expect(errorsOf(schemas.RECORD_COMMITTEE, { committee: 'technicalCommittee', date: '2008-08-11T10:00:00Z', minutesRef: '' })).toEqual([
      expect.stringMatching(/^date:/),
      'minutesRef:minLength',
    ]);
    expect(errorsOf(schemas.RECORD_REPORT, { report: 'activityReport', year: 1 })).toEqual([]);
    expect(errorsOf(schemas.RECORD_REPORT, { report: 'activityReport', year: 0.5 })).toEqual(['year:minimum,type']);
    expect(
      errorsOf(schemas.SEND_FORMAL_NOTICE, { from: 'cio-chateauroux', to: 'cci-indre', breach: 'No report', letterRef: '1A' }),
    ).toEqual([]);
    expect(errorsOf(schemas.SEND_FORMAL_NOTICE, { from: 'a', to: 'b' })).toEqual([expect.stringMatching(/^breach:/)]);
    expect(errorsOf(schemas.DENOUNCE, { party: 'a', reason: 'Notice without effect' })).toEqual([]);
    expect(errorsOf(schemas.DENOUNCE, { party: 'a' })).toEqual([expect.stringMatching(/^reason:/)]);
    expect(errorsOf(schemas.DUTY_DUE, { dutyId: 'technicalCommittee', sequence: 3 })).toEqual([]);
    expect(errorsOf(schemas.DUTY_DUE, { dutyId: 'technicalCommittee' })).toEqual([expect.stringMatching(/^sequence:/)]);
    expect(errorsOf(schemas.REMEDY, {})).toEqual([]);
    expect(errorsOf(schemas.WITHDRAW, { reason: 'Abandoned' })).toEqual([]);
    expect(errorsOf(schemas.RECORD_END_EVALUATION, { assessment: 'Good', evaluator: 'External body' })).toEqual([]);
    expect(errorsOf(schemas.RECORD_SIX_MONTH_EVALUATION, { assessment: '' })).toEqual(['assessment:minLength']);
  });
});

describe('convention kind v2', () => {
  it('is version 2 of the convention, with the v1 rules', () => {
    expect(conventionKindV2).toMatchObject({ kind: 'convention', version: 2 });
    expect(conventionKindV2.rules).toBe(conventionKindV1.rules);
    const [snapshot] = initialTransition(conventionKindV2.machine, { ...SPRO_EP_CHATEAUROUX, sixMonthAnchor: 'end' });
    expect(snapshot.value).toBe('draft');
    expect(snapshot.context).toMatchObject({ sixMonthAnchor: 'end' });
  });

  it('takes the +6-month anchor in the input and in UPDATE_DRAFT; convention@1 refuses it as it always did', () => {
    expect(errorsOf(conventionKindV2.inputSchema, { ...SPRO_EP_CHATEAUROUX, sixMonthAnchor: 'end' })).toEqual([]);
    expect(errorsOf(conventionKindV2.eventSchemas.UPDATE_DRAFT, { sixMonthAnchor: 'start' })).toEqual([]);
    expect(errorsOf(conventionKindV2.inputSchema, { sixMonthAnchor: 'signature' })).toEqual(['sixMonthAnchor:enum']);
    expect(errorsOf(conventionKindV1.inputSchema, { sixMonthAnchor: 'end' })).toEqual(['sixMonthAnchor:additionalProperties']);
    expect(errorsOf(conventionKindV1.eventSchemas.UPDATE_DRAFT, { sixMonthAnchor: 'end' })).toEqual([
      'sixMonthAnchor:additionalProperties',
    ]);
    // Not a term: an amendment cannot carry it.
    expect(
      errorsOf(conventionKindV2.eventSchemas.AMEND, { summary: 'x', signedBy: ['a', 'b'], changes: { sixMonthAnchor: 'end' } }),
    ).toEqual(['changes.sixMonthAnchor:additionalProperties']);
  });
});

describe('convention kind v3', () => {
  const v3 = conventionKindV3.eventSchemas;

  it('is version 3 of the convention, with its own rules and summary', () => {
    expect(conventionKindV3).toMatchObject({ kind: 'convention', version: 3 });
    expect(conventionKindV3.rules).not.toBe(conventionKindV2.rules);
    expect(Object.keys(conventionKindV3.rules)).toEqual(expect.arrayContaining(['formalNoticeByRegisteredLetter', 'renewalConditionsMet']));
    expect(Object.keys(conventionKindV3.rules)).not.toContain('signerIsParty');
  });

  it('takes the seeds on convention@3 (renewal condition, calendar year, co-signatories); convention@2 refuses those fields', () => {
    expect(errorsOf(conventionKindV3.inputSchema, SPRO_EP_CHATEAUROUX_V3)).toEqual([]);
    expect(errorsOf(conventionKindV3.inputSchema, IDF_ACSE_PARTNERSHIP_V3)).toEqual([]);
    expect(
      errorsOf(conventionKindV3.inputSchema, {
        term: { duration: 'P1Y', tacitRenewal: true, reading: 'fiscalYear', renewalRequires: ['minutes'] },
      }),
    ).toEqual(expect.arrayContaining(['term.reading:enum', 'term.renewalRequires.0:enum']));
    expect(errorsOf(conventionKindV2.inputSchema, { coSignatories: [] })).toEqual(['coSignatories:additionalProperties']);
    expect(errorsOf(conventionKindV2.inputSchema, { term: { duration: 'P1Y', tacitRenewal: true, reading: 'calendarYear' } })).toEqual([
      'term.reading:additionalProperties',
    ]);
  });

  it('names the registered letter letterReference and dates its receipt; reports carry counts by sex', () => {
    const notice = { from: 'cio-chateauroux', to: 'cci-indre', breach: 'No report' };
    expect(errorsOf(v3.SEND_FORMAL_NOTICE, { ...notice, letterReference: '1A', receivedOn: '2025-03-05' })).toEqual([]);
    expect(errorsOf(v3.SEND_FORMAL_NOTICE, { ...notice, letterRef: '1A' })).toEqual(['letterRef:additionalProperties']);
    expect(errorsOf(v3.RECORD_NOTICE_RECEIPT, { receivedOn: '05/03/2025' })).toEqual([expect.stringMatching(/^receivedOn:/)]);
    expect(errorsOf(v3.RECORD_SUBSIDY_REQUEST, { reference: 'AIDES-2025', filedOn: '2024-12-04' })).toEqual([]);
    const report = { report: 'evaluationReport', year: 1 };
    expect(
      errorsOf(v3.RECORD_REPORT, {
        ...report,
        participants: 3,
        participantsBySex: { F: 2, M: 1 },
        actions: [{ label: 'A', participantsBySex: { F: 1, M: 0 } }],
      }),
    ).toEqual([]);
    expect(errorsOf(v3.RECORD_REPORT, { ...report, participantsBySex: { F: 1.5, M: -1, X: 2 } }).sort()).toEqual([
      'participantsBySex.F:type',
      'participantsBySex.M:minimum',
      'participantsBySex.X:additionalProperties',
    ]);
    // Bounded, so that the indicators' sums over every report stay exact.
    expect(errorsOf(v3.RECORD_REPORT, { ...report, participantsBySex: { F: 1e300, M: 0 } })).toEqual(['participantsBySex.F:maximum']);
    expect(errorsOf(conventionKindV2.eventSchemas.RECORD_REPORT, { ...report, participantsBySex: { F: 1, M: 1 } })).toEqual([
      'participantsBySex:additionalProperties',
    ]);
  });
});
