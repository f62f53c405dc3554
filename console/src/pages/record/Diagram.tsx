import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decorateDiagram, parseDiagram, visitedStates } from './diagram';
import { eventLabel, stageLabel, stateLabel } from './labels';
import type { MachineDescription } from './queries';

interface DiagramProps {
  machine: MachineDescription;
  kind: string;
  state: string;
  /** The event types of the history up to the moment shown, in order (CREATE excluded). */
  events: string[];
}

let mermaidReady: Promise<typeof import('mermaid').default> | undefined;

/** Mermaid in its own chunk, set up once: strict security (no scripts, no HTML labels, no click handlers). */
function loadMermaid() {
  mermaidReady ??= import('mermaid').then(({ default: mermaid }) => {
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral', fontFamily: 'Marianne, arial, sans-serif' });
    return mermaid;
  });
  return mermaidReady;
}

/** The machine's diagram with the current state highlighted and the visited ones marked, and the same as a list. */
export function Diagram({ machine, kind, state, events }: DiagramProps) {
  const { t, i18n } = useTranslation('record');
  const renderId = `diagram-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [svg, setSvg] = useState<string | undefined>();
  const [failed, setFailed] = useState(false);
  const stateIds = machine.states.map((item) => item.id);
  const visited = useMemo(
    () => visitedStates(parseDiagram(machine.diagram, stateIds), events, state),
    [machine.diagram, events.join(','), state],
  );
  const compound = useMemo(() => new Set(stateIds.filter((id) => stateIds.some((other) => other.startsWith(`${id}.`)))), [stateIds]);
  const text = useMemo(
    () =>
      decorateDiagram(
        machine.diagram,
        stateIds,
        (id) => stateLabel(t, kind, id),
        (event) => eventLabel(t, kind, event),
        state,
        visited,
        compound,
      ),
    [machine.diagram, state, visited, i18n.language],
  );

  useEffect(() => {
    let cancelled = false;
    setFailed(false);
    loadMermaid()
      .then((mermaid) => mermaid.render(renderId, text))
      .then(({ svg: drawn }) => {
        if (!cancelled) setSvg(drawn);
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [renderId, text]);

  const leaves = machine.states.filter((item) => !compound.has(item.id));
  return (
    <section className="fr-mb-6w" aria-labelledby="diagram-title">
      <h2 id="diagram-title">{t('diagram.title')}</h2>
      <p className="fr-text--sm">
        <span className="console-legend console-legend--current" aria-hidden="true" /> {t('diagram.legendCurrent')}{' '}
        <span className="console-legend console-legend--visited" aria-hidden="true" /> {t('diagram.legendVisited')}
      </p>
      {failed ? (
        <p className="fr-error-text">{t('diagram.failed')}</p>
      ) : svg ? (
        // Mermaid's output under securityLevel 'strict' is sanitised (DOMPurify) before it is returned.
        <div className="console-diagram" aria-hidden="true" data-testid="diagram" dangerouslySetInnerHTML={{ __html: svg }} />
      ) : (
        <p>{t('diagram.loading')}</p>
      )}
      <details className="fr-mt-2w">
        <summary>{t('diagram.textAlternative')}</summary>
        <ol className="console-state-list" data-testid="state-list">
          {leaves.map((item) => {
            const status = item.id === state ? 'current' : visited.includes(item.id) ? 'visited' : 'other';
            return (
              <li key={item.id} data-state={item.id} data-status={status}>
                {stateLabel(t, kind, item.id)} <span className="fr-text--xs">({stageLabel(t, item.stage)})</span>
                {status !== 'other' && <strong> — {t(`diagram.status.${status}`)}</strong>}
              </li>
            );
          })}
        </ol>
      </details>
    </section>
  );
}
