import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubscriptionWithSecret } from './queries';

export interface ShownSecret {
  subscription: SubscriptionWithSecret;
  /** created: a new subscription; rotated: a new secret for an existing one. */
  why: 'created' | 'rotated';
}

/**
 * A signing secret as the API answers it once (after a subscription or a rotation): kept in this
 * component's props only, never in the query cache, so that it is gone once dismissed or the page left.
 */
export function SecretOnce({ shown, onDismiss }: { shown: ShownSecret; onDismiss: () => void }) {
  const { t } = useTranslation('notifications');
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const panel = useRef<HTMLDivElement>(null);
  const { subscription, why } = shown;

  useEffect(() => {
    setCopy('idle');
    panel.current?.focus();
  }, [subscription.secret]);

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(subscription.secret);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  return (
    <div ref={panel} tabIndex={-1} className="fr-mb-4w" data-testid="secret-once">
      <Alert
        severity="warning"
        title={t(why === 'created' ? 'secret.createdTitle' : 'secret.rotatedTitle', { url: subscription.url })}
        description={
          <>
            <p>{t('secret.warning')}</p>
            {why === 'rotated' && subscription.previousSecretExpiresAt && <p>{t('secret.grace')}</p>}
            <Input
              label={t('secret.label')}
              className="fr-mt-2w"
              nativeInputProps={{
                readOnly: true,
                value: subscription.secret,
                spellCheck: false,
                onFocus: (event) => event.target.select(),
              }}
            />
            <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
              <li>
                <Button type="button" iconId="fr-icon-clipboard-line" onClick={() => void copySecret()}>
                  {t('secret.copy')}
                </Button>
              </li>
              <li>
                <Button type="button" priority="secondary" onClick={onDismiss}>
                  {t('secret.dismiss')}
                </Button>
              </li>
            </ul>
            <p role="status" className="fr-text--sm fr-mb-0">
              {copy === 'copied' ? t('secret.copied') : copy === 'failed' ? t('secret.copyFailed') : ''}
            </p>
          </>
        }
      />
    </div>
  );
}
