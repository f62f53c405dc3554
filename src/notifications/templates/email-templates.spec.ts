import { emailsOf } from './email-templates';

describe('e-mail templates', () => {
  const instanceId = '0b7c2a43-6f0e-4b8e-9f1d-2a3b4c5d6e7f';

  it('sends the fallback to the record’s contacts, each address once, and nothing to a record without contacts', () => {
    const context = {
      terms: { title: 'Partenariat' },
      parties: [
        { id: 'a', contact: { name: 'Ana', email: 'ana@example.org' } },
        { id: 'b', contact: { email: 'ANA@example.org' } },
        { id: 'c' },
      ],
      coSignatories: [{ id: 'p', contact: { email: 'prefet@example.org' } }],
    };
    const emails = emailsOf({ instanceId, kind: 'convention', type: 'enteredIntoForce', params: { signedAt: 'x' }, context });
    expect(emails.map((email) => [email.to, email.template, email.subject])).toEqual([
      ['ana@example.org', 'generic', 'Entrée en vigueur — la convention « Partenariat »'],
      ['prefet@example.org', 'generic', 'Entrée en vigueur — la convention « Partenariat »'],
    ]);
    expect(emails[0].text).toContain('"signedAt": "x"');
    expect(emails[0].text).toContain(`dossier ${instanceId}`);
    expect(emailsOf({ instanceId, kind: 'cohort', type: 'cohortConfirmed', params: {}, context: {} })).toEqual([]);
  });

  it('names a reminder’s duty by the convention’s own label, and says when in Paris time', () => {
    const context = {
      terms: { title: 'P', duties: [{ id: 'evaluationReport', kind: 'report', label: "Bilan d'évaluation annuel" }] },
      parties: [{ id: 'a', contact: { email: 'a@example.org' } }],
    };
    const [email] = emailsOf({
      instanceId,
      kind: 'convention',
      type: 'reminder',
      params: {
        event: 'DUTY_DUE',
        label: 'A committee meeting or a report falls due',
        payload: { dutyId: 'evaluationReport', sequence: 2 },
        dueAt: '2010-07-10T22:00:00.000Z',
        duty: false,
        offset: 'P1D',
        remindAt: '2010-07-09T22:00:00.000Z',
      },
      context,
    });
    const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    expect(plain(email.subject)).toBe("Rappel : le rapport « Bilan d'évaluation annuel » (n° 2) dans 1 jour — la convention « P »");
    expect(plain(email.text)).toContain('tombe le dimanche 11 juillet 2010 à 00 h 00, dans 1 jour.');
  });

  it('writes no letter for a rejected bid without a contact e-mail', () => {
    const context = { title: 'T', bids: [{ id: 'B2', bidder: { name: 'X' }, outcome: 'rejected' }], criteria: [] };
    const params = { title: 'T', rejected: [{ bidId: 'B2', bidder: { name: 'X' } }] };
    expect(emailsOf({ instanceId, kind: 'tender', type: 'informRejectedBidders', params, context })).toEqual([]);
  });
});
