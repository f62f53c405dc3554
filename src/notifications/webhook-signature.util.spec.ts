import { newSecret, signatureHeader, signatureOf, signingSecrets } from './webhook-signature.util';

describe('Standard Webhooks signatures', () => {
  // The example of the Standard Webhooks specification's reference libraries.
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1614265330;
  const body = '{"test": 2432232314}';

  it('signs `${id}.${timestamp}.${body}` with HMAC-SHA256 keyed by the secret’s bytes', () => {
    expect(signatureOf(secret, id, timestamp, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('gives one signature per secret, separated by spaces', () => {
    const other = newSecret();
    expect(signatureHeader([secret, other], id, timestamp, body).split(' ')).toEqual([
      signatureOf(secret, id, timestamp, body),
      signatureOf(other, id, timestamp, body),
    ]);
  });

  it('makes secrets of 32 random bytes', () => {
    const made = newSecret();
    expect(made).toMatch(/^whsec_/);
    expect(Buffer.from(made.slice(6), 'base64')).toHaveLength(32);
    expect(newSecret()).not.toBe(made);
  });

  it('signs with the previous secret until its grace period ends', () => {
    const subscription = { secret: 'whsec_new', previousSecret: 'whsec_old', previousSecretExpiresAt: '2026-12-04T10:00:00.000Z' };
    expect(signingSecrets(subscription, '2026-12-04T09:59:59.999Z')).toEqual(['whsec_new', 'whsec_old']);
    expect(signingSecrets(subscription, '2026-12-04T10:00:00.000Z')).toEqual(['whsec_new']);
    expect(
      signingSecrets({ secret: 'whsec_new', previousSecret: null, previousSecretExpiresAt: null }, '2026-12-04T09:00:00.000Z'),
    ).toEqual(['whsec_new']);
  });
});
