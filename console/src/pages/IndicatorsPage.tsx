import { useTranslation } from 'react-i18next';

/** Placeholder: this page is being built. */
export function IndicatorsPage() {
  const { t } = useTranslation('indicators');
  return <h1>{t('title')}</h1>;
}
