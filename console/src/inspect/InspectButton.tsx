import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../api/client';
import { inspectorUrl, inspectRecord, type InspectedEvent, type RecordInspection } from './statelyInspector';

type View = Schemas['InstanceView'];

/** Every event of a record after `afterSeq`, all pages. */
async function eventsAfter(id: string, afterSeq: number): Promise<InspectedEvent[]> {
  const events: InspectedEvent[] = [];
  for (;;) {
    const page = await unwrap(
      api.GET('/api/instances/{id}/history', {
        params: { path: { id }, query: { afterSeq: events.at(-1)?.seq ?? afterSeq, limit: 1000 } },
      }),
    );
    events.push(...page.items);
    if (page.items.length < 1000) return events;
  }
}

/**
 * "Inspect in Stately": shown only when the service offers an inspector (CONSOLE_INSPECTOR_URL).
 * Once opened, each new version of the record is streamed to it as one more step.
 */
export function InspectButton({ record }: { record: View }) {
  const { t } = useTranslation('inspect');
  const url = inspectorUrl();
  const inspection = useRef<{ session: RecordInspection; lastSeq: number } | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    const current = inspection.current;
    if (!current || record.version <= current.lastSeq) return;
    void eventsAfter(record.id, current.lastSeq).then((events) => {
      for (const event of events) current.session.step(event, record);
      current.lastSeq = Math.max(current.lastSeq, ...events.map((event) => event.seq));
    });
  }, [record]);

  useEffect(() => () => inspection.current?.session.stop(), []);

  if (!url) return null;

  async function start() {
    setError(undefined);
    try {
      const machine = await unwrap(
        api.GET('/api/machines/{kind}', { params: { path: { kind: record.kind }, query: { version: record.machineVersion } } }),
      );
      const history = await eventsAfter(record.id, 0);
      inspection.current?.session.stop();
      const session = await inspectRecord(url!, record, machine.definition, history);
      inspection.current = { session, lastSeq: history.at(-1)?.seq ?? 0 };
      setOpen(true);
    } catch {
      setError(t('failed'));
    }
  }

  return (
    <div className="fr-mt-2w">
      <Button priority="tertiary" size="small" iconId="fr-icon-external-link-line" onClick={() => void start()}>
        {open ? t('reopen') : t('open')}
      </Button>
      <p className="fr-hint-text" aria-live="polite">
        {error ?? (open ? t('streaming') : t('hint'))}
      </p>
    </div>
  );
}
