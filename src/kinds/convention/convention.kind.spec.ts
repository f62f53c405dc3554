import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { initialTransition } from 'xstate';
import { IDF_ACSE_PARTNERSHIP, SPRO_EP_CHATEAUROUX } from '../../../machines/convention/convention.examples';
import { createConventionRules } from '../../../machines/convention/convention.rules';
import { parisCalendar } from '../../calendar/paris-calendar';

const conventionRules = createConventionRules(parisCalendar);
import { conventionKindV1, conventionKindV2 } from './convention.kind';

/** As the engine validates: whitelist, unknown fields refused, payload-less DTOs allowed. */
async function errorsOf(dto: new () => object, payload: unknown): Promise<string[]> {
  const instance = plainToInstance(dto, payload);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false });
  const paths: string[] = [];
  const walk = (list: ValidationError[], prefix: string) => {
    for (const error of list) {
      const path = prefix ? `${prefix}.${error.property}` : error.property;
      if (error.constraints) paths.push(`${path}:${Object.keys(error.constraints).sort().join(',')}`);
      walk(error.children ?? [], path);
    }
  };
  walk(errors, '');
  return paths;
}

const dtos = conventionKindV1.eventDtos;

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
    expect(Object.keys(dtos).sort()).toEqual([...accepted].sort());
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

  it('accepts seeds 003 and 004 as inputs', async () => {
    expect(await errorsOf(conventionKindV1.inputDto, SPRO_EP_CHATEAUROUX)).toEqual([]);
    expect(await errorsOf(conventionKindV1.inputDto, IDF_ACSE_PARTNERSHIP)).toEqual([]);
  });

  it('refuses malformed terms, down to nested parties and duties', async () => {
    const errors = await errorsOf(conventionKindV1.inputDto, {
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
        'term.duration:matches',
        'term.tacitRenewal:isBoolean',
        'term.maxRenewals:min',
        'review.anniversaryWindow:matches',
        'review.allows:isIn',
        'formalNoticePeriod:matches',
        expect.stringMatching(/^effectiveDate:/),
        'duties.0.kind:isIn',
        'duties.0.every:matches',
        'duties.0.extra:whitelistValidation',
        'parties.0.id:matches',
        expect.stringMatching(/^parties\.0\.representative\.title:/),
        'parties.0.email:whitelistValidation',
        'clauses:isRecordOf',
        'budgetCents:whitelistValidation',
      ]),
    );
  });

  it('refuses more than 30 parties at the door (the machine checks the minimum when opening for signature)', async () => {
    const party = SPRO_EP_CHATEAUROUX.parties![0];
    const many = Array.from({ length: 31 }, (_, index) => ({ ...party, id: `p${index}` }));
    expect(await errorsOf(conventionKindV1.inputDto, { parties: many })).toEqual(['parties:arrayMaxSize']);
  });

  it('validates each event payload', async () => {
    expect(await errorsOf(dtos.OPEN_FOR_SIGNATURE, {})).toEqual([]);
    expect(await errorsOf(dtos.OPEN_FOR_SIGNATURE, { extra: 1 })).toEqual(['extra:whitelistValidation']);
    expect(await errorsOf(dtos.SIGN, { party: 'acse' })).toEqual([]);
    expect(await errorsOf(dtos.SIGN, {})).toEqual([expect.stringMatching(/^party:/)]);
    expect(
      await errorsOf(dtos.AMEND, {
        summary: 'Avenant 1',
        signedBy: ['region-idf', 'acse', 'prefet-idf'],
        changes: { clauses: { '4 bis': 'x' } },
      }),
    ).toEqual([]);
    expect(await errorsOf(dtos.AMEND, { summary: 'x', signedBy: ['a'], changes: { effectiveDate: '2025-01-01' } })).toEqual([
      'signedBy:arrayMinSize',
      'changes.effectiveDate:whitelistValidation',
    ]);
    expect(await errorsOf(dtos.RECORD_COMMITTEE, { committee: 'technicalCommittee', date: '2008-08-11', minutesRef: 'CT-1' })).toEqual([]);
    expect(
      await errorsOf(dtos.RECORD_COMMITTEE, { committee: 'technicalCommittee', date: '2008-08-11T10:00:00Z', minutesRef: '' }),
    ).toEqual([expect.stringMatching(/^date:/), 'minutesRef:minLength']);
    expect(await errorsOf(dtos.RECORD_REPORT, { report: 'activityReport', year: 1 })).toEqual([]);
    expect(await errorsOf(dtos.RECORD_REPORT, { report: 'activityReport', year: 0.5 })).toEqual(['year:isInt,min']);
    expect(
      await errorsOf(dtos.SEND_FORMAL_NOTICE, { from: 'cio-chateauroux', to: 'cci-indre', breach: 'No report', letterRef: '1A' }),
    ).toEqual([]);
    expect(await errorsOf(dtos.SEND_FORMAL_NOTICE, { from: 'a', to: 'b' })).toEqual([expect.stringMatching(/^breach:/)]);
    expect(await errorsOf(dtos.DENOUNCE, { party: 'a', reason: 'Notice without effect' })).toEqual([]);
    expect(await errorsOf(dtos.DENOUNCE, { party: 'a' })).toEqual([expect.stringMatching(/^reason:/)]);
    expect(await errorsOf(dtos.DUTY_DUE, { dutyId: 'technicalCommittee', sequence: 3 })).toEqual([]);
    expect(await errorsOf(dtos.DUTY_DUE, { dutyId: 'technicalCommittee' })).toEqual([expect.stringMatching(/^sequence:/)]);
    expect(await errorsOf(dtos.REMEDY, {})).toEqual([]);
    expect(await errorsOf(dtos.WITHDRAW, { reason: 'Abandoned' })).toEqual([]);
    expect(await errorsOf(dtos.RECORD_END_EVALUATION, { assessment: 'Good', evaluator: 'External body' })).toEqual([]);
    expect(await errorsOf(dtos.RECORD_SIX_MONTH_EVALUATION, { assessment: '' })).toEqual(['assessment:minLength']);
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

  it('takes the +6-month anchor in the input and in UPDATE_DRAFT; convention@1 refuses it as it always did', async () => {
    expect(await errorsOf(conventionKindV2.inputDto, { ...SPRO_EP_CHATEAUROUX, sixMonthAnchor: 'end' })).toEqual([]);
    expect(await errorsOf(conventionKindV2.eventDtos.UPDATE_DRAFT, { sixMonthAnchor: 'start' })).toEqual([]);
    expect(await errorsOf(conventionKindV2.inputDto, { sixMonthAnchor: 'signature' })).toEqual(['sixMonthAnchor:isIn']);
    expect(await errorsOf(conventionKindV1.inputDto, { sixMonthAnchor: 'end' })).toEqual(['sixMonthAnchor:whitelistValidation']);
    expect(await errorsOf(conventionKindV1.eventDtos.UPDATE_DRAFT, { sixMonthAnchor: 'end' })).toEqual([
      'sixMonthAnchor:whitelistValidation',
    ]);
    // Not a term: an amendment cannot carry it.
    expect(
      await errorsOf(conventionKindV2.eventDtos.AMEND, { summary: 'x', signedBy: ['a', 'b'], changes: { sixMonthAnchor: 'end' } }),
    ).toEqual(['changes.sixMonthAnchor:whitelistValidation']);
  });
});
