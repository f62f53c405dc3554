import { useTranslation } from 'react-i18next';
import { CohortSections, type CohortContext } from './CohortSections';
import { ConventionSections, type ConventionContext } from './ConventionSections';
import type { InstanceView } from './queries';
import { ReadableObject } from './Readable';
import { TenderSections, type TenderContext } from './TenderSections';

/** What the record holds, in sections per kind; any other kind as a readable list of its fields. */
export function ContextSections({ view }: { view: InstanceView }) {
  const { t } = useTranslation('record');
  const context = (view.context ?? {}) as Record<string, unknown>;
  return (
    <section className="fr-mb-6w" aria-labelledby="context-title" data-testid="context">
      <h2 id="context-title">{t('context.title')}</h2>
      {view.kind === 'tender' ? (
        <TenderSections context={context as unknown as TenderContext} summary={view.summary ?? {}} />
      ) : view.kind === 'convention' ? (
        <ConventionSections context={context as unknown as ConventionContext} summary={view.summary ?? {}} />
      ) : view.kind === 'cohort' ? (
        <CohortSections context={context as unknown as CohortContext} />
      ) : (
        <ReadableObject value={context} />
      )}
    </section>
  );
}
