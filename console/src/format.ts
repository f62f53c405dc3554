/** Display formats: instants and business dates in Europe/Paris, money in euros (French format: 35 000,00 €). */
const ZONE = 'Europe/Paris';

const locale = (language: string): string => (language === 'en' ? 'en-GB' : 'fr-FR');

export function formatDateTime(iso: string | undefined | null, language: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(language), { timeZone: ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string | undefined | null, language: string): string {
  if (!iso) return '—';
  // A business date (2022-08-05) is a day in Paris, not an instant: shown as that day.
  const value = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat(locale(language), { timeZone: ZONE, dateStyle: 'medium' }).format(value);
}

/** Integer cents as euros. The French format groups with a narrow no-break space, as typography wants. */
export function formatMoney(cents: number | undefined | null, language: string): string {
  if (cents === undefined || cents === null) return '—';
  return new Intl.NumberFormat(locale(language), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language)).format(value);
}
