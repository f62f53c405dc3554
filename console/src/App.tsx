import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header } from '@codegouvfr/react-dsfr/Header';
import { LanguageSelect } from '@codegouvfr/react-dsfr/LanguageSelect';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { LANGUAGES, setLanguage, type Language } from './i18n';
import { AuditPage } from './pages/AuditPage';
import { ClockPage } from './pages/ClockPage';
import { DashboardPage } from './pages/DashboardPage';
import { DeadlinesPage } from './pages/DeadlinesPage';
import { IndicatorsPage } from './pages/IndicatorsPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationsPage } from './pages/notifications/NotificationsPage';
import { RecordPage } from './pages/record/RecordPage';
import { RecordsPage } from './pages/RecordsPage';
import { OidcCallbackPage, SignInPage } from './pages/SignInPage';
import { CALLBACK_PATH } from './session/oidc';
import { useSession, type Me } from './session/session';
import { useLiveUpdates } from './live/useLiveUpdates';

/** The main menu: only the pages the signed-in role may use. */
function navigation(me: Me | undefined, path: string, t: (key: string) => string) {
  if (!me) return [];
  const item = (to: string, key: string) => ({
    text: t(key),
    linkProps: { to },
    isActive: to === '/' ? path === '/' : path.startsWith(to),
  });
  return [
    item('/', 'nav.dashboard'),
    item('/records', 'nav.records'),
    item('/deadlines', 'nav.deadlines'),
    item('/indicators', 'nav.indicators'),
    item('/audit', 'nav.audit'),
    ...(me.can.readNotifications ? [item('/notifications', 'nav.notifications')] : []),
    ...(me.can.moveClock ? [item('/clock', 'nav.clock')] : []),
  ];
}

export function App() {
  const { t, i18n } = useTranslation();
  const { me, loading, signOut } = useSession();
  const location = useLocation();
  useLiveUpdates(me !== undefined);
  const language: Language = i18n.language === 'en' ? 'en' : 'fr';
  const quickAccess = [
    <LanguageSelect<Language>
      key="language"
      supportedLangs={LANGUAGES}
      fullNameByLang={{ fr: 'Français', en: 'English' }}
      lang={language}
      setLang={setLanguage}
    />,
    ...(me
      ? [
          {
            iconId: 'fr-icon-account-circle-line' as const,
            text: t('session.who', { name: me.name, role: t(`roles.${me.role}`) }),
            linkProps: { to: '/sign-in' },
          },
          { iconId: 'fr-icon-logout-box-r-line' as const, text: t('session.signOut'), buttonProps: { onClick: signOut } },
        ]
      : []),
  ];
  return (
    <>
      <SkipLinks links={[{ anchor: '#content', label: t('skip.content') }]} />
      <Header
        brandTop={
          <>
            République
            <br />
            Française
          </>
        }
        serviceTitle={t('service.title')}
        serviceTagline={t('service.tagline')}
        homeLinkProps={{ to: '/', title: t('service.home') }}
        navigation={navigation(me, location.pathname, t)}
        quickAccessItems={quickAccess}
      />
      <main id="content" className="fr-container console-main" tabIndex={-1}>
        {loading ? (
          <p>{t('session.loading')}</p>
        ) : location.pathname === CALLBACK_PATH ? (
          <OidcCallbackPage />
        ) : !me ? (
          <SignInPage />
        ) : (
          <Routes>
            <Route path="/" element={<DashboardPage />} />
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/records" element={<RecordsPage />} />
            <Route path="/records/:id" element={<RecordPage />} />
            <Route path="/deadlines" element={<DeadlinesPage />} />
            <Route path="/indicators" element={<IndicatorsPage />} />
            <Route path="/audit" element={<AuditPage />} />
            <Route path="/notifications" element={me.can.readNotifications ? <NotificationsPage /> : <Navigate to="/" replace />} />
            <Route path="/clock" element={me.can.moveClock ? <ClockPage /> : <Navigate to="/" replace />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        )}
      </main>
      <Footer accessibility="partially compliant" contentDescription={t('service.footer')} />
    </>
  );
}
