import {
  ariaDescribedByIds,
  descriptionId,
  errorId,
  type ArrayFieldItemTemplateProps,
  type ArrayFieldTemplateProps,
  type BaseInputTemplateProps,
  type FieldTemplateProps,
  type IconButtonProps,
  type ObjectFieldTemplateProps,
  type SubmitButtonProps,
  type TemplatesType,
} from '@rjsf/utils';
import type { ChangeEvent } from 'react';
import { i18next } from '../i18n';

const t = (key: string, options?: Record<string, unknown>): string => i18next.t(key, { ns: 'forms', ...options });

/** A field as DSFR draws it: label with its hint inside, the control, then the error under it. */
function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, displayLabel, required, rawDescription, rawErrors, children, hidden, schema } = props;
  if (hidden) return <div hidden>{children}</div>;
  // Objects and arrays draw their own fieldset and legend; booleans their own label (checkbox).
  if (schema.type === 'object' || schema.type === 'array') return <div className="console-form-group">{children}</div>;
  const errors = (rawErrors ?? []).filter((message) => message);
  const invalid = errors.length > 0;
  if (schema.type === 'boolean') {
    return (
      <div className={`fr-checkbox-group${invalid ? ' fr-checkbox-group--error' : ''} fr-mb-3w`}>
        {children}
        {invalid && (
          <p className="fr-error-text" id={errorId(id)}>
            {errors.join(' ')}
          </p>
        )}
      </div>
    );
  }
  return (
    <div className={`fr-input-group${invalid ? ' fr-input-group--error' : ''}`}>
      {displayLabel && (
        <label className="fr-label" htmlFor={id}>
          {label}
          {required ? ` ${t('required')}` : ''}
          {rawDescription && (
            <span className="fr-hint-text" id={descriptionId(id)}>
              {rawDescription}
            </span>
          )}
        </label>
      )}
      {children}
      {invalid && (
        <p className="fr-error-text" id={errorId(id)}>
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}

/** Text, number and date inputs with DSFR's input class; empty text is no value, so an optional field can stay empty. */
function BaseInputTemplate(props: BaseInputTemplateProps) {
  const { id, required, disabled, readonly, autofocus, onChange, onChangeOverride, onBlur, onFocus, options, schema, type, rawErrors } =
    props;
  const value: unknown = props.value;
  const emptyValue: unknown = options.emptyValue;
  const inputType: string = (type as string | undefined) ?? (schema.type === 'number' || schema.type === 'integer' ? 'number' : 'text');
  const change = (event: ChangeEvent<HTMLInputElement>) => {
    const text = event.target.value;
    if (text === '') return onChange(emptyValue);
    onChange(inputType === 'number' ? Number(text) : text);
  };
  const invalid = (rawErrors ?? []).length > 0;
  return (
    <input
      id={id}
      name={id}
      className={`fr-input${invalid ? ' fr-input--error' : ''}`}
      type={inputType}
      step={schema.type === 'integer' ? 1 : inputType === 'number' ? 'any' : undefined}
      value={typeof value === 'string' || typeof value === 'number' ? value : ''}
      required={required}
      disabled={disabled || readonly}
      autoFocus={autofocus}
      aria-invalid={invalid || undefined}
      aria-describedby={ariaDescribedByIds(id)}
      onChange={onChangeOverride ?? change}
      onBlur={(event) => onBlur(id, event.target.value)}
      onFocus={(event) => onFocus(id, event.target.value)}
    />
  );
}

function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { title, properties, fieldPathId, description } = props;
  const isRoot = fieldPathId.$id === 'root';
  const content = properties.filter((property) => !property.hidden).map((property) => <div key={property.name}>{property.content}</div>);
  if (isRoot) return <>{content}</>;
  return (
    <fieldset className="fr-fieldset console-fieldset" id={fieldPathId.$id}>
      <legend className="fr-fieldset__legend fr-text--md">{title}</legend>
      {typeof description === 'string' && description && <p className="fr-hint-text fr-mb-2w">{description}</p>}
      <div className="console-fieldset__body">{content}</div>
    </fieldset>
  );
}

function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { title, items, canAdd, onAddClick, fieldPathId, disabled, readonly, rawErrors } = props;
  return (
    <fieldset className="fr-fieldset console-fieldset" id={fieldPathId.$id}>
      <legend className="fr-fieldset__legend fr-text--md">{title}</legend>
      <div className="console-fieldset__body">
        {items}
        {canAdd && !readonly && (
          <button
            type="button"
            className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left"
            onClick={onAddClick}
            disabled={disabled}
          >
            {t('add', { what: title })}
          </button>
        )}
        {(rawErrors ?? []).length > 0 && <p className="fr-error-text">{rawErrors?.join(' ')}</p>}
      </div>
    </fieldset>
  );
}

function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, index, readonly, disabled } = props;
  return (
    <div className="console-array-item">
      {children}
      {buttonsProps.hasRemove && !readonly && (
        <button
          type="button"
          className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-delete-line fr-btn--icon-left fr-mb-2w"
          onClick={buttonsProps.onRemoveItem}
          disabled={disabled}
        >
          {t('remove', { index: index + 1 })}
        </button>
      )}
    </div>
  );
}

function SubmitButton(props: SubmitButtonProps) {
  // The console's label comes through the form context (rjsf's own default text is English).
  const context = props.registry.formContext as { submitText?: string } | undefined;
  const label = context?.submitText ?? t('submit');
  return (
    <button type="submit" className="fr-btn">
      {label}
    </button>
  );
}

function TextButton({
  children,
  className,
  iconType: _iconType,
  icon: _icon,
  uiSchema: _ui,
  registry: _registry,
  ...rest
}: IconButtonProps & { children?: string }) {
  return (
    <button type="button" className={`fr-btn fr-btn--tertiary fr-btn--sm ${className ?? ''}`} {...rest}>
      {children ?? rest.title}
    </button>
  );
}

export const dsfrTemplates: Partial<TemplatesType> = {
  FieldTemplate,
  BaseInputTemplate,
  ObjectFieldTemplate,
  ArrayFieldTemplate,
  ArrayFieldItemTemplate,
  ButtonTemplates: {
    SubmitButton,
    AddButton: (props) => <TextButton {...props}>{t('addEntry')}</TextButton>,
    RemoveButton: (props) => <TextButton {...props}>{t('removeEntry')}</TextButton>,
    CopyButton: (props) => <TextButton {...props}>{t('copy')}</TextButton>,
    MoveUpButton: (props) => <TextButton {...props}>{t('moveUp')}</TextButton>,
    MoveDownButton: (props) => <TextButton {...props}>{t('moveDown')}</TextButton>,
    ClearButton: (props) => <TextButton {...props}>{t('clear')}</TextButton>,
  },
};
