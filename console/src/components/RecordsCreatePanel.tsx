import { Button } from '@codegouvfr/react-dsfr/Button';
import { useTranslation } from 'react-i18next';

/** The administrator's "new record" button. */
export function RecordsCreatePanel() {
  const { t } = useTranslation('records');
  return (
    <Button iconId="fr-icon-add-line" type="button">
      {t('create.open')}
    </Button>
  );
}
