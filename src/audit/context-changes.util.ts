/** One field of a record's context that an event changed: where, what it was, what it became. */
export interface ContextChange {
  /** The field, as a dotted path with array indexes: `bids.0.scores.technical`. */
  path: string;
  /** Absent when the field was added. */
  before?: unknown;
  /** Absent when the field was removed. */
  after?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Every leaf that differs between two JSON values, in key order: added and removed fields as
 * themselves (a new bid is one change holding the bid), changed leaves one by one. At most `limit`
 * changes are listed; `truncated` says there were more.
 */
export function contextChanges(before: unknown, after: unknown, limit = 100): { changes: ContextChange[]; truncated: boolean } {
  const changes: ContextChange[] = [];
  let truncated = false;
  const push = (change: ContextChange) => {
    if (changes.length < limit) changes.push(change);
    else truncated = true;
  };
  const visit = (left: unknown, right: unknown, path: string): void => {
    if (JSON.stringify(left) === JSON.stringify(right)) return;
    const bothArrays = Array.isArray(left) && Array.isArray(right);
    if ((isObject(left) && isObject(right)) || bothArrays) {
      const l = left as Record<string, unknown>;
      const r = right as Record<string, unknown>;
      const keys = bothArrays
        ? Array.from({ length: Math.max((left as unknown[]).length, (right as unknown[]).length) }, (_, index) => String(index))
        : [...new Set([...Object.keys(l), ...Object.keys(r)])].sort();
      for (const key of keys) {
        const child = path ? `${path}.${key}` : key;
        if (!(key in l)) push({ path: child, after: r[key] });
        else if (!(key in r)) push({ path: child, before: l[key] });
        else visit(l[key], r[key], child);
      }
      return;
    }
    push({ path: path || '(context)', before: left, after: right });
  };
  visit(before, after, '');
  return { changes, truncated };
}
