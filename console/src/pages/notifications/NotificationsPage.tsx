import './notifications.css';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session';
import { Deliveries } from './Deliveries';
import { Subscriptions } from './Subscriptions';

/**
 * Notifications (docs/notifications.md): the webhook subscriptions for administrators, the deliveries
 * for administrators and auditors. What each role sees follows GET /api/me; the API refuses the rest.
 */
export function NotificationsPage() {
  const { t } = useTranslation('notifications');
  const { me } = useSession();
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {me?.can.manageWebhooks && <Subscriptions />}
      <Deliveries />
    </>
  );
}
