/**
 * What a benchmark module returns, and how the runner prints and stores it.
 *
 * A benchmark module is a file `bench/<name>.bench.ts` exporting an async function named
 * `run<Name>Benchmark(context?)` that returns one `BenchmarkRow`, an array of them, or
 * `{ rows: BenchmarkRow[], notes?: string[] }`. Every figure is measured against a baseline taken in
 * the same run on the same machine: `ratio` is `value / baseline.value`.
 */

export interface Baseline {
  /** What the baseline is, e.g. "better-sqlite3, 1 INSERT per transaction". */
  label: string;
  value: number;
  unit: string;
}

export interface Target {
  /** What is compared: the ratio (default) or the value itself. */
  on?: 'ratio' | 'value';
  /** '>=' (at least), '<=' (at most), '<' (below). */
  op: '>=' | '<=' | '<';
  limit: number;
}

export interface BenchmarkRow {
  /** The group: engine, http, deadlines, replay, scale… */
  benchmark: string;
  /** What was measured, e.g. "apply, sequential". */
  measure: string;
  value: number;
  unit: string;
  baseline?: Baseline;
  /** value / baseline.value (computed by `row()` when there is a baseline), or the median of `pairedRatios`. */
  ratio?: number;
  /**
   * Ratios of rounds measured back to back (the figure, then its baseline, or the reverse): on a
   * machine whose speed drifts, their median is steadier than the ratio of two totals.
   */
  pairedRatios?: number[];
  target?: Target;
  /** Whether the target is met (computed by `row()`). */
  met?: boolean;
  notes?: string[];
  /** Further figures (counts, latencies, durations) kept in the JSON file. */
  details?: Record<string, unknown>;
}

export interface BenchContext {
  /** Progress messages (stderr), prefixed with the benchmark's name. */
  log(message: string): void;
  /** A fresh temporary folder, removed at the end of the run. */
  tmpDir(prefix: string): string;
  /** The project root (where package.json is). */
  root: string;
}

export interface BenchmarkOutput {
  rows: BenchmarkRow[];
  notes?: string[];
}

/** Builds a row: computes the ratio against the baseline and whether the target is met. */
export function row(input: Omit<BenchmarkRow, 'ratio' | 'met'>): BenchmarkRow {
  const paired = input.pairedRatios?.filter(Number.isFinite) ?? [];
  const ratio =
    paired.length > 0 ? middle(paired) : input.baseline && input.baseline.value !== 0 ? input.value / input.baseline.value : undefined;
  let met: boolean | undefined;
  if (input.target) {
    const compared = (input.target.on ?? 'ratio') === 'ratio' ? ratio : input.value;
    if (compared !== undefined && Number.isFinite(compared)) {
      const { op, limit } = input.target;
      met = op === '>=' ? compared >= limit : op === '<=' ? compared <= limit : compared < limit;
    }
  }
  return { ...input, ...(ratio !== undefined ? { ratio } : {}), ...(met !== undefined ? { met } : {}) };
}

/** The median (the mean of the two middle values for an even count). */
export function middle(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

export function targetText(target: Target | undefined, unit: string): string {
  if (!target) return '';
  const on = target.on ?? 'ratio';
  return on === 'ratio' ? `ratio ${target.op} ${target.limit}` : `${target.op} ${formatNumber(target.limit)} ${unit}`;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en-GB');
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  if (abs === 0) return '0';
  return value.toPrecision(2);
}

function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined) return '';
  return ratio >= 100 ? ratio.toFixed(0) : ratio >= 10 ? ratio.toFixed(1) : ratio >= 0.01 ? ratio.toFixed(3) : ratio.toPrecision(2);
}

/** The rows as a table, in Markdown syntax so that it can be pasted into docs/performance.md. */
export function formatTable(rows: BenchmarkRow[]): string {
  const header = ['benchmark', 'measure', 'value', 'baseline (same run)', 'ratio', 'target', 'met'];
  const lines = rows.map((r) => [
    r.benchmark,
    r.measure,
    `${formatNumber(r.value)} ${r.unit}`,
    r.baseline ? `${formatNumber(r.baseline.value)} ${r.baseline.unit} (${r.baseline.label})` : '',
    formatRatio(r.ratio),
    targetText(r.target, r.unit),
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i].length)));
  const render = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [render(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...lines.map(render)].join('\n');
}

/**
 * Accepts what a module returned (a row, rows, `{rows, notes}`, or anything else) and makes rows of it,
 * so that a module written to a slightly different shape still shows up in the table.
 */
export function normaliseOutput(name: string, output: unknown): BenchmarkOutput {
  const isRow = (value: unknown): value is BenchmarkRow =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as BenchmarkRow).value === 'number' &&
    typeof (value as BenchmarkRow).measure === 'string';
  const fix = (value: BenchmarkRow): BenchmarkRow => {
    const fixed = { ...value, benchmark: value.benchmark ?? name, unit: value.unit ?? '' };
    return fixed.ratio === undefined && fixed.baseline ? row(fixed) : fixed;
  };
  if (Array.isArray(output) && output.every(isRow)) return { rows: output.map(fix) };
  if (isRow(output)) return { rows: [fix(output)] };
  if (
    typeof output === 'object' &&
    output !== null &&
    Array.isArray((output as BenchmarkOutput).rows) &&
    (output as BenchmarkOutput).rows.every(isRow)
  ) {
    const { rows, notes } = output as BenchmarkOutput;
    return { rows: rows.map(fix), notes: Array.isArray(notes) ? notes.map(String) : undefined };
  }
  // Unknown shape: keep it whole in the JSON, and show any numeric `ratio` in the table.
  const ratio = typeof output === 'object' && output !== null ? (output as { ratio?: unknown }).ratio : undefined;
  return {
    rows: [
      {
        benchmark: name,
        measure: 'result (unrecognised shape, see JSON)',
        value: typeof ratio === 'number' ? ratio : NaN,
        unit: typeof ratio === 'number' ? 'ratio' : '',
        details: { output },
      },
    ],
  };
}
