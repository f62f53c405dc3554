/**
 * What the records list shows and searches of a record, derived from its machine context: its label
 * (a tender's or a convention's title, a cohort's group) and the names of its parties (a tender's
 * buyer, a convention's signatory organisations; a cohort's context names no operator or coach, so
 * it has none). Pure: the engine stores the result in the instances table with every event, and the
 * migration that added the columns filled them for existing rows with the same functions.
 */
export interface Listing {
  label: string | null;
  parties: string[];
}

/** The list's columns: the label as shown, and the label and parties folded for substring search. */
export interface ListingColumns {
  label: string | null;
  searchLabel: string;
  searchParties: string;
}

type Context = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

function tenderListing(context: Context): Listing {
  const buyer = text(context.buyer);
  return { label: text(context.title) ?? null, parties: buyer ? [buyer] : [] };
}

function conventionListing(context: Context): Listing {
  const terms = (context.terms ?? {}) as Context;
  const parties = Array.isArray(context.parties) ? (context.parties as Context[]) : [];
  return {
    label: text(terms.title) ?? null,
    parties: parties.map((party) => text(party?.organisation)).filter((name): name is string => name !== undefined),
  };
}

function cohortListing(context: Context): Listing {
  return { label: text(context.group) ?? null, parties: [] };
}

/** A kind this module does not know: the first of a title, a name or a group, and no parties. */
function genericListing(context: Context): Listing {
  return { label: text(context.title) ?? text(context.name) ?? text(context.group) ?? null, parties: [] };
}

const LISTINGS: Record<string, (context: Context) => Listing> = {
  tender: tenderListing,
  convention: conventionListing,
  cohort: cohortListing,
};

export function listingOf(kind: string, context: unknown): Listing {
  const object = context !== null && typeof context === 'object' ? (context as Context) : {};
  return (LISTINGS[kind] ?? genericListing)(object);
}

/**
 * Text as the search compares it: without case or accents, one kind of apostrophe, spaces collapsed
 * ("Châteauroux" matches "chateauroux", "Creativ’" matches "creativ'").
 */
export function searchKey(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Parties are kept one per line: a searched text (which holds no line feed) never spans two names. */
export function listingColumnsOf(kind: string, context: unknown): ListingColumns {
  const { label, parties } = listingOf(kind, context);
  return {
    label,
    searchLabel: label === null ? '' : searchKey(label),
    searchParties: parties.map(searchKey).join('\n'),
  };
}
