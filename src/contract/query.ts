/** No list is ever this long; a bound well inside what both databases take as LIMIT and OFFSET. */
export const MAX_QUERY_OFFSET = 2_147_483_647;
