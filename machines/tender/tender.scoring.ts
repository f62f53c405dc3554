import type { Bid, TenderContext } from './tender.types';

export interface RankedBid {
  rank: number;
  bidId: string;
  bidder: string;
  priceInclVatCents: number;
  /** Points per criterion id, out of that criterion's weight. */
  points: Record<string, number>;
  total: number;
  /** False while a non-price criterion has no score yet. */
  fullyScored: boolean;
}

export function activeBids(context: TenderContext): Bid[] {
  return context.bids.filter((bid) => bid.withdrawnAt === undefined);
}

export function admissibleBids(context: TenderContext): Bid[] {
  return activeBids(context).filter((bid) => bid.admissible);
}

export function qualityCriteria(context: TenderContext) {
  return (context.criteria ?? []).filter((criterion) => criterion.kind === 'quality');
}

export function isFullyScored(context: TenderContext, bid: Bid): boolean {
  return qualityCriteria(context).every((criterion) => bid.scores[criterion.id] !== undefined);
}

/**
 * The weighted ranking of admissible bids (001: technical value 60, price 40). A quality criterion
 * gives weight × score / 100; the price criterion gives weight × lowest admissible price / offer
 * price (prices incl. VAT). Equal totals share a rank; order among them follows submission.
 */
export function rankBids(context: TenderContext): RankedBid[] {
  const bids = admissibleBids(context);
  if (bids.length === 0) return [];
  const lowestPrice = Math.min(...bids.map((bid) => bid.priceInclVatCents));
  const scored = bids.map((bid) => {
    const points: Record<string, number> = {};
    for (const criterion of context.criteria ?? []) {
      if (criterion.kind === 'price') {
        points[criterion.id] = round2((criterion.weight * lowestPrice) / bid.priceInclVatCents);
      } else {
        points[criterion.id] = round2((criterion.weight * (bid.scores[criterion.id] ?? 0)) / 100);
      }
    }
    const total = round2(Object.values(points).reduce((sum, value) => sum + value, 0));
    return {
      bidId: bid.id,
      bidder: bid.bidder.name,
      priceInclVatCents: bid.priceInclVatCents,
      points,
      total,
      fullyScored: isFullyScored(context, bid),
    };
  });
  const ordered = [...scored].sort((a, b) => b.total - a.total);
  return ordered.map((entry) => ({
    rank: 1 + ordered.filter((other) => other.total > entry.total).length,
    ...entry,
  }));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
