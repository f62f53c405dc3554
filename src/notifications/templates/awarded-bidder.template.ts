import type { InformAwardedBidderParams } from '../../../machines/tender/tender.effects';
import { frenchEuros, frenchNumber } from '../../../machines/tender/tender.letters';
import type { TenderContext } from '../../../machines/tender/tender.types';
import type { RenderedEmail, TemplateInput } from './email-template.types';
import { footer } from './french-format.util';
import { bidContact } from './recipients.util';

/** informAwardedBidder: to the awarded bidder's contact e-mail, the news that its offer was retained. */
export function awardedBidderEmails(input: TemplateInput<InformAwardedBidderParams, TenderContext>): RenderedEmail[] {
  const params = input.params;
  const recipient = bidContact(input.context, params.bidId);
  if (!recipient) return [];
  const lines = [
    `Objet : ${params.title ?? 'consultation'} — attribution`,
    '',
    `À l'attention de ${params.bidder.name},`,
    '',
    `Vous avez répondu à la consultation « ${params.title ?? ''} » lancée par ${params.buyer ?? "l'acheteur"}. ` +
      `Nous avons le plaisir de vous informer que votre offre (${params.bidId}) a été retenue.`,
    '',
    `Montant : ${frenchEuros(params.priceExclVatCents)} HT, ${frenchEuros(params.priceInclVatCents)} TTC.`,
    `Note obtenue : ${frenchNumber(params.totalPoints)} points sur 100.`,
    ...(params.plannedDeliveryStart ? [`Démarrage prévu de la prestation : ${params.plannedDeliveryStart}.`] : []),
    '',
    'Le marché vous sera notifié prochainement.',
    '',
    params.buyer ?? "L'acheteur",
  ];
  return [
    {
      to: recipient.email,
      toName: params.bidder.name,
      subject: `${params.title ?? 'Consultation'} : votre offre ${params.bidId} a été retenue`,
      text: `${lines.join('\n')}\n${footer(input.instanceId)}`,
      template: 'awardedBidder',
    },
  ];
}
