/**
 * A condition keeping the rows of some organisations (`column` holds a record's organisation, or is
 * a record's id with `byInstance`): undefined organisations is no condition; none, no row.
 */
export function organisationCondition(
  column: string,
  organisations: readonly string[] | undefined,
  byInstance = false,
): { clause: string; params: string[] } | undefined {
  if (organisations === undefined) return undefined;
  if (organisations.length === 0) return { clause: '1 = 0', params: [] };
  const list = `organisation IN (${organisations.map(() => '?').join(', ')})`;
  const clause = byInstance
    ? `${column} IN (SELECT id FROM instances WHERE ${list})`
    : `${column} IN (${organisations.map(() => '?').join(', ')})`;
  return { clause, params: [...organisations] };
}
