import type { InformAwardedBidderParams, InformRejectedBiddersParams } from '../../../machines/tender/tender.effects';
import type { TenderContext } from '../../../machines/tender/tender.types';
import { REMINDER_TYPE, type ReminderParams } from '../reminder.util';
import { awardedBidderEmails } from './awarded-bidder.template';
import type { RenderedEmail, TemplateInput } from './email-template.types';
import { genericEmails } from './generic.template';
import { distinctRecipients } from './recipients.util';
import { reminderEmails } from './reminder.template';
import { rejectedBidderEmails } from './rejected-bidder.template';

export type { RenderedEmail, TemplateInput } from './email-template.types';

/**
 * The e-mails of one outbox message, one per recipient, from the template of its type: the letter to
 * each rejected bidder, the award to the winner, reminders; the generic fallback for every other
 * effect, to the record's contacts. The attribution's effects also reach the buyer's contact through
 * the fallback. An address receives one e-mail per message (the first template's).
 */
export function emailsOf(input: TemplateInput): RenderedEmail[] {
  const emails: RenderedEmail[] = [];
  if (input.kind === 'tender' && input.type === 'informRejectedBidders') {
    emails.push(...rejectedBidderEmails(input as unknown as TemplateInput<InformRejectedBiddersParams, TenderContext>));
  }
  if (input.kind === 'tender' && input.type === 'informAwardedBidder') {
    emails.push(...awardedBidderEmails(input as unknown as TemplateInput<InformAwardedBidderParams, TenderContext>));
  }
  if (input.type === REMINDER_TYPE) emails.push(...reminderEmails(input as unknown as TemplateInput<ReminderParams>));
  else emails.push(...genericEmails(input));
  const kept = new Set(distinctRecipients(emails.map((email) => ({ email: email.to }))).map((recipient) => recipient.email));
  return emails.filter((email) => kept.delete(email.to));
}
