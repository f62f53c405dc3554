import { SEED_001_TENDER, documentsFor, organisation } from './tender.examples';
import { activeBids, admissibleBids, isFullyScored, qualityCriteria, rankBids } from './tender.scoring';
import type { AwardCriterion, Bid, TenderContext } from './tender.types';

let counter = 0;
function bid(priceInclVatCents: number, technical: number | undefined, overrides: Partial<Bid> = {}): Bid {
  counter += 1;
  return {
    id: `B${counter}`,
    bidder: organisation(`ORG${counter}`, `Bidder ${counter}`),
    consortium: [],
    priceExclVatCents: Math.round(priceInclVatCents / 1.2),
    priceInclVatCents,
    documents: documentsFor(),
    submittedAt: '2022-08-01T10:00:00+02:00',
    admissible: true,
    inadmissibleReasons: [],
    scores: technical === undefined ? {} : { technical },
    ...overrides,
  };
}

function tender(bids: Bid[], criteria?: AwardCriterion[]): TenderContext {
  return { ...SEED_001_TENDER, ...(criteria ? { criteria } : {}), bids, auditions: [], interventions: [] };
}

describe('tender scoring (001 IX: technical value 60, price 40)', () => {
  it('gives price points = weight × lowest admissible price / offer price, quality points = weight × score / 100', () => {
    const cheap = bid(3_000_000, 50);
    const dear = bid(4_000_000, 90);
    const ranking = rankBids(tender([cheap, dear]));

    const cheapRank = ranking.find((entry) => entry.bidId === cheap.id)!;
    const dearRank = ranking.find((entry) => entry.bidId === dear.id)!;
    // cheap: price 40 × 30,000 / 30,000 = 40; technical 60 × 50 / 100 = 30 → 70
    expect(cheapRank.points).toEqual({ technical: 30, price: 40 });
    expect(cheapRank.total).toBe(70);
    // dear: price 40 × 30,000 / 40,000 = 30; technical 60 × 90 / 100 = 54 → 84
    expect(dearRank.points).toEqual({ technical: 54, price: 30 });
    expect(dearRank.total).toBe(84);

    expect(ranking.map((entry) => [entry.rank, entry.bidId])).toEqual([
      [1, dear.id],
      [2, cheap.id],
    ]);
    expect(dearRank).toMatchObject({ bidder: dear.bidder.name, priceInclVatCents: 4_000_000, fullyScored: true });
  });

  it('rounds points to the cent of a point', () => {
    const low = bid(3_000_000, 33);
    const other = bid(3_700_000, 0);
    const ranking = rankBids(tender([low, other]));
    const otherRank = ranking.find((entry) => entry.bidId === other.id)!;
    // 40 × 30,000 / 37,000 = 32.4324… → 32.43; 60 × 33 / 100 = 19.8
    expect(otherRank.points.price).toBe(32.43);
    expect(ranking.find((entry) => entry.bidId === low.id)!.total).toBe(59.8);
  });

  it('gives equal totals the same rank, the next rank skipping, and keeps submission order among equals', () => {
    const first = bid(3_600_000, 80);
    const twin = bid(3_600_000, 80);
    const third = bid(3_600_000, 40);
    const ranking = rankBids(tender([third, first, twin]));
    expect(ranking.map((entry) => [entry.bidId, entry.rank])).toEqual([
      [first.id, 1],
      [twin.id, 1],
      [third.id, 3],
    ]);
  });

  it('excludes inadmissible and withdrawn bids, also from the lowest price', () => {
    const overCap = bid(1_000_000, 100, { admissible: false, inadmissibleReasons: ['missing documents: price'] });
    const withdrawn = bid(2_000_000, 100, { withdrawnAt: '2022-08-02T10:00:00+02:00' });
    const kept = bid(3_000_000, 50);
    const dearer = bid(3_750_000, 50);
    const context = tender([overCap, withdrawn, kept, dearer]);

    expect(activeBids(context).map((b) => b.id)).toEqual([overCap.id, kept.id, dearer.id]);
    expect(admissibleBids(context).map((b) => b.id)).toEqual([kept.id, dearer.id]);

    const ranking = rankBids(context);
    expect(ranking.map((entry) => entry.bidId)).toEqual([kept.id, dearer.id]);
    // the lowest admissible price is 30,000 EUR (not the inadmissible 10,000 nor the withdrawn 20,000)
    expect(ranking[0].points.price).toBe(40);
    expect(ranking[1].points.price).toBe(32);
  });

  it('ranks nothing when no bid is admissible', () => {
    expect(rankBids(tender([]))).toEqual([]);
    expect(rankBids(tender([bid(3_000_000, 50, { admissible: false })]))).toEqual([]);
  });

  it('counts a missing quality score as 0 and says the bid is not fully scored', () => {
    const unscored = bid(3_000_000, undefined);
    const context = tender([unscored]);
    const [entry] = rankBids(context);
    expect(entry).toMatchObject({ rank: 1, total: 40, fullyScored: false, points: { technical: 0, price: 40 } });
    expect(isFullyScored(context, unscored)).toBe(false);
    expect(isFullyScored(context, { ...unscored, scores: { technical: 0 } })).toBe(true);
  });

  it('handles several quality criteria and no price criterion', () => {
    const criteria: AwardCriterion[] = [
      { id: 'approach', label: 'Approach', weight: 70, kind: 'quality' },
      { id: 'experience', label: 'Experience', weight: 30, kind: 'quality' },
    ];
    const a = bid(3_900_000, undefined, { scores: { approach: 100, experience: 0 } });
    const b = bid(1_000_000, undefined, { scores: { approach: 50, experience: 100 } });
    const context = tender([a, b], criteria);
    expect(qualityCriteria(context).map((criterion) => criterion.id)).toEqual(['approach', 'experience']);
    expect(isFullyScored(context, { ...a, scores: { approach: 10 } })).toBe(false);
    const ranking = rankBids(context);
    expect(ranking.map((entry) => [entry.bidId, entry.total, entry.rank])).toEqual([
      [a.id, 70, 1],
      [b.id, 65, 2],
    ]);
  });

  it('lets a cheap offer beat a better technical one when the price gap is wide enough', () => {
    const technical = bid(4_000_000, 80); // 48 + 40 × 20,000/40,000 = 48 + 20 = 68
    const cheap = bid(2_000_000, 50); // 30 + 40 = 70
    const ranking = rankBids(tender([technical, cheap]));
    expect(ranking[0]).toMatchObject({ bidId: cheap.id, total: 70, rank: 1 });
    expect(ranking[1]).toMatchObject({ bidId: technical.id, total: 68, rank: 2 });
  });
});
