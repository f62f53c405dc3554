import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ErrorSchema } from '@rjsf/utils';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../api/client';
import { fieldPath, prepareForm } from '../../forms/schema';
import { SchemaForm } from '../../forms/SchemaForm';
import { enrichEventSchema } from './enrich';
import { eventLabel } from './labels';
import type { InstanceView } from './queries';
import { sendEvent } from './sendEvent';

interface EventFormProps {
  view: InstanceView;
  type: string;
  schema: Record<string, unknown>;
  onClose: (result?: string) => void;
}

/** The API's per-field errors as an rjsf error schema, so that each shows under its field. */
function toErrorSchema(problem: Problem): ErrorSchema | undefined {
  const errors = (problem.errors ?? []) as { field?: string; pointer?: string; messages?: string[]; message?: string }[];
  if (errors.length === 0) return undefined;
  const root: Record<string, unknown> = {};
  for (const error of errors) {
    const path = fieldPath(error.field, error.pointer);
    let node = root;
    for (const part of path) node = (node[part] ??= {}) as Record<string, unknown>;
    const messages = error.messages ?? (error.message ? [error.message] : []);
    node.__errors = [...((node.__errors as string[] | undefined) ?? []), ...messages];
  }
  return root as ErrorSchema;
}

/** One event's form: generated from its schema, sent at the version it was opened at, the refusal shown beside it. */
export function EventForm({ view, type, schema, onClose }: EventFormProps) {
  const { t } = useTranslation('record');
  const client = useQueryClient();
  // Kept while the form is open: a retry of the same submission is applied at most once.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [openedAt, setOpenedAt] = useState(view.version);
  const enriched = useMemo(() => enrichEventSchema(view, type, schema), [view, type, schema]);
  const prepared = useMemo(() => prepareForm(enriched.schema), [enriched.schema]);
  const [formData, setFormData] = useState<Record<string, unknown>>(enriched.formData);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [sending, setSending] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const titleId = `event-form-${type}`;

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);

  const submit = async (data: Record<string, unknown>) => {
    setSending(true);
    setProblem(undefined);
    const result = await sendEvent(view.id, { type, ...data }, openedAt, idempotencyKey);
    setSending(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    client.setQueryData(['instance', view.id], result.view);
    await Promise.all([
      client.invalidateQueries({ queryKey: ['instance', view.id] }),
      client.invalidateQueries({ queryKey: ['history', view.id] }),
      client.invalidateQueries({ queryKey: ['instances'] }),
    ]);
    onClose(t('actions.done', { event: eventLabel(t, view.kind, type), version: result.view.version }));
  };

  const reload = async () => {
    await client.invalidateQueries({ queryKey: ['instance', view.id] });
    const fresh = client.getQueryData<InstanceView>(['instance', view.id]);
    if (fresh) setOpenedAt(fresh.version);
    setProblem(undefined);
  };

  const stale = problem?.status === 412 || problem?.code === 'VERSION_CONFLICT';
  const extraErrors = problem ? toErrorSchema(problem) : undefined;
  return (
    <section className="console-event-form fr-p-3w fr-mb-4w" aria-labelledby={titleId} data-testid="event-form">
      <h3 id={titleId} ref={heading} tabIndex={-1}>
        {eventLabel(t, view.kind, type)}
      </h3>
      <p className="fr-hint-text">{t('actions.openedAt', { version: openedAt })}</p>
      <div className="console-event-form__body">
        <div className="console-event-form__fields">
          <SchemaForm
            id={`event-${type}`}
            schema={prepared.schema}
            uiSchema={prepared.uiSchema}
            formData={formData}
            extraErrors={extraErrors}
            submitText={sending ? t('actions.sending') : t('actions.send')}
            disabled={sending}
            onChange={setFormData}
            onSubmit={(data) => void submit(data)}
          />
          <Button priority="secondary" className="fr-mt-2w" onClick={() => onClose()}>
            {t('actions.close')}
          </Button>
        </div>
        <div className="console-event-form__result" aria-live="polite">
          {problem && (
            <div ref={problemRef} tabIndex={-1} data-testid="refusal">
              {stale ? (
                <Alert
                  severity="warning"
                  title={t('refusal.staleTitle')}
                  description={
                    <>
                      <p>
                        {t('refusal.stale', {
                          opened: openedAt,
                          current: typeof problem.currentVersion === 'number' ? problem.currentVersion : '?',
                        })}
                      </p>
                      <Button priority="secondary" onClick={() => void reload()}>
                        {t('refusal.reload')}
                      </Button>
                    </>
                  }
                />
              ) : (
                <Alert
                  severity="error"
                  title={t(`refusal.titles.${problem.status}`, { defaultValue: t('refusal.title') })}
                  description={
                    <>
                      <p>{problem.detail ?? problem.title ?? t(problem.status === 0 ? 'refusal.network' : 'refusal.unknown')}</p>
                      <dl className="console-facts console-facts--compact">
                        {problem.rule && (
                          <div>
                            <dt>{t('refusal.rule')}</dt>
                            <dd data-testid="refusal-rule">{problem.rule}</dd>
                          </div>
                        )}
                        {problem.reason && (
                          <div>
                            <dt>{t('refusal.reason')}</dt>
                            <dd>{problem.reason}</dd>
                          </div>
                        )}
                        {problem.code && (
                          <div>
                            <dt>{t('refusal.code')}</dt>
                            <dd data-testid="refusal-code">{problem.code}</dd>
                          </div>
                        )}
                        <div>
                          <dt>{t('refusal.status')}</dt>
                          <dd>{problem.status}</dd>
                        </div>
                      </dl>
                      {Array.isArray(problem.errors) && problem.errors.length > 0 && (
                        <ul>
                          {(problem.errors as { field?: string; messages?: string[]; message?: string }[]).map((error, index) => (
                            <li key={index}>
                              {error.field ?? '—'} : {(error.messages ?? [error.message]).join(' ')}
                            </li>
                          ))}
                        </ul>
                      )}
                    </>
                  }
                />
              )}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
