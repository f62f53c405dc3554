import { initialTransition, transition } from 'xstate';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import { SEED_001_TENDER_V3, validBid } from './tender.examples';
import { frenchEuros, frenchNumber, rejectionLetter, rejectionLetters, rejectionReason } from './tender.letters';
import { createTenderMachineV3 } from './tender.machine.v3';
import type { TenderEvent } from './tender.types';

const machine = createTenderMachineV3(parisCalendar);

/** Seed 001's worked example (docs/lifecycles/tender.md, Ranking): A 36,000 EUR scored 70, B 39,000 EUR scored 90, C above the cap. */
function attributedSeed001() {
  let [s] = initialTransition(machine, SEED_001_TENDER_V3);
  const events: TenderEvent[] = [
    { type: 'PUBLISH', at: '2022-07-08T10:00:00+02:00' },
    {
      type: 'SUBMIT_BID',
      ...validBid('A', 3_600_000),
      bidder: { name: 'Coaching Coop', identifier: 'A' },
      at: '2022-07-20T11:00:00+02:00',
    },
    {
      type: 'SUBMIT_BID',
      ...validBid('B', 3_900_000),
      bidder: { name: 'Insertion Conseil', identifier: 'B' },
      consortium: [{ name: 'Mobilité 21', identifier: 'M' }],
      at: '2022-08-01T15:30:00+02:00',
    },
    {
      type: 'SUBMIT_BID',
      ...validBid('C', 4_200_000, { documents: { presentation: 'p.pdf' } }),
      bidder: { name: 'Grand Cabinet', identifier: 'C' },
      at: '2022-08-02T15:30:00+02:00',
    },
    { type: 'CLOSE_BIDS', at: '2022-08-06T00:00:00+02:00' },
    { type: 'SCORE_BID', bidId: 'B1', scores: { technical: 70 }, at: '2022-08-18T10:00:00+02:00' },
    { type: 'SCORE_BID', bidId: 'B2', scores: { technical: 90 }, at: '2022-08-18T10:00:00+02:00' },
    { type: 'ATTRIBUTE', bidId: 'B2', at: '2022-08-25T10:00:00+02:00' },
  ];
  for (const event of events) [s] = transition(machine, s, event);
  expect(s.value).toEqual({ open: 'attributed' });
  return s.context;
}

describe('the rejection letter (001: rejected bidders are informed; the reason from the ranking of 001 IX)', () => {
  it('formats numbers and amounts the French way', () => {
    expect(frenchNumber(90.92)).toBe('90,92');
    expect(frenchNumber(82)).toBe('82');
    expect(frenchNumber(42.5)).toBe('42,5');
    expect(frenchEuros(3_600_000)).toBe('36\u202f000,00 €');
  });

  it('tells a ranked bidder its rank out of N, its points per criterion and in total, and the awarded offer', () => {
    const context = attributedSeed001();
    const letter = rejectionLetter(context, 'B1')!;
    expect(letter.split('\n')).toEqual([
      `Objet : ${SEED_001_TENDER_V3.title} — information des candidats non retenus`,
      '',
      "À l'attention de Coaching Coop,",
      '',
      `Vous avez répondu à la consultation « ${SEED_001_TENDER_V3.title} » lancée par Creativ'. Nous avons le regret de vous informer que votre offre (B1) n'a pas été retenue.`,
      '',
      'Votre offre est classée 2e sur 2 offres classées. Ses notes :',
      "- Valeur technique de l'offre : 42 points sur 60",
      '- Prix : 40 points sur 40',
      '- Total : 82 points sur 100',
      '',
      "L'offre retenue est celle de Insertion Conseil, avec 90,92 points sur 100.",
      "Motif : Votre offre n'est pas l'offre la plus avantageuse au regard des critères d'attribution : classée 2e sur 2, elle obtient 82 points sur 100 contre 90,92 pour l'offre retenue.",
      '',
      "Creativ'",
    ]);
    expect(rejectionReason(context, 'B1')).toMatchObject({ rank: 2, rankedBids: 2 });
  });

  it('tells an inadmissible bidder why its offer was not ranked, in French', () => {
    const context = attributedSeed001();
    const letter = rejectionLetter(context, 'B3')!;
    expect(letter).not.toContain('Votre offre est classée');
    expect(letter).toContain(
      "Motif : Votre offre n'a pas pu être classée : son prix de 42\u202f000,00 € TTC dépasse le budget maximum de 40\u202f000,00 € TTC ; il y manque les pièces : proposal, references, price.",
    );
    expect(rejectionReason(context, 'B3').rank).toBeUndefined();
  });

  it('writes no letter to the awarded bidder, and one per rejected bid in the summary', () => {
    const context = attributedSeed001();
    expect(rejectionLetter(context, 'B2')).toBeUndefined();
    expect(rejectionLetter(context, 'B9')).toBeUndefined();
    expect(Object.keys(rejectionLetters(context))).toEqual(['B1', 'B3']);
  });
});
