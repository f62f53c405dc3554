/**
 * The terms named in `source`, among `fields`: an input or an UPDATE_DRAFT event names only some of a
 * kind's terms, and nothing outside the kind's list (bids, signatures, participants...) can be set this
 * way. Fields left undefined are left out, so that an update never erases a term by omission. The
 * result lists the fields in the order of `fields`.
 */
export function pickTerms<TTerms extends object>(source: Partial<TTerms> | undefined, fields: readonly (keyof TTerms)[]): TTerms {
  const terms: Partial<TTerms> = {};
  if (source === undefined) return terms as TTerms;
  for (const field of fields) {
    if (source[field] !== undefined) terms[field] = source[field];
  }
  return terms as TTerms;
}
