const fieldSets = new WeakMap<readonly PropertyKey[], ReadonlySet<PropertyKey>>();

/**
 * The terms named in `source`, among `fields`: an input or an UPDATE_DRAFT event names only some of a
 * kind's terms, and nothing outside the kind's list (bids, signatures, participants...) can be set this
 * way. Fields left undefined are left out, so that an update never erases a term by omission. The
 * result keeps the fields in the order `source` gives them (what tender@1 always stored). It walks the
 * few fields an event names rather than every field of the list: it runs on every draft update.
 */
export function pickTerms<TTerms extends object>(source: Partial<TTerms> | undefined, fields: readonly (keyof TTerms)[]): TTerms {
  const terms: Partial<TTerms> = {};
  if (source === undefined) return terms as TTerms;
  let allowed = fieldSets.get(fields);
  if (!allowed) fieldSets.set(fields, (allowed = new Set(fields)));
  for (const field of Object.keys(source) as (keyof TTerms)[]) {
    if (allowed.has(field) && source[field] !== undefined) terms[field] = source[field];
  }
  return terms as TTerms;
}
