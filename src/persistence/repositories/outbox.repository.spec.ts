import { subscriptionMatches } from './outbox.repository';

describe('which subscriptions receive a message', () => {
  const message = { type: 'informAwardedBidder', kind: 'tender', createdAt: '2026-12-03T10:00:00.000Z' };
  const subscription = { id: 's', events: null, kinds: null, organisations: ['region'], createdAt: '2026-12-03T09:00:00.000Z' };

  it('matches every message without filters, and only the listed effect types and kinds with them', () => {
    expect(subscriptionMatches(subscription, message, 'region')).toBe(true);
    expect(subscriptionMatches({ ...subscription, events: ['informAwardedBidder', 'tenderCancelled'] }, message, 'region')).toBe(true);
    expect(subscriptionMatches({ ...subscription, events: ['informRejectedBidders'] }, message, 'region')).toBe(false);
    expect(subscriptionMatches({ ...subscription, kinds: ['tender'] }, message, 'region')).toBe(true);
    expect(subscriptionMatches({ ...subscription, kinds: ['convention', 'cohort'] }, message, 'region')).toBe(false);
    expect(subscriptionMatches({ ...subscription, events: ['informAwardedBidder'], kinds: ['convention'] }, message, 'region')).toBe(false);
  });

  it('matches only messages of records of its organisations', () => {
    expect(subscriptionMatches({ ...subscription, organisations: ['metropole', 'region'] }, message, 'region')).toBe(true);
    expect(subscriptionMatches(subscription, message, 'metropole')).toBe(false);
    expect(subscriptionMatches(subscription, message, undefined)).toBe(false);
  });

  it('matches only messages committed since the subscription was made', () => {
    expect(subscriptionMatches({ ...subscription, createdAt: message.createdAt }, message, 'region')).toBe(true);
    expect(subscriptionMatches({ ...subscription, createdAt: '2026-12-03T10:00:00.001Z' }, message, 'region')).toBe(false);
  });
});
