import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, RJSFValidationError, UiSchema } from '@rjsf/utils';
import { formValidator } from './validator';
import { forwardRef } from 'react';
import { i18next } from '../i18n';
import { dsfrTemplates } from './templates';
import { dsfrWidgets } from './widgets';

/** The validator's messages in the console's language, from the `forms` catalogue. */
export function translateErrors(errors: RJSFValidationError[]): RJSFValidationError[] {
  return errors
    .filter((error) => !(error.name === 'if' || error.name === 'not'))
    .map((error) => {
      const params = (error.params ?? {}) as Record<string, unknown>;
      const t = (key: string) => i18next.t(`errors.${key}`, { ns: 'forms', ...params });
      const has = (key: string) => i18next.exists(`errors.${key}`, { ns: 'forms' });
      let key = has(error.name ?? '') ? (error.name as string) : 'default';
      if (error.name === 'type') {
        const expected = String(params.type);
        key = error.property?.endsWith('Cents') ? 'type_eurosCents' : has(`type_${expected}`) ? `type_${expected}` : 'type';
      }
      if (error.name === 'format' && has(`format_${String(params.format)}`)) key = `format_${String(params.format)}`;
      return { ...error, message: t(key), stack: `${error.property ?? ''} ${t(key)}`.trim() };
    });
}

interface SchemaFormProps {
  id: string;
  schema: RJSFSchema;
  uiSchema: UiSchema;
  formData: Record<string, unknown>;
  extraErrors?: ErrorSchema;
  submitText: string;
  disabled?: boolean;
  onChange: (data: Record<string, unknown>) => void;
  onSubmit: (data: Record<string, unknown>) => void;
}

/** A form generated from a JSON Schema, drawn with DSFR's classes, validated in the browser before it is sent. */
export const SchemaForm = forwardRef<HTMLDivElement, SchemaFormProps>(function SchemaForm(props, ref) {
  const { id, schema, uiSchema, formData, extraErrors, submitText, disabled, onChange, onSubmit } = props;
  return (
    <div ref={ref} className="console-schema-form">
      <Form
        idPrefix={id}
        schema={schema}
        uiSchema={uiSchema}
        formContext={{ submitText }}
        formData={formData}
        validator={formValidator}
        // A choice among values (an enumeration, drawn as a oneOf of consts) is not pre-selected: an
        // optional one (tender@3's nature, procedure, price form…) stays unset until someone picks it.
        experimental_defaultFormStateBehavior={{ constAsDefaults: 'skipOneOf' }}
        templates={dsfrTemplates}
        widgets={dsfrWidgets}
        transformErrors={translateErrors}
        extraErrors={extraErrors}
        showErrorList={false}
        focusOnFirstError
        noHtml5Validate
        disabled={disabled}
        onChange={(event) => onChange((event.formData ?? {}) as Record<string, unknown>)}
        onSubmit={(event) => onSubmit((event.formData ?? {}) as Record<string, unknown>)}
      />
    </div>
  );
});
