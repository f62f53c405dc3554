import { ageInYearOf, normaliseName } from '../../machines/coaching-cohort/coaching-cohort.rules';
import { OUTCOMES, type CohortContext, type Outcome } from '../../machines/coaching-cohort/coaching-cohort.types';
import type { ConventionContext } from '../../machines/convention/convention.types';
import { SPINE_STAGES, type SpineStage } from '../../machines/shared/spine';
import type { TenderContext } from '../../machines/tender/tender.types';

/**
 * Programme indicators (docs/indicators.md): pure counts over instances, from seed 002's realisation
 * indicators ("nombre d'actions mises en place et thèmes abordés", "nombre de projets soutenus") and
 * seed 004 art. 6 ("statistiques sexuées"): every count about people is given for F, M and in total.
 */

/** One record as the indicators see it: its current state and context, and when it was created (business time). */
export interface IndicatorInstance {
  id?: string;
  kind: string;
  stage: string;
  state: string;
  context: unknown;
  /** The `at` of the instance's CREATE event (ISO 8601, UTC): the business instant it was created. */
  createdAt: string;
  parentId?: string | null;
}

export interface IndicatorOptions {
  /** Count instances created at or after this instant (inclusive). */
  from?: string;
  /** Count instances created at or before this instant (inclusive). */
  to?: string;
  /** Only this kind. */
  kind?: string;
  /** Kinds listed (with 0) even when none is counted. */
  kinds?: readonly string[];
}

export const DEFAULT_KINDS = ['tender', 'convention', 'cohort'] as const;

/** A count about people, by sex (004 art. 6) and in total. */
export interface SexCount {
  F: number;
  M: number;
  total: number;
}

export const AGE_BANDS = ['0-29', '30-39', '40-49', '50+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const NOT_YET_RECORDED = 'notYetRecorded';
export type OutcomeOrPending = Outcome | typeof NOT_YET_RECORDED;
export const OUTCOME_CATEGORIES: readonly OutcomeOrPending[] = [...OUTCOMES, NOT_YET_RECORDED];

export const UNSPECIFIED_THEME = 'unspecified';

export interface DutyCount {
  total: number;
  byDuty: Record<string, number>;
}

export interface ProgrammeIndicators {
  period: { from: string | null; to: string | null };
  kind: string | null;
  instances: {
    total: number;
    byKind: Record<string, number>;
    byStage: Record<SpineStage, number>;
    byTheme: Record<string, number>;
  };
  /** 002: "nombre d'actions mises en place et thèmes abordés". */
  actionsSetUp: {
    total: number;
    byKind: Record<string, number>;
    byTheme: Record<string, number>;
  };
  /** 002: "nombre de projets soutenus"; 004 art. 8: "tableau de bord commun des projets soutenus". */
  projectsSupported: {
    total: number;
    /** Distinct structures that received intervention days, per tender, summed over tenders. */
    tenderStructures: number;
    /** Conventions in force, or ended after being in force. */
    conventions: number;
    /** Cohorts confirmed (and not cancelled). */
    cohorts: number;
  };
  /** People in cohorts (not cancelled), every count by sex (004 art. 6). */
  participants: {
    /** Enrolled and not withdrawn: the base of every other participant count. */
    enrolled: SexCount;
    withdrawn: SexCount;
    byAgeBand: Record<AgeBand, SexCount>;
    byNeighbourhood: Record<string, SexCount>;
    outcomesAtEnd: Record<OutcomeOrPending, SexCount>;
    outcomesAtSixMonths: Record<OutcomeOrPending, SexCount>;
  };
  /** Convention duties (committees, reports) that fell due without being recorded. */
  overdueDuties: DutyCount;
  /** Convention duties recorded after they had fallen due. */
  dutiesDoneLate: DutyCount;
  /** Tenders attributed after their decision date (tender@3 marks them; 001 IX). */
  lateAttributions: number;
}

/** Final states that are side exits: the record never reached (or never will reach) delivery. */
const SIDE_EXITS = new Set(['cancelled', 'unsuccessful', 'withdrawn']);
/** Stages at or after delivery on the common spine. */
const DELIVERING_OR_BEYOND = new Set<string>(['delivering', 'evaluatedAtEnd', 'evaluatedAtSixMonths', 'closed']);

function topState(state: string): string {
  return state.split(/[.,]/)[0];
}

/**
 * 002 "actions mises en place": the record reached the delivering stage or beyond (a tender's contract
 * runs, a convention is in force, a cohort's sessions started) and did not leave by a side exit.
 */
export function isSetUp(instance: Pick<IndicatorInstance, 'stage' | 'state'>): boolean {
  return DELIVERING_OR_BEYOND.has(instance.stage) && !SIDE_EXITS.has(topState(instance.state));
}

export function themeOf(context: unknown): string {
  const record = (context ?? {}) as { theme?: unknown; terms?: { theme?: unknown } };
  const theme = typeof record.theme === 'string' ? record.theme : typeof record.terms?.theme === 'string' ? record.terms.theme : undefined;
  const trimmed = theme?.trim();
  return trimmed ? trimmed : UNSPECIFIED_THEME;
}

/** The age band of a participant from her birth year and the Paris calendar year of her enrolment (as the eligibility rule counts). */
export function ageBandOf(birthYear: number, enrolledAt: string): AgeBand {
  const age = ageInYearOf(birthYear, enrolledAt);
  if (age < 30) return '0-29';
  if (age < 40) return '30-39';
  if (age < 50) return '40-49';
  return '50+';
}

function instantOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The period and kind filter: the CREATE event's `at` within [from, to], both inclusive and optional. */
export function inScope(instance: Pick<IndicatorInstance, 'kind' | 'createdAt'>, options: IndicatorOptions): boolean {
  if (options.kind !== undefined && instance.kind !== options.kind) return false;
  const created = Date.parse(instance.createdAt);
  const from = instantOf(options.from);
  const to = instantOf(options.to);
  if (from !== undefined && !(created >= from)) return false;
  if (to !== undefined && !(created <= to)) return false;
  return true;
}

const sexCount = (): SexCount => ({ F: 0, M: 0, total: 0 });

function addPerson(count: SexCount, sex: unknown): void {
  if (sex === 'F') count.F += 1;
  else if (sex === 'M') count.M += 1;
  count.total += 1;
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

function sexCounts<K extends string>(keys: readonly K[]): Record<K, SexCount> {
  return Object.fromEntries(keys.map((key) => [key, sexCount()])) as Record<K, SexCount>;
}

function increment(record: Record<string, number>, key: string, by = 1): void {
  record[key] = (record[key] ?? 0) + by;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

/** The same record with its keys in a stable, readable order. */
function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)));
}

/** Groups names that differ only by case, accents or apostrophe style; the first spelling met is the label. */
class NameLabels {
  private readonly labels = new Map<string, string>();
  label(name: string): string {
    const key = normaliseName(name);
    const existing = this.labels.get(key);
    if (existing !== undefined) return existing;
    const label = name.trim().replace(/\s+/g, ' ');
    this.labels.set(key, label);
    return label;
  }
}

/** The programme indicators over the instances in scope (see docs/indicators.md for every definition). */
export function computeIndicators(all: readonly IndicatorInstance[], options: IndicatorOptions = {}): ProgrammeIndicators {
  const instances = all.filter((instance) => inScope(instance, options));
  const kinds = [...new Set([...(options.kinds ?? DEFAULT_KINDS), ...instances.map((instance) => instance.kind)])];

  const result: ProgrammeIndicators = {
    period: { from: options.from ?? null, to: options.to ?? null },
    kind: options.kind ?? null,
    instances: { total: instances.length, byKind: zeroes(kinds), byStage: zeroes(SPINE_STAGES), byTheme: {} },
    actionsSetUp: { total: 0, byKind: zeroes(kinds), byTheme: {} },
    projectsSupported: { total: 0, tenderStructures: 0, conventions: 0, cohorts: 0 },
    participants: {
      enrolled: sexCount(),
      withdrawn: sexCount(),
      byAgeBand: sexCounts(AGE_BANDS),
      byNeighbourhood: {},
      outcomesAtEnd: sexCounts(OUTCOME_CATEGORIES),
      outcomesAtSixMonths: sexCounts(OUTCOME_CATEGORIES),
    },
    overdueDuties: { total: 0, byDuty: {} },
    dutiesDoneLate: { total: 0, byDuty: {} },
    lateAttributions: 0,
  };
  const neighbourhoods = new NameLabels();
  const structures = new NameLabels();

  for (const instance of instances) {
    const theme = themeOf(instance.context);
    increment(result.instances.byKind, instance.kind);
    increment(result.instances.byStage, instance.stage);
    increment(result.instances.byTheme, theme);
    const setUp = isSetUp(instance);
    if (setUp) {
      result.actionsSetUp.total += 1;
      increment(result.actionsSetUp.byKind, instance.kind);
      increment(result.actionsSetUp.byTheme, theme);
    }

    if (instance.kind === 'tender' && setUp) {
      const interventions = (instance.context as Partial<TenderContext>).interventions ?? [];
      const distinct = new Set(interventions.filter((item) => item.days > 0).map((item) => structures.label(item.structure)));
      result.projectsSupported.tenderStructures += distinct.size;
    }
    if (instance.kind === 'tender' && (instance.context as Partial<TenderContext>).attributionLate) result.lateAttributions += 1;
    if (instance.kind === 'convention') {
      const context = instance.context as Partial<ConventionContext>;
      if (setUp) result.projectsSupported.conventions += 1;
      for (const occurrence of context.dutyOccurrences ?? []) {
        if (occurrence.status === 'overdue') {
          result.overdueDuties.total += 1;
          increment(result.overdueDuties.byDuty, occurrence.dutyId);
        } else if (occurrence.status === 'doneLate') {
          result.dutiesDoneLate.total += 1;
          increment(result.dutiesDoneLate.byDuty, occurrence.dutyId);
        }
      }
    }
    if (instance.kind === 'cohort' && topState(instance.state) !== 'cancelled') {
      const context = instance.context as Partial<CohortContext>;
      if (context.confirmedAt !== undefined) result.projectsSupported.cohorts += 1;
      const atEnd = new Map((context.endEvaluation?.outcomes ?? []).map((entry) => [entry.ref, entry.outcome]));
      const atSixMonths = new Map((context.sixMonthEvaluation?.outcomes ?? []).map((entry) => [entry.ref, entry.outcome]));
      for (const participant of context.participants ?? []) {
        if (participant.withdrawnAt !== undefined) {
          addPerson(result.participants.withdrawn, participant.sex);
          continue;
        }
        addPerson(result.participants.enrolled, participant.sex);
        addPerson(
          result.participants.byAgeBand[ageBandOf(participant.birthYear, participant.enrolledAt ?? instance.createdAt)],
          participant.sex,
        );
        const place = neighbourhoods.label(participant.neighbourhood);
        addPerson((result.participants.byNeighbourhood[place] ??= sexCount()), participant.sex);
        addPerson(result.participants.outcomesAtEnd[atEnd.get(participant.ref) ?? NOT_YET_RECORDED], participant.sex);
        addPerson(result.participants.outcomesAtSixMonths[atSixMonths.get(participant.ref) ?? NOT_YET_RECORDED], participant.sex);
      }
    }
  }

  const projects = result.projectsSupported;
  projects.total = projects.tenderStructures + projects.conventions + projects.cohorts;
  result.instances.byTheme = sortedByKey(result.instances.byTheme);
  result.actionsSetUp.byTheme = sortedByKey(result.actionsSetUp.byTheme);
  result.participants.byNeighbourhood = sortedByKey(result.participants.byNeighbourhood);
  result.overdueDuties.byDuty = sortedByKey(result.overdueDuties.byDuty);
  result.dutiesDoneLate.byDuty = sortedByKey(result.dutiesDoneLate.byDuty);
  return result;
}

// ---------------------------------------------------------------------------------------------------
// CSV (RFC 4180): one row per (indicator, breakdown, category, sex)

export const CSV_HEADER = ['indicator', 'breakdown', 'category', 'sex', 'value'] as const;
const SEXES = ['F', 'M', 'total'] as const;

type Row = [indicator: string, breakdown: string, category: string, sex: string, value: number];

/** A CSV field: quoted when it holds a comma, a quote or a line break; a leading = + - @ is defused for spreadsheets. */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function countRows(indicator: string, total: number, breakdowns: Record<string, Record<string, number>>): Row[] {
  const rows: Row[] = [[indicator, 'all', 'all', 'total', total]];
  for (const [breakdown, counts] of Object.entries(breakdowns)) {
    for (const [category, value] of Object.entries(counts)) rows.push([indicator, breakdown, category, 'total', value]);
  }
  return rows;
}

function peopleRows(indicator: string, breakdown: string, counts: Record<string, SexCount>): Row[] {
  return Object.entries(counts).flatMap(([category, count]) => SEXES.map((sex): Row => [indicator, breakdown, category, sex, count[sex]]));
}

/** The rows of the CSV form, in the order of the JSON form. */
export function indicatorRows(indicators: ProgrammeIndicators): Row[] {
  const { instances, actionsSetUp, projectsSupported, participants, overdueDuties, dutiesDoneLate } = indicators;
  return [
    ...countRows('instances', instances.total, { kind: instances.byKind, stage: instances.byStage, theme: instances.byTheme }),
    ...countRows('actionsSetUp', actionsSetUp.total, { kind: actionsSetUp.byKind, theme: actionsSetUp.byTheme }),
    ...countRows('projectsSupported', projectsSupported.total, {
      source: {
        tenderStructures: projectsSupported.tenderStructures,
        conventions: projectsSupported.conventions,
        cohorts: projectsSupported.cohorts,
      },
    }),
    ...peopleRows('participantsEnrolled', 'all', { all: participants.enrolled }),
    ...peopleRows('participantsEnrolled', 'ageBand', participants.byAgeBand),
    ...peopleRows('participantsEnrolled', 'neighbourhood', participants.byNeighbourhood),
    ...peopleRows('participantsWithdrawn', 'all', { all: participants.withdrawn }),
    ...peopleRows('participantsOutcomeAtEnd', 'outcome', participants.outcomesAtEnd),
    ...peopleRows('participantsOutcomeAtSixMonths', 'outcome', participants.outcomesAtSixMonths),
    ...countRows('overdueDuties', overdueDuties.total, { duty: overdueDuties.byDuty }),
    ...countRows('dutiesDoneLate', dutiesDoneLate.total, { duty: dutiesDoneLate.byDuty }),
    ['lateAttributions', 'all', 'all', 'total', indicators.lateAttributions],
  ];
}

/** The CSV form: a header line, then one line per row, CRLF-terminated (RFC 4180). */
export function indicatorsToCsv(indicators: ProgrammeIndicators): string {
  return [CSV_HEADER as readonly string[], ...indicatorRows(indicators)].map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

/**
 * Content negotiation: CSV when the Accept header asks for text/csv with a higher preference than
 * application/json (named explicitly); JSON otherwise (also with no Accept header, or on a tie).
 */
export function prefersCsv(accept: string | string[] | undefined): boolean {
  const header = Array.isArray(accept) ? accept.join(',') : accept;
  if (!header) return false;
  const quality = (type: string): number => {
    let best = 0;
    for (const range of header.split(',')) {
      const [media, ...params] = range.split(';').map((part) => part.trim().toLowerCase());
      if (media !== type) continue;
      const q = params.find((param) => param.startsWith('q='));
      const value = q === undefined ? 1 : Number(q.slice(2));
      if (Number.isFinite(value)) best = Math.max(best, value);
    }
    return best;
  };
  const csv = quality('text/csv');
  return csv > 0 && csv > quality('application/json');
}
