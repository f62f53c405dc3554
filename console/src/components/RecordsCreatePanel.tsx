import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import Form from '@rjsf/core';
import { TranslatableString, englishStringTranslator, type ErrorSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api, unwrap } from '../api/client';
import { useSession } from '../session/session';
import { KINDS, LoadingText, ProblemAlert } from './PagesShared';
import './RecordsCreatePanel.css';

type Kind = (typeof KINDS)[number];

/** The generated form's own words (buttons, yes and no) by their name, to look them up in the catalogue. */
const FORM_STRING_NAMES = new Map<string, string>(Object.entries(TranslatableString).map(([name, text]) => [text, name]));

/**
 * The administrator's "new record": a kind, then a form generated from that kind's input schema
 * (GET /api/machines/:kind), sent as POST /api/instances; the new record's page opens.
 */
export function RecordsCreatePanel() {
  const { t } = useTranslation('records');
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Kind | undefined>();
  return (
    <>
      <Button
        iconId={open ? 'fr-icon-close-line' : 'fr-icon-add-line'}
        type="button"
        priority={open ? 'secondary' : 'primary'}
        onClick={() => setOpen(!open)}
        nativeButtonProps={{ 'aria-expanded': open, 'aria-controls': 'records-create' }}
      >
        {open ? t('create.close') : t('create.open')}
      </Button>
      {open && (
        <section id="records-create" aria-labelledby="records-create-title" className="records-create fr-p-3w fr-mb-3w">
          <h2 id="records-create-title" className="fr-h4">
            {t('create.title')}
          </h2>
          <RadioButtons
            legend={t('create.kind')}
            orientation="horizontal"
            options={KINDS.map((option) => ({
              label: t(`common:kinds.${option}`),
              nativeInputProps: { name: 'new-record-kind', value: option, checked: kind === option, onChange: () => setKind(option) },
            }))}
          />
          {kind && <RecordsCreateForm key={kind} kind={kind} />}
        </section>
      )}
    </>
  );
}

function RecordsCreateForm({ kind }: { kind: Kind }) {
  const { t, i18n } = useTranslation('records');
  const navigate = useNavigate();
  const client = useQueryClient();
  const [input, setInput] = useState<Record<string, unknown>>({});
  // A principal of several organisations says which one the record belongs to; of one, it is that one.
  const organisations = useSession().me?.organisations ?? [];
  const [organisation, setOrganisation] = useState(organisations[0] ?? '');
  const machine = useQuery({
    queryKey: ['machine', kind],
    queryFn: () => unwrap(api.GET('/api/machines/{kind}', { params: { path: { kind } } })),
    staleTime: Infinity,
  });
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      unwrap(api.POST('/api/instances', { body: { kind, input: body, ...(organisations.length > 1 ? { organisation } : {}) } })),
    onSuccess: (record) => {
      void client.invalidateQueries({ queryKey: ['instances'] });
      void client.invalidateQueries({ queryKey: ['summary'] });
      void navigate(`/records/${record.id}`);
    },
  });
  if (machine.isPending) return <LoadingText />;
  if (machine.isError) return <ProblemAlert error={machine.error} />;
  return (
    <>
      <p className="fr-text--sm">{t('create.hint')}</p>
      {create.isError && <ProblemAlert error={create.error} title={t('create.refused')} />}
      {organisations.length > 1 && (
        <Select
          label={t('create.organisation')}
          hint={t('create.organisationHint')}
          nativeSelectProps={{ name: 'organisation', value: organisation, onChange: (event) => setOrganisation(event.target.value) }}
        >
          {organisations.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </Select>
      )}
      <Form
        className="records-create-form"
        schema={machine.data.inputSchema}
        // Labels in the console's language; the schema's own words stay as field help.
        uiSchema={{
          ...titlesOf(machine.data.inputSchema, t),
          'ui:title': t(`create.terms.${kind}`),
          'ui:submitButtonOptions': { submitText: t('create.submit'), props: { className: 'fr-btn', disabled: create.isPending } },
        }}
        validator={validator}
        translateString={(text, params) => {
          const name = FORM_STRING_NAMES.get(text);
          return name && i18n.exists(`records:create.form.${name}`) ? t(`create.form.${name}`) : englishStringTranslator(text, params);
        }}
        formData={input}
        onChange={(event) => setInput((event.formData ?? {}) as Record<string, unknown>)}
        onSubmit={(event) => create.mutate((event.formData ?? {}) as Record<string, unknown>)}
        showErrorList={false}
        // The console's content policy forbids compiling validators in the page (no eval): the API checks
        // the input and its field errors are shown under their fields.
        noValidate
        extraErrors={fieldErrorsOf(create.error)}
      />
    </>
  );
}

type UiSchema = Record<string, unknown>;

/** A uiSchema giving every property of the schema, nested ones too, its label from the catalogue (by property name). */
function titlesOf(schema: unknown, t: (key: string, options: { defaultValue: string }) => string): UiSchema {
  const ui: UiSchema = {};
  if (!schema || typeof schema !== 'object') return ui;
  const { properties, items } = schema as { properties?: Record<string, unknown>; items?: unknown };
  for (const [name, property] of Object.entries(properties ?? {})) {
    ui[name] = { ...titlesOf(property, t), 'ui:title': t(`create.fields.${name}`, { defaultValue: name }) };
  }
  if (items && typeof items === 'object') ui.items = titlesOf(items, t);
  return ui;
}

/** VALIDATION_FAILED's field errors ({pointer: /bidder/name, messages}) as the form's errors under each field. */
function fieldErrorsOf(error: unknown): ErrorSchema | undefined {
  if (!(error instanceof ApiError) || !error.problem.errors?.length) return undefined;
  const tree: ErrorSchema = {};
  for (const entry of error.problem.errors as { pointer?: string; messages?: string[] }[]) {
    const path = (entry.pointer ?? '').split('/').filter(Boolean);
    // The body is {kind, input}: the form holds input.
    if (path[0] === 'input') path.shift();
    let node = tree;
    for (const part of path) node = node[part] ??= {};
    node.__errors = [...(node.__errors ?? []), ...(entry.messages ?? [])];
  }
  return tree;
}
