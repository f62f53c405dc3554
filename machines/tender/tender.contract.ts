/**
 * tender@3: the contract after the attribution, and when its essential data (DECP) are to be published.
 * Pure: the calendar is passed in.
 */
import type { BusinessCalendar } from '../shared/calendar';
import type { ContractRecord, Organisation, PublicationRule, TenderContext } from './tender.types';

/** 40,000 EUR excl. VAT: from this amount the essential data are published within two months. */
export const TWO_MONTH_PUBLICATION_FROM_CENTS = 4_000_000;
/** 25,000 EUR excl. VAT: from this amount (and below 40,000 EUR) the contract goes on the yearly list. */
export const YEARLY_LIST_FROM_CENTS = 2_500_000;

/**
 * Which publication the amount calls for (the text, our reading of the code de la commande
 * publique; the seeds say nothing of it): two months after the notification from 40,000 EUR excl. VAT,
 * the yearly list from 25,000 EUR, none below.
 */
export function publicationRuleFor(amountExclVatCents: number): PublicationRule {
  if (amountExclVatCents >= TWO_MONTH_PUBLICATION_FROM_CENTS) return 'twoMonths';
  if (amountExclVatCents >= YEARLY_LIST_FROM_CENTS) return 'yearlyList';
  return 'none';
}

/**
 * The instant by which the publication is due, for a notification on `notifiedOn` (YYYY-MM-DD), or
 * undefined when none is due. Both duties last the whole of their last day, in Europe/Paris:
 * - two months: the day two calendar months after the notification (31 December → 28 or 29 February),
 *   so due at the start of the next day;
 * - the yearly list: 31 March of the year after the notification, so due at the start of 1 April.
 */
export function publicationDueFor(calendar: BusinessCalendar, notifiedOn: string, rule: PublicationRule): string | undefined {
  if (rule === 'none') return undefined;
  if (rule === 'twoMonths') {
    const lastDay = calendar.addMonths(calendar.startOfBusinessDate(notifiedOn), 2);
    return calendar.addDuration(lastDay, 'P1D');
  }
  const nextYear = Number(notifiedOn.slice(0, 4)) + 1;
  return calendar.startOfBusinessDate(`${nextYear}-04-01`);
}

/** The holders of the awarded bid: its bidder, then its consortium partners. */
export function awardedHolders(context: TenderContext): Organisation[] {
  const awarded = context.bids.find((bid) => bid.id === context.awardedBidId);
  return awarded ? [awarded.bidder, ...awarded.consortium] : [];
}

/** The amount excl. VAT the contract stands at: the last amendment that set one, else the notified one. */
export function currentAmountExclVatCents(contract: ContractRecord): number {
  for (let index = contract.modifications.length - 1; index >= 0; index -= 1) {
    const amount = contract.modifications[index].amountExclVatCents;
    if (amount !== undefined) return amount;
  }
  return contract.amountExclVatCents;
}

/** The rejected bids whose bidder has not been informed yet. */
export function bidsAwaitingInformation(context: TenderContext): string[] {
  return context.bids.filter((bid) => bid.informationDue !== undefined).map((bid) => bid.id);
}

/** Whether a publication or an information is still owed (a closed tender@3 waits for them). */
export function dutiesOutstanding(context: TenderContext): string[] {
  const owed: string[] = [];
  if (context.contract?.publicationDue !== undefined) owed.push('the publication of the essential data');
  for (const modification of context.contract?.modifications ?? []) {
    if (modification.publicationDue !== undefined) owed.push(`the republication after modification ${modification.id}`);
  }
  for (const bidId of bidsAwaitingInformation(context)) owed.push(`informing the bidder of ${bidId}`);
  return owed;
}
