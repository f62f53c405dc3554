import { isEmailAddress } from '../../common/email-address';

/** Someone to write to about a record. */
export interface Recipient {
  email: string;
  name?: string;
}

interface WithContact {
  contact?: { name?: unknown; email?: unknown };
}

function recipientOf(contact: WithContact['contact']): Recipient | undefined {
  if (!contact || typeof contact.email !== 'string' || !isEmailAddress(contact.email)) return undefined;
  return { email: contact.email, ...(typeof contact.name === 'string' && contact.name !== '' ? { name: contact.name } : {}) };
}

/**
 * The people named on a record to whom its notifications and reminders go: a tender's buyer contact
 * (tender@3 `contact`), a convention's parties' and co-signatories' contacts (convention@3). Each
 * address once (compared without case).
 */
export function recordContacts(kind: string, context: unknown): Recipient[] {
  const found: Recipient[] = [];
  const record = (context ?? {}) as WithContact & { parties?: WithContact[]; coSignatories?: WithContact[] };
  if (kind === 'tender') {
    const buyer = recipientOf(record.contact);
    if (buyer) found.push(buyer);
  }
  if (kind === 'convention') {
    for (const party of [...(record.parties ?? []), ...(record.coSignatories ?? [])]) {
      const recipient = recipientOf(party.contact);
      if (recipient) found.push(recipient);
    }
  }
  return distinctRecipients(found);
}

/** The bidder's contact e-mail of a tender@3 bid. */
export function bidContact(context: unknown, bidId: string): Recipient | undefined {
  const bids = ((context ?? {}) as { bids?: { id: string; contactEmail?: unknown; bidder?: { name?: unknown } }[] }).bids ?? [];
  const bid = bids.find((candidate) => candidate.id === bidId);
  if (!bid || typeof bid.contactEmail !== 'string' || !isEmailAddress(bid.contactEmail)) return undefined;
  return { email: bid.contactEmail, ...(typeof bid.bidder?.name === 'string' ? { name: bid.bidder.name } : {}) };
}

export function distinctRecipients(recipients: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return recipients.filter((recipient) => {
    const key = recipient.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
