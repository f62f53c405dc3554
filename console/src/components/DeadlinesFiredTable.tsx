import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { formatDateTime } from '../format';
import { RecordLink, deadlineLabel, stateLabel } from './PagesShared';

const SEVERITY = { applied: 'success', refused: 'warning', failed: 'error' } as const;

/** What a firing did (POST /api/deadlines/fire-due, POST /api/clock): one row per deadline, in due order. */
export function DeadlinesFiredTable({ fired, caption }: { fired: Schemas['FiredDeadline'][]; caption: string }) {
  const { t, i18n } = useTranslation('deadlines');
  if (fired.length === 0) return <p role="status">{t('fired.none')}</p>;
  return (
    <div role="status">
      <Table
        caption={caption}
        headers={[t('columns.dueAt'), t('columns.label'), t('columns.record'), t('fired.outcome'), t('fired.after')]}
        data={fired.map((item) => [
          formatDateTime(item.dueAt, i18n.language),
          deadlineLabel(item.event, item.event, t),
          <RecordLink key="record" id={item.instanceId} kind={item.kind} />,
          <Badge key="outcome" as="span" small noIcon severity={SEVERITY[item.outcome]}>
            {t(`fired.outcomes.${item.outcome}`)}
          </Badge>,
          item.reason ?? (item.state ? stateLabel(item.state, t) : '—'),
        ])}
      />
    </div>
  );
}
