import type { ReminderParams } from '../reminder.util';
import type { RenderedEmail, TemplateInput } from './email-template.types';
import { footer, frenchDuration, frenchInstant, recordName } from './french-format.util';
import { recordContacts } from './recipients.util';

interface DutyRule {
  id: string;
  kind?: string;
  label?: string;
}

/** A payload field as text (ids and numbers; anything else is left out). */
function field(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** What falls due, in French, from the deadline's event and payload (and the record's own labels). */
export function whatFallsDue(params: ReminderParams, context: { duties?: DutyRule[]; terms?: { duties?: DutyRule[] } }): string {
  const payload = params.payload ?? {};
  switch (params.event) {
    case 'CLOSE_BIDS':
      return 'la date limite de remise des offres';
    case 'ATTRIBUTE':
      return "la date de décision : l'examen des offres et l'attribution";
    case 'INFORM_BIDDER':
      return `l'information du candidat non retenu (offre ${field(payload.bidId)})`;
    case 'RECORD_PUBLICATION':
      return 'la publication des données essentielles du marché';
    case 'SIX_MONTH_EVALUATION_DUE':
      return "l'évaluation à six mois";
    case 'CLOSE_RECRUITMENT':
      return 'la clôture du recrutement';
    case 'ANNIVERSARY':
      return 'la date anniversaire de la convention (ouverture de la fenêtre de révision : avenant ou dénonciation)';
    case 'TERM_END':
      return "la fin de l'échéance de la convention (reconduction ou expiration)";
    case 'NOTICE_EXPIRED':
      return 'la fin du délai de la mise en demeure';
    case 'DUTY_DUE': {
      const duty = (context.terms?.duties ?? context.duties ?? []).find((rule) => rule.id === payload.dutyId);
      const label = duty?.label ?? field(payload.dutyId);
      const noun = duty?.kind === 'report' ? 'le rapport' : duty?.kind === 'committee' ? 'la réunion' : "l'échéance";
      return `${noun} « ${label} » (n° ${field(payload.sequence)})`;
    }
    default:
      return params.label;
  }
}

/** A reminder: to the record's contacts, what falls due and when, `offset` before. */
export function reminderEmails(input: TemplateInput<ReminderParams>): RenderedEmail[] {
  const params = input.params;
  const what = whatFallsDue(params, input.context);
  const name = recordName(input.context, input.kind);
  const subject = `Rappel : ${what} dans ${frenchDuration(params.offset)} — ${name}`;
  const text = [
    'Bonjour,',
    '',
    `Pour ${name}, ${what} tombe le ${frenchInstant(params.dueAt)}, dans ${frenchDuration(params.offset)}.`,
    params.duty
      ? "C'est une obligation à remplir : elle apparaîtra en retard dans l'agenda si rien n'est enregistré d'ici là."
      : "Le service l'appliquera de lui-même à cette date.",
    '',
    `Échéance : ${params.label} (${params.event}).`,
    footer(input.instanceId),
  ].join('\n');
  return recordContacts(input.kind, input.context).map((recipient) => ({
    to: recipient.email,
    ...(recipient.name ? { toName: recipient.name } : {}),
    subject,
    text,
    template: 'reminder',
  }));
}
