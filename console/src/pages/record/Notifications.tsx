import { Table } from '@codegouvfr/react-dsfr/Table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadingText, ProblemAlert } from '../../components/PagesShared';
import { formatDateTime } from '../../format';
import { DeliveryStatusBadge, effectLabel } from '../notifications/DeliveryStatusBadge';
import { useRecordNotifications } from '../notifications/queries';

/** A record has a few messages (one per effect of its events): one page shows them. */
const MESSAGES_SHOWN = 100;

/** The messages the record's events produced (its outbox), each with its deliveries to the subscriptions that matched. */
export function Notifications({ id }: { id: string }) {
  const { t, i18n } = useTranslation(['record', 'notifications']);
  const messages = useRecordNotifications(id, MESSAGES_SHOWN);
  const language = i18n.language;
  return (
    <section className="fr-mb-4w" aria-labelledby="record-notifications-title">
      <h2 id="record-notifications-title">{t('notifications.title')}</h2>
      {messages.isError && <ProblemAlert error={messages.error} />}
      {messages.isPending && <LoadingText />}
      {messages.data &&
        (messages.data.items.length === 0 ? (
          <p>{t('notifications.none')}</p>
        ) : (
          <>
            <Table
              caption={t('notifications.caption', { count: messages.data.total })}
              headers={[t('notifications.columns.type'), t('notifications.columns.event'), t('notifications.columns.deliveries')]}
              data={messages.data.items.map((message) => [
                effectLabel(message.type, t),
                t('notifications.event', { seq: message.seq, date: formatDateTime(message.occurredAt, language) }),
                message.dispatchedAt === null ? (
                  t('notifications.notDispatched')
                ) : message.deliveries.length === 0 ? (
                  t('notifications.noSubscriber')
                ) : (
                  <ul key="deliveries" className="fr-m-0">
                    {message.deliveries.map((delivery) => (
                      <li key={delivery.id}>
                        <DeliveryStatusBadge status={delivery.status} /> {delivery.url || t('notifications:deliveries.deletedSubscription')}{' '}
                        <span className="fr-hint-text">
                          {delivery.status === 'delivered'
                            ? t('notifications:deliveries.deliveredAt', { date: formatDateTime(delivery.deliveredAt, language) })
                            : t('notifications.attempts', { count: delivery.attempts })}
                        </span>
                      </li>
                    ))}
                  </ul>
                ),
              ])}
            />
            {messages.data.total > messages.data.items.length && (
              <p className="fr-text--sm">{t('notifications.more', { shown: messages.data.items.length, total: messages.data.total })}</p>
            )}
          </>
        ))}
      <Link className="fr-link" to={`/notifications?record=${id}`}>
        {t('notifications.all')}
      </Link>
    </section>
  );
}
