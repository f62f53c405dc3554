import { useTranslation } from 'react-i18next';

/** Placeholder: this page is being built. */
export function RecordPage() {
  const { t } = useTranslation('record');
  return <h1>{t('title')}</h1>;
}
