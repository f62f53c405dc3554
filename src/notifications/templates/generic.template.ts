import type { RenderedEmail, TemplateInput } from './email-template.types';
import { footer, recordName } from './french-format.util';
import { recordContacts } from './recipients.util';

/** What each effect means, in French, for the subject of the fallback message. */
const EFFECT_TITLES: Record<string, string> = {
  informRejectedBidders: 'attribution : information des candidats non retenus',
  informAwardedBidder: 'attribution : offre retenue',
  tenderUnsuccessful: 'consultation infructueuse',
  tenderCancelled: 'consultation annulée',
  sixMonthEvaluationFallsDue: "l'évaluation à six mois est due",
  enteredIntoForce: 'entrée en vigueur',
  dutyFallsDue: 'une échéance (comité ou rapport) est due',
  formalNoticeSent: 'mise en demeure envoyée',
  formalNoticeLapsed: 'mise en demeure sans effet',
  termRenewed: 'reconduction',
  conventionEnded: 'fin de la convention',
  cohortConfirmed: 'cohorte confirmée',
};

/**
 * Any other effect (and the attribution, for the buyer): to the record's contacts, what happened and
 * the effect's params as the machine declared them, so that nothing the webhooks say is hidden.
 */
export function genericEmails(input: TemplateInput): RenderedEmail[] {
  const title = EFFECT_TITLES[input.type] ?? input.type;
  const name = recordName(input.context, input.kind);
  const text = [
    'Bonjour,',
    '',
    `Pour ${name} : ${title}.`,
    '',
    'Le détail :',
    JSON.stringify(input.params, null, 2),
    footer(input.instanceId),
  ].join('\n');
  const subject = `${title.charAt(0).toUpperCase()}${title.slice(1)} — ${name}`;
  return recordContacts(input.kind, input.context).map((recipient) => ({
    to: recipient.email,
    ...(recipient.name ? { toName: recipient.name } : {}),
    subject,
    text,
    template: 'generic',
  }));
}
