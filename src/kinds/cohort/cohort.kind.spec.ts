import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { COHORT_001_GROUP_1, COHORT_001_GROUP_2, eligibleParticipants } from '../../../machines/coaching-cohort/coaching-cohort.examples';
import { cohortRules } from '../../../machines/coaching-cohort/coaching-cohort.rules';
import { cohortKindV1 } from './cohort.kind';

/**
 * As the engine validates: whitelist, and unknown fields refused. `forbidUnknownValues: false` because
 * class-validator's default (true) refuses even `{}` for a payload class without fields (NoPayloadDto).
 */
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

const dtos = cohortKindV1.eventDtos;
const participant = eligibleParticipants(COHORT_001_GROUP_1, 1, 'G1')[0];

describe('cohort kind v1', () => {
  it('hosts the cohort machine with its rules and summary', () => {
    expect(cohortKindV1.kind).toBe('cohort');
    expect(cohortKindV1.version).toBe(1);
    expect(Object.keys(cohortKindV1.rules).sort()).toEqual([...Object.keys(cohortRules), 'sessionHasTakenPlace'].sort());
    expect(cohortKindV1.machine.id).toBe('cohort');
    expect(cohortKindV1.summarize?.({ participants: [], sessions: [] })).toMatchObject({ participants: { enrolled: 0, withdrawn: 0 } });
  });

  it('has a payload DTO for exactly the events the machine accepts', () => {
    const accepted = new Set(
      Object.values(cohortKindV1.machine.root.states).flatMap((node) => [
        ...(node as { transitions: Map<string, unknown> }).transitions.keys(),
      ]),
    );
    expect(Object.keys(dtos).sort()).toEqual([...accepted].sort());
  });

  it("accepts 001's two groups as inputs, and normalises instants to UTC", async () => {
    expect(await errorsOf(cohortKindV1.inputDto, COHORT_001_GROUP_1)).toEqual([]);
    expect(await errorsOf(cohortKindV1.inputDto, COHORT_001_GROUP_2)).toEqual([]);
    const instance = plainToInstance(cohortKindV1.inputDto, { recruitmentClosesAt: '2022-09-16T18:00:00+02:00' }) as {
      recruitmentClosesAt: string;
    };
    expect(instance.recruitmentClosesAt).toBe('2022-09-16T16:00:00.000Z');
  });

  it('refuses malformed terms, down to the nested plan', async () => {
    const plan = COHORT_001_GROUP_1.plan!;
    const errors = await errorsOf(cohortKindV1.inputDto, {
      size: { min: 10.5, max: 12 },
      recruitmentClosesAt: '2022-09-16 18:00',
      eligibility: { sex: 'W', olderThan: -1 },
      plan: { ...plan, thematic: { ...plan.thematic, themes: ['mobility', 'mobility'] } },
      sixMonthAnchor: 'middle',
      budget: 1,
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        'size.min:isInt',
        expect.stringMatching(/^recruitmentClosesAt:/),
        'eligibility.sex:isIn',
        'eligibility.olderThan:min',
        'plan.thematic.themes:arrayUnique',
        'sixMonthAnchor:isIn',
        'budget:whitelistValidation',
      ]),
    );
  });

  it('enrols a pseudonymous profile and refuses names, contact details and name-like refs', async () => {
    expect(await errorsOf(dtos.ENROLL, { participant })).toEqual([]);
    expect(await errorsOf(dtos.ENROLL, { participant: { ...participant, name: 'Jeanne Martin', email: 'j@example.org' } })).toEqual([
      'participant.name:whitelistValidation',
      'participant.email:whitelistValidation',
    ]);
    expect(await errorsOf(dtos.ENROLL, { participant: { ...participant, ref: 'Jeanne Martin' } })).toEqual(['participant.ref:matches']);
    expect(await errorsOf(dtos.ENROLL, { participant: { ...participant, birthYear: '1980' } })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^participant\.birthYear:.*isInt/)]),
    );
  });

  it('validates a session with its attendance', async () => {
    const good = { sessionType: 'thematic', theme: 'mobility', date: '2022-10-13', minutes: 120, attendees: ['G1-P01', 'G1-P02'] };
    expect(await errorsOf(dtos.RECORD_SESSION, good)).toEqual([]);
    expect(
      await errorsOf(dtos.RECORD_SESSION, { ...good, sessionType: 'party', date: '13/10/2022', attendees: ['G1-P01', 'G1-P01'] }),
    ).toEqual(expect.arrayContaining(['sessionType:isIn', expect.stringMatching(/^date:/), 'attendees:arrayUnique']));
    expect(await errorsOf(dtos.RECORD_SESSION, { ...good, attendees: [] })).toEqual(['attendees:arrayMinSize']);
  });

  it('validates outcomes, the manual close and event types without payload', async () => {
    expect(await errorsOf(dtos.RECORD_END_EVALUATION, { outcomes: [{ ref: 'G1-P01', outcome: 'job', skillsMapDone: true }] })).toEqual([]);
    expect(await errorsOf(dtos.RECORD_END_EVALUATION, { outcomes: [{ ref: 'G1-P01', outcome: 'holiday' }] })).toEqual(
      expect.arrayContaining(['outcomes.0.outcome:isIn', 'outcomes.0.skillsMapDone:isBoolean']),
    );
    expect(await errorsOf(dtos.RECORD_SIX_MONTH_EVALUATION, { outcomes: [{ ref: 'G1-P01', outcome: 'integrationPath' }] })).toEqual([]);
    expect(await errorsOf(dtos.CLOSE_RECRUITMENT, {})).toEqual([]);
    expect(await errorsOf(dtos.CLOSE_RECRUITMENT, { manual: true })).toEqual([]);
    expect(await errorsOf(dtos.CLOSE_RECRUITMENT, { manual: 'yes' })).toEqual(['manual:isBoolean']);
    expect(await errorsOf(dtos.CONFIRM_COHORT, {})).toEqual([]);
    expect(await errorsOf(dtos.CONFIRM_COHORT, { anything: 1 })).toEqual(['anything:whitelistValidation']);
    expect(await errorsOf(dtos.RECORD_POSITIONING, { ref: 'G1-P01', minutes: 0 })).toEqual(['minutes:min']);
    expect(await errorsOf(dtos.CANCEL, { reason: '' })).toEqual(['reason:minLength']);
  });
});
