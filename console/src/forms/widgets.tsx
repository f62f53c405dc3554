import { ariaDescribedByIds, type RegistryWidgetsType, type WidgetProps } from '@rjsf/utils';
import { useState } from 'react';
import { i18next } from '../i18n';

const t = (key: string): string => i18next.t(key, { ns: 'forms' });

function SelectWidget(props: WidgetProps) {
  const { id, required, disabled, readonly, options, onChange, onBlur, onFocus, rawErrors, multiple } = props;
  const value: unknown = props.value;
  const choices = (options.enumOptions ?? []) as { value: unknown; label: string }[];
  const invalid = (rawErrors ?? []).length > 0;
  const index = choices.findIndex((choice) => choice.value === value);
  if (multiple) {
    // A list of choices (signatories, attendees): one checkbox each.
    const selected = Array.isArray(value) ? (value as unknown[]) : [];
    return (
      <div className="console-checkbox-list" id={id} role="group" aria-describedby={ariaDescribedByIds(id)}>
        {choices.map((choice, position) => (
          <div className="fr-checkbox-group fr-checkbox-group--sm" key={String(choice.value)}>
            <input
              type="checkbox"
              id={`${id}-${position}`}
              checked={selected.includes(choice.value)}
              disabled={disabled || readonly}
              onChange={(event) =>
                onChange(event.target.checked ? [...selected, choice.value] : selected.filter((item) => item !== choice.value))
              }
            />
            <label className="fr-label" htmlFor={`${id}-${position}`}>
              {choice.label}
            </label>
          </div>
        ))}
      </div>
    );
  }
  return (
    <select
      id={id}
      name={id}
      className={`fr-select${invalid ? ' fr-select--error' : ''}`}
      value={index < 0 ? '' : String(index)}
      required={required}
      disabled={disabled || readonly}
      aria-invalid={invalid || undefined}
      aria-describedby={ariaDescribedByIds(id)}
      onChange={(event) =>
        onChange(event.target.value === '' ? (options.emptyValue as unknown) : choices[Number(event.target.value)]?.value)
      }
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    >
      <option value="">{t('choose')}</option>
      {choices.map((choice, position) => (
        <option key={String(choice.value)} value={String(position)}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}

function TextareaWidget(props: WidgetProps) {
  const { id, required, disabled, readonly, onChange, onBlur, onFocus, options, rawErrors } = props;
  const value: unknown = props.value;
  const invalid = (rawErrors ?? []).length > 0;
  return (
    <textarea
      id={id}
      name={id}
      className={`fr-input${invalid ? ' fr-input--error' : ''}`}
      rows={3}
      value={typeof value === 'string' ? value : ''}
      required={required}
      disabled={disabled || readonly}
      aria-invalid={invalid || undefined}
      aria-describedby={ariaDescribedByIds(id)}
      onChange={(event) => onChange(event.target.value === '' ? (options.emptyValue as unknown) : event.target.value)}
      onBlur={(event) => onBlur(id, event.target.value)}
      onFocus={(event) => onFocus(id, event.target.value)}
    />
  );
}

function CheckboxWidget(props: WidgetProps) {
  const { id, disabled, readonly, onChange, label, required } = props;
  const value: unknown = props.value;
  return (
    <>
      <input
        type="checkbox"
        id={id}
        name={id}
        checked={value === true}
        disabled={disabled || readonly}
        aria-describedby={ariaDescribedByIds(id)}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label className="fr-label" htmlFor={id}>
        {label}
        {required ? ` ${t('required')}` : ''}
      </label>
    </>
  );
}

/** Parses an amount typed in euros, French or English style (38 000,00 · 38000.5 · 38,000.00), into integer cents. */
export function parseEuros(text: string): number | undefined {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, '');
  if (compact === '') return undefined;
  // Three digits after a separator group thousands; one or two are the cents.
  const match = /^(\d{1,3}(?:[.,]\d{3})+|\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!match) return NaN;
  return Number(match[1].replace(/[.,]/g, '')) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

function centsToText(cents: unknown): string {
  if (typeof cents !== 'number' || !Number.isFinite(cents)) return '';
  return (cents / 100).toFixed(2).replace('.', i18next.language === 'en' ? '.' : ',');
}

/** An amount kept in integer cents (the API's unit), typed and shown in euros. */
function EurosWidget(props: WidgetProps) {
  const { id, required, disabled, readonly, onChange, onBlur, onFocus, rawErrors } = props;
  const value: unknown = props.value;
  const [text, setText] = useState(() => centsToText(value));
  const invalid = (rawErrors ?? []).length > 0;
  return (
    <div className="console-euros">
      <input
        id={id}
        name={id}
        className={`fr-input${invalid ? ' fr-input--error' : ''}`}
        type="text"
        inputMode="decimal"
        value={text}
        required={required}
        disabled={disabled || readonly}
        aria-invalid={invalid || undefined}
        aria-describedby={ariaDescribedByIds(id)}
        onChange={(event) => {
          setText(event.target.value);
          const cents = parseEuros(event.target.value);
          // A text that is not an amount is kept as text, so that validation names the field.
          onChange(cents === undefined ? undefined : Number.isNaN(cents) ? event.target.value : cents);
        }}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
      />
      <span aria-hidden="true">€</span>
    </div>
  );
}

export const dsfrWidgets: RegistryWidgetsType = {
  SelectWidget,
  TextareaWidget,
  CheckboxWidget,
  euros: EurosWidget,
};
