import { useTranslation } from 'react-i18next';

/** Placeholder: this page is being built. */
export function AuditPage() {
  const { t } = useTranslation('audit');
  return <h1>{t('title')}</h1>;
}
