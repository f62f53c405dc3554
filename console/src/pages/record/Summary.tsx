import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { stageLabel, stateLabel } from './labels';
import type { InstanceView } from './queries';

/** Who the record is about: a tender's buyer, a convention's parties, a cohort's group. */
function owner(view: InstanceView): string | undefined {
  const context = (view.context ?? {}) as Record<string, unknown>;
  if (typeof context.buyer === 'string') return context.buyer;
  if (Array.isArray(context.parties))
    return (context.parties as { organisation?: string }[])
      .map((party) => party.organisation)
      .filter(Boolean)
      .join(', ');
  if (typeof context.group === 'string') return context.group;
  return undefined;
}

export function recordTitle(view: InstanceView): string | undefined {
  const context = (view.context ?? {}) as Record<string, unknown>;
  const terms = context.terms as Record<string, unknown> | undefined;
  const title = context.title ?? terms?.title;
  return typeof title === 'string' ? title : undefined;
}

export function Summary({ view }: { view: InstanceView }) {
  const { t, i18n } = useTranslation(['record', 'common']);
  const who = owner(view);
  const done = view.status === 'done';
  return (
    <section className="fr-mb-4w" aria-labelledby="summary-title" data-testid="summary">
      <h2 id="summary-title" className="fr-sr-only">
        {t('summary.title')}
      </h2>
      <ul className="fr-badges-group fr-mb-2w" aria-label={t('summary.badges')}>
        <li>
          <Badge severity="info" noIcon>
            {t(`kinds.${view.kind}`, { ns: 'common', defaultValue: view.kind })}
          </Badge>
        </li>
        <li data-testid="stage-badge">
          <Badge severity="new" noIcon>
            {t('summary.stageBadge', { stage: stageLabel(t, view.stage) })}
          </Badge>
        </li>
        <li data-testid="state-badge">
          <Badge severity={done ? 'success' : 'warning'} noIcon>
            {stateLabel(t, view.kind, view.state)}
          </Badge>
        </li>
      </ul>
      <dl className="console-facts">
        {who && (
          <div>
            <dt>{view.kind === 'convention' ? t('summary.parties') : view.kind === 'cohort' ? t('summary.group') : t('summary.buyer')}</dt>
            <dd>{who}</dd>
          </div>
        )}
        <div>
          <dt>{t('summary.state')}</dt>
          <dd>
            {stateLabel(t, view.kind, view.state)}{' '}
            <code className="fr-text--xs" data-testid="raw-state">
              {view.state}
            </code>{' '}
            ({t(`status.${view.status}`, { ns: 'states', defaultValue: view.status })})
          </dd>
        </div>
        <div>
          <dt>{t('summary.organisation')}</dt>
          <dd data-testid="organisation">{view.organisation}</dd>
        </div>
        <div>
          <dt>{t('summary.version')}</dt>
          <dd data-testid="version">{view.version}</dd>
        </div>
        <div>
          <dt>{t('summary.created')}</dt>
          <dd>{formatDateTime(view.createdAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('summary.updated')}</dt>
          <dd>{formatDateTime(view.updatedAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('summary.machine')}</dt>
          <dd>
            {view.kind}@{view.machineVersion}
          </dd>
        </div>
      </dl>
    </section>
  );
}
