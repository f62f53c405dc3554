import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../format';
import { eventLabel, stateLabel } from './labels';
import type { InstanceView } from './queries';

export function Deadlines({ view }: { view: InstanceView }) {
  const { t, i18n } = useTranslation('record');
  return (
    <section className="fr-mb-4w" aria-labelledby="deadlines-title">
      <h2 id="deadlines-title">{t('deadlines.title')}</h2>
      {view.deadlines.length === 0 ? (
        <p>{t('deadlines.none')}</p>
      ) : (
        <ul data-testid="deadlines">
          {view.deadlines.map((deadline) => (
            <li key={`${deadline.event}-${deadline.dueAt}`}>
              <strong>{eventLabel(t, view.kind, deadline.event)}</strong> —{' '}
              {t(deadline.duty ? 'deadlines.dutyBy' : 'deadlines.due', { date: formatDateTime(deadline.dueAt, i18n.language) })}
              <span className="fr-hint-text">{deadline.label}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function Relations({ view }: { view: InstanceView }) {
  const { t } = useTranslation(['record', 'common']);
  const children = view.children ?? [];
  if (!view.parentId && children.length === 0) return null;
  return (
    <section className="fr-mb-4w" aria-labelledby="relations-title">
      <h2 id="relations-title">{t('relations.title')}</h2>
      {view.parentId && (
        <p>
          {t('relations.parent')} <Link to={`/records/${view.parentId}`}>{t('relations.openParent')}</Link>
        </p>
      )}
      {children.length > 0 && (
        <>
          <p>{t('relations.children', { count: children.length })}</p>
          <ul>
            {children.map((child) => (
              <li key={child.id}>
                <Link to={`/records/${child.id}`}>
                  {t(`kinds.${child.kind}`, { ns: 'common', defaultValue: child.kind })} {child.id.slice(0, 8)}
                </Link>{' '}
                — {stateLabel(t, child.kind, child.state)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
