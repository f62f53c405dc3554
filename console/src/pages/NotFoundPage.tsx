import { useTranslation } from 'react-i18next';

/** Placeholder: this page is being built. */
export function NotFoundPage() {
  const { t } = useTranslation('notfound');
  return <h1>{t('title')}</h1>;
}
