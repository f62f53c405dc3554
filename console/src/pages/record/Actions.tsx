import { Button } from '@codegouvfr/react-dsfr/Button';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EventForm } from './EventForm';
import { eventLabel } from './labels';
import type { InstanceView, MachineDescription } from './queries';

/** The events the current state takes, as buttons; each opens its form in place. Only for a role that may send events. */
export function Actions({ view, machine }: { view: InstanceView; machine: MachineDescription }) {
  const { t } = useTranslation('record');
  const [open, setOpen] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  // Events the scheduler sends when due (a duty's event is a person's to send, like any other).
  const deadlineEvents = new Set(
    machine.states.flatMap((state) => state.deadlines.filter((deadline) => !deadline.duty).map((deadline) => deadline.event)),
  );

  const close = (type: string, result?: string) => {
    setOpen(undefined);
    if (result) setAnnouncement(result);
    // Focus goes back to the button that opened the form (or the section, if that event is gone).
    requestAnimationFrame(() => (buttons.current.get(type) ?? document.getElementById('actions-title'))?.focus());
  };

  return (
    <section className="fr-mb-6w" aria-labelledby="actions-title">
      <h2 id="actions-title" tabIndex={-1}>
        {t('actions.title')}
      </h2>
      <p className="fr-sr-only" aria-live="polite" data-testid="action-announcement">
        {announcement}
      </p>
      {announcement && (
        <p className="fr-badge fr-badge--success fr-mb-2w" aria-hidden="true">
          {announcement}
        </p>
      )}
      {view.nextEvents.length === 0 ? (
        <p>{t('actions.none')}</p>
      ) : (
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm" data-testid="actions">
          {view.nextEvents.map((type) => (
            <li key={type}>
              <Button
                ref={(element: HTMLButtonElement | null) => {
                  if (element) buttons.current.set(type, element);
                  else buttons.current.delete(type);
                }}
                priority={deadlineEvents.has(type) ? 'tertiary' : 'secondary'}
                aria-expanded={open === type}
                aria-controls={open === type ? `event-form-${type}` : undefined}
                onClick={() => {
                  setAnnouncement('');
                  setOpen(open === type ? undefined : type);
                }}
                data-event={type}
              >
                {eventLabel(t, view.kind, type)}
                {deadlineEvents.has(type) ? ` ${t('actions.deadlineEvent')}` : ''}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <EventForm
          key={`${open}`}
          view={view}
          type={open}
          schema={machine.eventSchemas[open] ?? { type: 'object', properties: {} }}
          onClose={(result) => close(open, result)}
        />
      )}
    </section>
  );
}
