import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import Form from '@rjsf/core';
import validator from '@rjsf/validator-ajv8';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../api/client';
import { KINDS, LoadingText, ProblemAlert } from './PagesShared';
import './RecordsCreatePanel.css';

type Kind = (typeof KINDS)[number];

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
  const { t } = useTranslation('records');
  const navigate = useNavigate();
  const client = useQueryClient();
  const [input, setInput] = useState<Record<string, unknown>>({});
  const machine = useQuery({
    queryKey: ['machine', kind],
    queryFn: () => unwrap(api.GET('/api/machines/{kind}', { params: { path: { kind } } })),
    staleTime: Infinity,
  });
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => unwrap(api.POST('/api/instances', { body: { kind, input: body } })),
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
      <Form
        className="records-create-form"
        schema={machine.data.inputSchema}
        validator={validator}
        formData={input}
        onChange={(event) => setInput((event.formData ?? {}) as Record<string, unknown>)}
        onSubmit={(event) => create.mutate((event.formData ?? {}) as Record<string, unknown>)}
        showErrorList={false}
        uiSchema={{
          'ui:submitButtonOptions': { submitText: t('create.submit'), props: { className: 'fr-btn', disabled: create.isPending } },
        }}
      />
    </>
  );
}
