import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { LoadingText, ProblemAlert } from '../../components/PagesShared';
import { formatDateTime } from '../../format';
import { effectLabel } from './DeliveryStatusBadge';
import { SecretOnce, type ShownSecret } from './SecretOnce';
import { SubscribeForm } from './SubscribeForm';
import { useSubscriptions, type Subscription } from './queries';

/** Webhook subscriptions (administrators): the list, subscribing, rotating a secret, deleting after a confirmation. */
export function Subscriptions() {
  const { t, i18n } = useTranslation(['notifications', 'common']);
  const client = useQueryClient();
  const subscriptions = useSubscriptions(true);
  const [shown, setShown] = useState<ShownSecret | undefined>();
  const [confirming, setConfirming] = useState<Subscription | undefined>();
  const [deleted, setDeleted] = useState<Subscription | undefined>();

  const rotate = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/webhooks/{id}/rotate-secret', { params: { path: { id } } })),
    onSuccess: (subscription) => {
      setShown({ subscription, why: 'rotated' });
      void client.invalidateQueries({ queryKey: ['webhooks'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/webhooks/{id}', { params: { path: { id } } })),
    onSuccess: (subscription) => {
      setConfirming(undefined);
      setDeleted(subscription);
      if (shown?.subscription.id === subscription.id) setShown(undefined);
      void client.invalidateQueries({ queryKey: ['webhooks'] });
      // Its pending deliveries have ended as dead.
      void client.invalidateQueries({ queryKey: ['notifications'] });
    },
  });

  const list = (values: string[] | null, label: (value: string) => string) =>
    values === null ? t('subscriptions.all') : values.map(label).join(', ');

  return (
    <section aria-labelledby="webhooks-title" className="fr-mb-6w">
      <h2 id="webhooks-title">{t('subscriptions.title')}</h2>
      <p>{t('subscriptions.intro')}</p>
      {shown && <SecretOnce shown={shown} onDismiss={() => setShown(undefined)} />}
      <SubscribeForm onSubscribed={(subscription) => setShown({ subscription, why: 'created' })} />
      {rotate.isError && <ProblemAlert error={rotate.error} />}
      {deleted && (
        <Alert
          severity="success"
          small
          closable
          onClose={() => setDeleted(undefined)}
          description={t('subscriptions.deleted', { url: deleted.url })}
          className="fr-mb-3w"
        />
      )}
      {confirming && (
        <DeleteConfirmation
          subscription={confirming}
          running={remove.isPending}
          error={remove.isError ? remove.error : undefined}
          onConfirm={() => remove.mutate(confirming.id)}
          onCancel={() => {
            setConfirming(undefined);
            remove.reset();
          }}
        />
      )}
      {subscriptions.isError && <ProblemAlert error={subscriptions.error} />}
      {subscriptions.isPending && <LoadingText />}
      {subscriptions.data &&
        (subscriptions.data.items.length === 0 ? (
          <p>{t('subscriptions.empty')}</p>
        ) : (
          <Table
            caption={t('subscriptions.caption', { count: subscriptions.data.total })}
            headers={[
              t('subscriptions.columns.url'),
              t('subscriptions.columns.events'),
              t('subscriptions.columns.kinds'),
              t('subscriptions.columns.created'),
              t('subscriptions.columns.previousSecret'),
              t('subscriptions.columns.actions'),
            ]}
            data={subscriptions.data.items.map((subscription) => [
              <span key="url" className="notifications-url">
                {subscription.url}
              </span>,
              list(subscription.events, (type) => effectLabel(type, t)),
              list(subscription.kinds, (kind) => t(`common:kinds.${kind}`, { defaultValue: kind })),
              t('subscriptions.createdBy', { date: formatDateTime(subscription.createdAt, i18n.language), name: subscription.createdBy }),
              subscription.previousSecretExpiresAt ? formatDateTime(subscription.previousSecretExpiresAt, i18n.language) : '—',
              <ul key="actions" className="fr-btns-group fr-btns-group--sm fr-btns-group--icon-left">
                <li>
                  <Button
                    type="button"
                    size="small"
                    priority="secondary"
                    iconId="fr-icon-refresh-line"
                    disabled={rotate.isPending}
                    onClick={() => rotate.mutate(subscription.id)}
                    title={t('subscriptions.rotateTitle', { url: subscription.url })}
                  >
                    {t('subscriptions.rotate')}
                  </Button>
                </li>
                <li>
                  <Button
                    type="button"
                    size="small"
                    priority="tertiary"
                    iconId="fr-icon-delete-line"
                    onClick={() => {
                      remove.reset();
                      setConfirming(subscription);
                    }}
                    title={t('subscriptions.deleteTitle', { url: subscription.url })}
                  >
                    {t('subscriptions.delete')}
                  </Button>
                </li>
                <li>
                  <Link className="fr-link fr-text--sm" to={`/notifications?subscription=${subscription.id}`}>
                    {t('subscriptions.deliveries')}
                  </Link>
                </li>
              </ul>,
            ])}
          />
        ))}
    </section>
  );
}

/** The confirmation step before a deletion: what it does, and a way back. */
function DeleteConfirmation({
  subscription,
  running,
  error,
  onConfirm,
  onCancel,
}: {
  subscription: Subscription;
  running: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('notifications');
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), [subscription.id]);
  return (
    <div role="alertdialog" aria-labelledby="webhooks-delete-title" aria-describedby="webhooks-delete-text" className="fr-mb-3w">
      <Alert
        severity="warning"
        title={<span id="webhooks-delete-title">{t('confirmDelete.title', { url: subscription.url })}</span>}
        description={
          <>
            <p id="webhooks-delete-text">{t('confirmDelete.text')}</p>
            {error !== undefined && <ProblemAlert error={error} />}
            <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
              <li>
                <Button type="button" iconId="fr-icon-delete-line" onClick={onConfirm} disabled={running}>
                  {running ? t('confirmDelete.running') : t('confirmDelete.confirm')}
                </Button>
              </li>
              <li>
                <Button type="button" priority="secondary" ref={cancel} onClick={onCancel}>
                  {t('confirmDelete.cancel')}
                </Button>
              </li>
            </ul>
          </>
        }
      />
    </div>
  );
}
