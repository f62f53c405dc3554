import { rejectionLetter } from '../../../machines/tender/tender.letters';
import type { InformRejectedBiddersParams } from '../../../machines/tender/tender.effects';
import type { TenderContext } from '../../../machines/tender/tender.types';
import type { RenderedEmail, TemplateInput } from './email-template.types';
import { footer } from './french-format.util';
import { bidContact } from './recipients.util';

/**
 * informRejectedBidders: to each rejected bidder that gave a contact e-mail (tender@3 SUBMIT_BID), its
 * own letter (tender.letters.ts): its rank out of the ranked offers, its points per criterion and in
 * total, the awarded offer's, the reason. One e-mail per rejected bid; a bidder without an address is
 * informed another way (INFORM_BIDDER records how).
 */
export function rejectedBidderEmails(input: TemplateInput<InformRejectedBiddersParams, TenderContext>): RenderedEmail[] {
  const emails: RenderedEmail[] = [];
  for (const rejected of input.params.rejected ?? []) {
    const recipient = bidContact(input.context, rejected.bidId);
    const letter = recipient ? rejectionLetter(input.context, rejected.bidId) : undefined;
    if (!recipient || letter === undefined) continue;
    emails.push({
      to: recipient.email,
      toName: rejected.bidder.name,
      subject: `${input.params.title ?? 'Consultation'} : votre offre ${rejected.bidId} n'a pas été retenue`,
      text: `${letter}\n${footer(input.instanceId)}`,
      template: 'rejectedBidder',
    });
  }
  return emails;
}
