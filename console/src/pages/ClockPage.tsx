import { useTranslation } from 'react-i18next';

/** Placeholder: this page is being built. */
export function ClockPage() {
  const { t } = useTranslation('clock');
  return <h1>{t('title')}</h1>;
}
