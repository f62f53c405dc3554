import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, ApiError, unwrap } from '../api/client';
import { completeOidcSignIn, startOidcSignIn, type OidcSettings } from '../session/oidc';
import { useSession } from '../session/session';

/** The provider's name as people know it: its host. */
function providerName(settings: OidcSettings): string {
  return new URL(settings.issuer).host;
}

/** The service's OpenID Connect provider, if it has one (GET /api/auth/config, public). */
function useOidcSettings() {
  return useQuery({
    queryKey: ['auth-config'],
    queryFn: () => unwrap(api.GET('/api/auth/config')),
    staleTime: Infinity,
    retry: false,
  });
}

/** Sign-in through the provider: the button that starts the authorization-code flow. */
function OidcSignIn({ settings }: { settings: OidcSettings }) {
  const { t } = useTranslation('signin');
  const location = useLocation();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const provider = providerName(settings);
  async function start() {
    setBusy(true);
    setError(undefined);
    try {
      const here = location.pathname === '/sign-in' ? '/' : `${location.pathname}${location.search}`;
      await startOidcSignIn(settings, here);
    } catch (failure) {
      setError(t('sso.failed', { reason: failure instanceof Error ? failure.message : String(failure) }));
      setBusy(false);
    }
  }
  return (
    <section className="fr-mb-4w" aria-labelledby="sso-title">
      <h2 id="sso-title" className="fr-h4">
        {t('sso.title')}
      </h2>
      <p>{t('sso.intro', { provider })}</p>
      {error && <Alert severity="error" small description={error} className="fr-mb-2w" />}
      <Button type="button" iconId="fr-icon-account-circle-line" disabled={busy} onClick={() => void start()}>
        {t('sso.button', { provider })}
      </Button>
    </section>
  );
}

/** The return from the provider (CALLBACK_PATH): the code exchanged for a token, then the page asked for. */
export function OidcCallbackPage() {
  const { t } = useTranslation('signin');
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string | undefined>();
  // The exchange runs once: a code is good for one exchange only (React runs effects twice in development).
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      try {
        const { bearer, returnTo } = await completeOidcSignIn(new URL(window.location.href));
        await signIn(bearer);
        void navigate(returnTo, { replace: true });
      } catch (failure) {
        if (failure instanceof ApiError) {
          setError(t('sso.refused', { reason: failure.message }));
        } else setError(t('sso.failed', { reason: failure instanceof Error ? failure.message : String(failure) }));
      }
    })();
  }, [navigate, signIn, t]);
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>{t('title')}</h1>
        {error ? (
          <>
            <Alert severity="error" small description={error} className="fr-mb-2w" />
            <Link to="/sign-in" replace>
              {t('sso.again')}
            </Link>
          </>
        ) : (
          <p role="status">{t('sso.returning')}</p>
        )}
      </div>
    </div>
  );
}

/** Sign-in with a bearer token (printed at the first start on the embedded default), kept for this tab's session. */
export function SignInPage() {
  const { t } = useTranslation('signin');
  const { me, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const oidc = useOidcSettings().data?.oidc ?? undefined;

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
        {oidc && <OidcSignIn settings={oidc} />}
        {oidc && (
          <h2 className="fr-h4" id="token-title">
            {t('sso.or')}
          </h2>
        )}
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
