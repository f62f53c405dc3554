import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { i18next } from '../i18n';

type Schema = Record<string, unknown>;

const fieldText = (group: 'labels' | 'hints' | 'enums', key: string): string | undefined => {
  const full = `${group}.${key}`;
  return i18next.exists(full, { ns: 'fields' }) ? i18next.t(full, { ns: 'fields' }) : undefined;
};

/** A human label for a field name: the catalogue's, else the name split into words. */
export function fieldLabel(name: string): string {
  return fieldText('labels', name) ?? name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (first) => first.toUpperCase());
}

/** A human label for an enumerated value (inPerson, job, F…), else the value itself. */
export function enumLabel(value: string): string {
  return fieldText('enums', value) ?? value;
}

/**
 * Prepares an event's JSON Schema for a form: labels and hints from the catalogues (the schema's own
 * descriptions, in English, are the fallback), enumerations with readable titles, and a ui schema
 * (amounts in euros, long texts as text areas, lists of choices as checkboxes).
 */
export function prepareForm(schema: Schema): { schema: RJSFSchema; uiSchema: UiSchema } {
  const walk = (node: Schema, name: string | undefined): { schema: Schema; ui: UiSchema } => {
    const next: Schema = { ...node };
    const ui: UiSchema = {};
    if (name) {
      next.title = (node.title as string | undefined) && !fieldText('labels', name) ? node.title : fieldLabel(name);
      const hint = fieldText('hints', name) ?? (i18next.language === 'en' ? (node.description as string | undefined) : undefined);
      if (hint) next.description = hint;
      else delete next.description;
    }
    if (Array.isArray(node.enum) && !node.oneOf) {
      next.oneOf = (node.enum as unknown[]).map((value) => ({ const: value, title: enumLabel(String(value)) }));
      delete next.enum;
    }
    if (name?.endsWith('Cents') && node.type === 'integer') ui['ui:widget'] = 'euros';
    if (node.type === 'string' && typeof node.maxLength === 'number' && node.maxLength > 500 && !next.oneOf) ui['ui:widget'] = 'textarea';
    if (node.type === 'object' && node.properties) {
      const properties: Record<string, Schema> = {};
      for (const [key, child] of Object.entries(node.properties as Record<string, Schema>)) {
        const walked = walk(child, key);
        properties[key] = walked.schema;
        if (Object.keys(walked.ui).length > 0) ui[key] = walked.ui;
      }
      next.properties = properties;
    }
    if (node.type === 'array' && node.items && typeof node.items === 'object') {
      const walked = walk(node.items as Schema, undefined);
      next.items = walked.schema;
      if (Object.keys(walked.ui).length > 0) ui.items = walked.ui;
      if ((walked.schema.oneOf || walked.schema.enum) && node.uniqueItems) ui['ui:widget'] = 'select';
    }
    return { schema: next, ui };
  };
  const { schema: prepared, ui } = walk(schema, undefined);
  return { schema: prepared, uiSchema: ui };
}

/** A JSON pointer (/bidder/name) or a dotted field (bidder.name) as the path of an rjsf error schema. */
export function fieldPath(field: string | undefined, pointer: string | undefined): string[] {
  if (pointer)
    return pointer
      .split('/')
      .slice(1)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  return field ? field.split('.') : [];
}
