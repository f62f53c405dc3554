/** Money is kept in integer cents; this only formats it for messages. */
export function formatEuros(cents: number): string {
  const euros = Math.floor(cents / 100);
  const rest = String(Math.abs(cents % 100)).padStart(2, '0');
  return `${String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')}.${rest} EUR`;
}
