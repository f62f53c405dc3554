import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../format';
import { eventLabel } from './labels';
import type { HistoryEvent, VerifyResult } from './queries';
import { ReadableObject } from './Readable';
import { Changes, useChanges } from './Changes';

const PAGE_SIZE = 20;

/** The record's events in order, each with its business and recorded times, actor and data; and the chain's check. */
export function History({ id, kind, events, loading }: { id: string; kind: string; events: HistoryEvent[] | undefined; loading: boolean }) {
  const { t, i18n } = useTranslation('record');
  const lang = i18n.language;
  const [page, setPage] = useState<number | undefined>();
  const changes = useChanges(id);
  const verify = useMutation({
    mutationFn: () => unwrap(api.GET('/api/instances/{id}/verify', { params: { path: { id } } })) as Promise<VerifyResult>,
  });
  const total = events?.length ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  // The last page (the latest events) first.
  const current = Math.min(page ?? pages, pages);
  const shown = (events ?? []).slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const divergent = verify.data && !verify.data.ok ? verify.data.firstDivergentSeq : null;
  return (
    <section className="fr-mb-6w" aria-labelledby="history-title">
      <h2 id="history-title">{t('history.title', { count: total })}</h2>
      <div className="fr-mb-3w">
        <Button priority="secondary" iconId="fr-icon-shield-line" onClick={() => verify.mutate()} disabled={verify.isPending}>
          {verify.isPending ? t('history.verifying') : t('history.verify')}
        </Button>
        <div aria-live="polite" className="fr-mt-2w" data-testid="verify-result">
          {verify.data &&
            (verify.data.ok ? (
              <Alert small severity="success" description={t('history.verifyOk', { count: verify.data.eventsChecked })} />
            ) : (
              <Alert
                small
                severity="error"
                description={t('history.verifyFailed', { seq: verify.data.firstDivergentSeq ?? '?', problem: verify.data.problem ?? '' })}
              />
            ))}
          {verify.error && <Alert small severity="error" description={verify.error.message} />}
        </div>
      </div>
      {loading ? (
        <p>{t('history.loading')}</p>
      ) : (
        <>
          <ol className="console-timeline" data-testid="history">
            {shown.map((event) => (
              <li
                key={event.seq}
                className={event.seq === divergent ? 'console-timeline__item console-timeline__item--divergent' : 'console-timeline__item'}
                data-seq={event.seq}
                data-type={event.type}
              >
                <h3 className="fr-h6 fr-mb-1v">
                  <span className="fr-text--sm">#{event.seq}</span> {eventLabel(t, kind, event.type)}
                </h3>
                <p className="fr-text--sm fr-mb-1v">
                  {t('history.at', { date: formatDateTime(event.at, lang) })} ·{' '}
                  {t('history.recordedAt', { date: formatDateTime(event.recordedAt, lang) })} · {t('history.actor', { actor: event.actor })}
                </p>
                {Object.keys(event.payload ?? {}).length > 0 ? (
                  <details>
                    <summary>{event.type === 'CREATE' ? t('history.input') : t('history.changes')}</summary>
                    <ReadableObject
                      value={
                        (event.type === 'CREATE' && typeof event.payload.input === 'object'
                          ? event.payload.input
                          : event.payload) as Record<string, unknown>
                      }
                    />
                  </details>
                ) : (
                  <p className="fr-hint-text">{t('history.noData')}</p>
                )}
                {event.type !== 'CREATE' && changes.data?.get(event.seq) && (
                  <details open>
                    <summary>{t('changes.summary')}</summary>
                    <Changes kind={kind} changes={changes.data.get(event.seq)!} />
                  </details>
                )}
                <p className="fr-text--xs console-hash">
                  {t('history.hash')} <code>{event.hash.slice(0, 16)}…</code>
                </p>
              </li>
            ))}
          </ol>
          {pages > 1 && (
            <nav aria-label={t('history.pages')} className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
              <Button priority="tertiary" disabled={current <= 1} onClick={() => setPage(current - 1)}>
                {t('history.earlier')}
              </Button>
              <span className="fr-text--sm fr-mx-2w">{t('history.page', { page: current, pages })}</span>
              <Button priority="tertiary" disabled={current >= pages} onClick={() => setPage(current + 1)}>
                {t('history.later')}
              </Button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
