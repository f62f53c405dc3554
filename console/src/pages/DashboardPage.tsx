import { useTranslation } from 'react-i18next';

/** Placeholder: this page is being built. */
export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  return <h1>{t('title')}</h1>;
}
