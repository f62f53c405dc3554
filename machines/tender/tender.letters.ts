/**
 * tender@3: the letter that tells a rejected bidder why its offer was not retained, in French, from the
 * ranking of tender.scoring.ts. Pure: the notifications send it; the machine records the reason given.
 */
import { rankBids, type RankedBid } from './tender.scoring';
import type { Bid, TenderContext } from './tender.types';

/** Why a bid was rejected, as the letter states it and INFORM_BIDDER records it. */
export interface RejectionReason {
  /** One French sentence. */
  reason: string;
  /** The bid's rank among the ranked (admissible) bids, when it was ranked. */
  rank?: number;
  rankedBids?: number;
}

/** 90.92 → "90,92"; 82 → "82". */
export function frenchNumber(value: number): string {
  const [whole, decimals] = (Math.round(value * 100) / 100).toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return decimals === '00' ? grouped : `${grouped},${decimals.replace(/0$/, '')}`;
}

/** 3600000 cents → "36 000,00 €". */
export function frenchEuros(cents: number): string {
  const euros = Math.floor(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `${euros},${String(cents % 100).padStart(2, '0')} €`;
}

/** 1 → "1re", 2 → "2e" (an offer, feminine). */
function ordinal(rank: number): string {
  return rank === 1 ? '1re' : `${rank}e`;
}

/** The inadmissibility of a bid, in French, from the tender's own terms (the recorded reasons are English). */
function inadmissibilityInFrench(context: TenderContext, bid: Bid): string[] {
  const reasons: string[] = [];
  if (context.budgetCapCents !== undefined && bid.priceInclVatCents > context.budgetCapCents) {
    reasons.push(
      `son prix de ${frenchEuros(bid.priceInclVatCents)} TTC dépasse le budget maximum de ${frenchEuros(context.budgetCapCents)} TTC`,
    );
  }
  const missing = (context.requiredDocuments ?? []).filter((name) => !bid.documents[name]?.trim());
  if (missing.length > 0) reasons.push(`il y manque ${missing.length > 1 ? 'les pièces' : 'la pièce'} : ${missing.join(', ')}`);
  return reasons.length > 0 ? reasons : bid.inadmissibleReasons;
}

function rankingOf(context: TenderContext): { ranking: RankedBid[]; awarded?: RankedBid } {
  const ranking = rankBids(context);
  return { ranking, awarded: ranking.find((entry) => entry.bidId === context.awardedBidId) };
}

/** The reason a rejected bid is given: its rank and total against the awarded offer's, or why it was not ranked. */
export function rejectionReason(context: TenderContext, bidId: string): RejectionReason {
  const bid = context.bids.find((candidate) => candidate.id === bidId);
  if (!bid) return { reason: `Aucune offre ${bidId}.` };
  if (!bid.admissible) {
    return { reason: `Votre offre n'a pas pu être classée : ${inadmissibilityInFrench(context, bid).join(' ; ')}.` };
  }
  const { ranking, awarded } = rankingOf(context);
  const entry = ranking.find((ranked) => ranked.bidId === bidId);
  if (!entry) return { reason: "Votre offre n'a pas été retenue." };
  const against = awarded ? ` contre ${frenchNumber(awarded.total)} pour l'offre retenue` : '';
  return {
    reason:
      `Votre offre n'est pas l'offre la plus avantageuse au regard des critères d'attribution : ` +
      `classée ${ordinal(entry.rank)} sur ${ranking.length}, elle obtient ${frenchNumber(entry.total)} points sur 100${against}.`,
    rank: entry.rank,
    rankedBids: ranking.length,
  };
}

/**
 * The letter to the bidder of a rejected bid: the tender, the bidder, its rank out of N, its points per
 * criterion and in total, the awarded bidder and its total, the reason. Undefined for a bid that is not
 * rejected (the awarded one, a withdrawn one, before the attribution).
 */
export function rejectionLetter(context: TenderContext, bidId: string): string | undefined {
  const bid = context.bids.find((candidate) => candidate.id === bidId);
  if (!bid || bid.outcome !== 'rejected' || bid.withdrawnAt !== undefined) return undefined;
  const { ranking, awarded } = rankingOf(context);
  const entry = ranking.find((ranked) => ranked.bidId === bidId);
  const awardedBid = context.bids.find((candidate) => candidate.id === context.awardedBidId);
  const lines: string[] = [];
  lines.push(`Objet : ${context.title ?? 'consultation'} — information des candidats non retenus`);
  lines.push('');
  lines.push(
    `À l'attention de ${bid.bidder.name}${bid.consortium.length > 0 ? ` (groupement avec ${bid.consortium.map((o) => o.name).join(', ')})` : ''},`,
  );
  lines.push('');
  lines.push(
    `Vous avez répondu à la consultation « ${context.title ?? ''} » lancée par ${context.buyer ?? "l'acheteur"}. ` +
      `Nous avons le regret de vous informer que votre offre (${bid.id}) n'a pas été retenue.`,
  );
  lines.push('');
  if (entry) {
    lines.push(`Votre offre est classée ${ordinal(entry.rank)} sur ${ranking.length} offres classées. Ses notes :`);
    for (const criterion of context.criteria ?? []) {
      lines.push(`- ${criterion.label} : ${frenchNumber(entry.points[criterion.id] ?? 0)} points sur ${criterion.weight}`);
    }
    lines.push(`- Total : ${frenchNumber(entry.total)} points sur 100`);
    lines.push('');
  }
  if (awarded && awardedBid) {
    lines.push(`L'offre retenue est celle de ${awardedBid.bidder.name}, avec ${frenchNumber(awarded.total)} points sur 100.`);
  }
  lines.push(`Motif : ${rejectionReason(context, bidId).reason}`);
  lines.push('');
  lines.push(`${context.buyer ?? "L'acheteur"}`);
  return lines.join('\n');
}

/** The letters of every rejected bid, by bid id (the summary of a tender@3). */
export function rejectionLetters(context: TenderContext): Record<string, string> {
  const letters: Record<string, string> = {};
  for (const bid of context.bids) {
    const letter = rejectionLetter(context, bid.id);
    if (letter !== undefined) letters[bid.id] = letter;
  }
  return letters;
}
