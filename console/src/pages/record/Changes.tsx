import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { fieldLabel } from '../../forms/schema';
import { stateLabel } from './labels';
import { ReadableValue } from './Readable';

export type EventChanges = Schemas['EventChanges']['items'][number];

/** What each event changed (GET /api/instances/:id/changes: the service replays the history), by seq. */
export function useChanges(id: string) {
  return useQuery({
    // Under ['history', id]: the live updates refresh it with the history.
    queryKey: ['history', id, 'changes'],
    queryFn: async () => {
      const answer = await unwrap(api.GET('/api/instances/{id}/changes', { params: { path: { id } } }));
      return new Map(answer.items.map((item) => [item.seq, item]));
    },
  });
}

/** `bids.0.scores.technical` in words: "Offres › n° 1 › Notes › Technical". */
function pathLabel(path: string, t: (key: string, options?: Record<string, unknown>) => string): string {
  return path
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? t('changes.item', { number: Number(part) + 1 }) : fieldLabel(part)))
    .join(' › ');
}

/** One event's changes: the state when it moved, then each field before and after, as a table. */
export function Changes({ kind, changes }: { kind: string; changes: EventChanges }) {
  const { t } = useTranslation('record');
  const moved = changes.stateBefore !== null && changes.stateBefore !== changes.stateAfter;
  if (!moved && changes.changes.length === 0) return <p className="fr-hint-text">{t('changes.none')}</p>;
  return (
    <div data-testid="event-changes">
      {moved && (
        <p className="fr-text--sm fr-mb-1w">
          {t('changes.state', { before: stateLabel(t, kind, changes.stateBefore!), after: stateLabel(t, kind, changes.stateAfter) })}
        </p>
      )}
      {changes.changes.length > 0 && (
        <div className="fr-table fr-table--sm fr-mb-1w">
          <table>
            <caption className="fr-sr-only">{t('changes.caption', { seq: changes.seq })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('changes.field')}</th>
                <th scope="col">{t('changes.before')}</th>
                <th scope="col">{t('changes.after')}</th>
              </tr>
            </thead>
            <tbody>
              {changes.changes.map((change) => {
                const name = change.path.split('.').at(-1);
                return (
                  <tr key={change.path}>
                    <th scope="row">{pathLabel(change.path, t)}</th>
                    <td>{'before' in change ? <ReadableValue name={name} value={change.before} /> : <em>{t('changes.added')}</em>}</td>
                    <td>{'after' in change ? <ReadableValue name={name} value={change.after} /> : <em>{t('changes.removed')}</em>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {changes.truncated && <p className="fr-hint-text">{t('changes.truncated')}</p>}
    </div>
  );
}
