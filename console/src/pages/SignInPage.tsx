import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { useSession } from '../session/session';

/** Sign-in with a bearer token (printed at the first start on the embedded default), kept for this tab's session. */
export function SignInPage() {
  const { t } = useTranslation('signin');
  const { me, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(token.trim());
      // A link to a page opens that page once signed in; the sign-in page itself leads to the dashboard.
      if (location.pathname === '/sign-in') void navigate('/');
    } catch (failure) {
      setError(failure instanceof ApiError && failure.problem.status === 401 ? t('refused') : t('unreachable'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>{t('title')}</h1>
        {me && <Alert severity="info" small description={t('signedInAs', { name: me.name, role: t(`common:roles.${me.role}`) })} />}
        <p>{t('intro')}</p>
        <form onSubmit={(event) => void submit(event)} aria-describedby={error ? 'sign-in-error' : undefined}>
          <Input
            label={t('token.label')}
            hintText={t('token.hint')}
            state={error ? 'error' : 'default'}
            stateRelatedMessage={error}
            nativeInputProps={{
              type: 'password',
              name: 'token',
              autoComplete: 'off',
              required: true,
              value: token,
              onChange: (event) => setToken(event.target.value),
            }}
          />
          {error && (
            <p id="sign-in-error" className="fr-sr-only" role="alert">
              {error}
            </p>
          )}
          <Button type="submit" disabled={busy || token.trim() === ''}>
            {t('submit')}
          </Button>
        </form>
      </div>
    </div>
  );
}
