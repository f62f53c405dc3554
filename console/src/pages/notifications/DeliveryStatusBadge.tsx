import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { useTranslation } from 'react-i18next';
import type { DeliveryStatus } from './queries';

const SEVERITY = { pending: 'info', delivered: 'success', dead: 'error' } as const;

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation('notifications');
  return (
    <Badge as="span" small severity={SEVERITY[status]}>
      {t(`status.${status}`)}
    </Badge>
  );
}

/** An effect type (informAwardedBidder) in the console's language; the type itself when the catalogue has no label for it. */
export function effectLabel(type: string, t: (key: string, options?: { defaultValue: string }) => string): string {
  return t(`notifications:effects.${type}`, { defaultValue: type });
}
