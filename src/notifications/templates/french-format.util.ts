import { DateTime, Duration } from 'luxon';

/** `2025-09-30T22:00:00.000Z` → "mercredi 1 octobre 2025 à 00 h 00" (Europe/Paris). */
export function frenchInstant(instant: string): string {
  const at = DateTime.fromISO(instant, { zone: 'Europe/Paris' }).setLocale('fr');
  return at.isValid ? at.toFormat("cccc d LLLL yyyy 'à' HH 'h' mm") : instant;
}

/** `P7D` → "7 jours", `PT12H` → "12 heures". */
export function frenchDuration(offset: string): string {
  const duration = Duration.fromISO(offset, { locale: 'fr' });
  return duration.isValid ? duration.toHuman() : offset;
}

/** A record's title: a tender's or a cohort's own, a convention's in its terms. */
export function recordTitle(context: unknown): string | undefined {
  const record = (context ?? {}) as { title?: unknown; terms?: { title?: unknown } };
  const title = record.title ?? record.terms?.title;
  return typeof title === 'string' && title !== '' ? title : undefined;
}

/** The record's title in quotes, or a neutral name. */
export function recordName(context: unknown, kind: string): string {
  const title = recordTitle(context);
  const noun =
    kind === 'tender' ? 'la consultation' : kind === 'convention' ? 'la convention' : kind === 'cohort' ? 'la cohorte' : 'le dossier';
  return title ? `${noun} « ${title} »` : noun;
}

/** The footer of every message: why it is sent and the record it is about. */
export function footer(instanceId: string): string {
  return ['', '--', `Message automatique du suivi des marchés et conventions (dossier ${instanceId}).`, 'Merci de ne pas y répondre.'].join(
    '\n',
  );
}
