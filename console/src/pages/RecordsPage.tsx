import { useTranslation } from 'react-i18next';

/** Placeholder: this page is being built. */
export function RecordsPage() {
  const { t } = useTranslation('records');
  return <h1>{t('title')}</h1>;
}
