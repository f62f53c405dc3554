import { useTranslation } from 'react-i18next';

/** Placeholder: this page is being built. */
export function DeadlinesPage() {
  const { t } = useTranslation('deadlines');
  return <h1>{t('title')}</h1>;
}
