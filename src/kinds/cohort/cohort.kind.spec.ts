import type { TSchema } from '@sinclair/typebox';
import { errorsOf as schemaErrorsOf, validated } from '../../contract/validator';
import { COHORT_001_GROUP_1, COHORT_001_GROUP_2, eligibleParticipants } from '../../../machines/coaching-cohort/coaching-cohort.examples';
import { cohortRules } from '../../../machines/coaching-cohort/coaching-cohort.rules';
import { cohortKindV1 } from './cohort.kind';

/** What the engine's validation finds wrong, as `field:keyword,…` (keywords of JSON Schema). */
function errorsOf(schema: TSchema, payload: unknown): string[] {
  return schemaErrorsOf(schema, payload).map((error) => `${error.field}:${[...error.keywords].sort().join(',')}`);
}

const schemas = cohortKindV1.eventSchemas;
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
    expect(Object.keys(schemas).sort()).toEqual([...accepted].sort());
  });

  it("accepts 001's two groups as inputs, and normalises instants to UTC", () => {
    expect(errorsOf(cohortKindV1.inputSchema, COHORT_001_GROUP_1)).toEqual([]);
    expect(errorsOf(cohortKindV1.inputSchema, COHORT_001_GROUP_2)).toEqual([]);
    const instance = validated(cohortKindV1.inputSchema, { recruitmentClosesAt: '2022-09-16T18:00:00+02:00' }, 'input') as {
      recruitmentClosesAt: string;
    };
    expect(instance.recruitmentClosesAt).toBe('2022-09-16T16:00:00.000Z');
  });

  it('refuses malformed terms, down to the nested plan', () => {
    const plan = COHORT_001_GROUP_1.plan!;
    const errors = errorsOf(cohortKindV1.inputSchema, {
      size: { min: 10.5, max: 12 },
      recruitmentClosesAt: '2022-09-16 18:00',
      eligibility: { sex: 'W', olderThan: -1 },
      plan: { ...plan, thematic: { ...plan.thematic, themes: ['mobility', 'mobility'] } },
      sixMonthAnchor: 'middle',
      budget: 1,
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        'size.min:type',
        expect.stringMatching(/^recruitmentClosesAt:/),
        'eligibility.sex:enum',
        'eligibility.olderThan:minimum',
        'plan.thematic.themes:uniqueItems',
        'sixMonthAnchor:enum',
        'budget:additionalProperties',
      ]),
    );
  });

  it('enrols a pseudonymous profile and refuses names, contact details and name-like refs', () => {
    expect(errorsOf(schemas.ENROLL, { participant })).toEqual([]);
    expect(errorsOf(schemas.ENROLL, { participant: { ...participant, name: 'Jeanne Martin', email: 'j@example.org' } })).toEqual([
      'participant.name:additionalProperties',
      'participant.email:additionalProperties',
    ]);
    expect(errorsOf(schemas.ENROLL, { participant: { ...participant, ref: 'Jeanne Martin' } })).toEqual(['participant.ref:pattern']);
    expect(errorsOf(schemas.ENROLL, { participant: { ...participant, birthYear: '1980' } })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^participant\.birthYear:type/)]),
    );
  });

  it('validates a session with its attendance', () => {
    const good = { sessionType: 'thematic', theme: 'mobility', date: '2022-10-13', minutes: 120, attendees: ['G1-P01', 'G1-P02'] };
    expect(errorsOf(schemas.RECORD_SESSION, good)).toEqual([]);
    expect(
      errorsOf(schemas.RECORD_SESSION, { ...good, sessionType: 'party', date: '13/10/2022', attendees: ['G1-P01', 'G1-P01'] }),
    ).toEqual(expect.arrayContaining(['sessionType:enum', expect.stringMatching(/^date:/), 'attendees:uniqueItems']));
    expect(errorsOf(schemas.RECORD_SESSION, { ...good, attendees: [] })).toEqual(['attendees:minItems']);
  });

  it('validates outcomes, the manual close and event types without payload', () => {
    expect(errorsOf(schemas.RECORD_END_EVALUATION, { outcomes: [{ ref: 'G1-P01', outcome: 'job', skillsMapDone: true }] })).toEqual([]);
    expect(errorsOf(schemas.RECORD_END_EVALUATION, { outcomes: [{ ref: 'G1-P01', outcome: 'holiday' }] })).toEqual(
      expect.arrayContaining(['outcomes.0.outcome:enum', 'outcomes.0.skillsMapDone:required']),
    );
    expect(errorsOf(schemas.RECORD_SIX_MONTH_EVALUATION, { outcomes: [{ ref: 'G1-P01', outcome: 'integrationPath' }] })).toEqual([]);
    expect(errorsOf(schemas.CLOSE_RECRUITMENT, {})).toEqual([]);
    expect(errorsOf(schemas.CLOSE_RECRUITMENT, { manual: true })).toEqual([]);
    expect(errorsOf(schemas.CLOSE_RECRUITMENT, { manual: 'yes' })).toEqual(['manual:type']);
    expect(errorsOf(schemas.CONFIRM_COHORT, {})).toEqual([]);
    expect(errorsOf(schemas.CONFIRM_COHORT, { anything: 1 })).toEqual(['anything:additionalProperties']);
    expect(errorsOf(schemas.RECORD_POSITIONING, { ref: 'G1-P01', minutes: 0 })).toEqual(['minutes:minimum']);
    expect(errorsOf(schemas.CANCEL, { reason: '' })).toEqual(['reason:minLength']);
  });
});
