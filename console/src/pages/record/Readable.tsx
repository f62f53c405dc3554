import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatMoney } from '../../format';
import { enumLabel, fieldLabel } from '../../forms/schema';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** One value in words: dates in Paris time, cents as euros, yes/no, enumerations by their label. */
export function ReadableValue({ name, value }: { name?: string; value: unknown }): ReactNode {
  const { t, i18n } = useTranslation('record');
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('values.yes') : t('values.no');
  if (typeof value === 'number')
    return name?.endsWith('Cents') ? formatMoney(value, i18n.language) : value.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'fr-FR');
  if (typeof value === 'string') {
    if (INSTANT.test(value)) return formatDateTime(value, i18n.language);
    if (DAY.test(value)) return formatDate(value, i18n.language);
    return enumLabel(value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return t('values.none');
    if (value.every((item) => typeof item !== 'object' || item === null))
      return value.map((item) => (typeof item === 'string' ? enumLabel(item) : String(item))).join(', ');
    return (
      <ol className="console-readable-list">
        {(value as unknown[]).map((item, index) => (
          <li key={index}>
            <ReadableValue value={item} />
          </li>
        ))}
      </ol>
    );
  }
  return <ReadableObject value={value as Record<string, unknown>} />;
}

/** Any object as a definition list with human field names: the fallback for data without its own section. */
export function ReadableObject({ value, omit = [] }: { value: Record<string, unknown>; omit?: string[] }) {
  const entries = Object.entries(value).filter(([key]) => !omit.includes(key));
  if (entries.length === 0) return <>—</>;
  return (
    <dl className="console-facts console-facts--nested">
      {entries.map(([key, item]) => (
        <div key={key}>
          <dt>{fieldLabel(key)}</dt>
          <dd>
            <ReadableValue name={key} value={item} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A DSFR table with a caption (its accessible name). */
export function DataTable({
  caption,
  headers,
  rows,
  testId,
}: {
  caption: string;
  headers: string[];
  rows: ReactNode[][];
  testId?: string;
}) {
  return (
    <div className="fr-table fr-table--no-caption-mobile console-table" data-testid={testId}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" tabIndex={0} role="region" aria-label={caption}>
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  {headers.map((header) => (
                    <th scope="col" key={header}>
                      {header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <tr key={index}>
                    {row.map((cell, column) => (
                      <td key={column}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="console-facts">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
