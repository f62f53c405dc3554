import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ProblemAlert, downloadFile } from '../../components/PagesShared';

/** A tender's OCDS release package as a file (GET /api/instances/{id}/ocds): a release per stage it reached. */
export function OcdsDownload({ id }: { id: string }) {
  const { t } = useTranslation('record');
  const download = useMutation({
    mutationFn: () => downloadFile(`/api/instances/${id}/ocds`, {}, 'application/json', `ocds-${id}.json`),
  });
  const nothing = download.error instanceof ApiError && download.error.problem.code === 'NOTHING_TO_PUBLISH';
  return (
    <div className="fr-mb-4w" data-testid="ocds-download">
      <Button priority="tertiary" iconId="fr-icon-download-line" onClick={() => download.mutate()} disabled={download.isPending}>
        {download.isPending ? t('ocds.running') : t('ocds.download')}
      </Button>
      {nothing && <Alert severity="info" small description={t('ocds.nothing')} className="fr-mt-2w" />}
      {download.isError && !nothing && <ProblemAlert error={download.error} />}
    </div>
  );
}
