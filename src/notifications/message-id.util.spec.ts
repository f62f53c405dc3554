import { deliveryIdOf, messageIdOf, uuidV5 } from './message-id.util';

describe('stable message ids', () => {
  it('are RFC 9562 version 5 UUIDs (the RFC namespace DNS example)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('are the same for the same effect of the same event, and differ otherwise', () => {
    const instance = '0b7c2a43-6f0e-4b8e-9f1d-2a3b4c5d6e7f';
    expect(messageIdOf(instance, 7, 0)).toBe(messageIdOf(instance, 7, 0));
    const ids = new Set([messageIdOf(instance, 7, 0), messageIdOf(instance, 7, 1), messageIdOf(instance, 8, 0), deliveryIdOf('a', 'b')]);
    expect(ids.size).toBe(4);
    expect(messageIdOf(instance, 7, 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
