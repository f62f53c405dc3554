import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { KINDS, LoadingText, ProblemAlert } from '../../components/PagesShared';
import { effectLabel } from './DeliveryStatusBadge';
import { useDeclaredEffects, type SubscriptionWithSecret } from './queries';

const toggle = (list: string[], value: string, on: boolean) => (on ? [...list, value] : list.filter((item) => item !== value));

/**
 * Subscribes an address (POST /api/webhooks): optionally only some kinds, and only some effect types
 * among those the chosen kinds' machines declare (all kinds' when none is chosen). Nothing chosen: everything.
 */
export function SubscribeForm({ onSubscribed }: { onSubscribed: (subscription: SubscriptionWithSecret) => void }) {
  const { t } = useTranslation(['notifications', 'common']);
  const client = useQueryClient();
  const declared = useDeclaredEffects();
  const [url, setUrl] = useState('');
  const [kinds, setKinds] = useState<string[]>([]);
  const [events, setEvents] = useState<string[]>([]);
  // The kinds' declared effects, and the reminders the service sends before deadlines (docs/notifications.md).
  const offered = [
    ...new Set((kinds.length > 0 ? kinds : KINDS).flatMap((kind) => declared.byKind.get(kind as (typeof KINDS)[number]) ?? [])),
    'reminder',
  ];
  const chosenEvents = events.filter((type) => offered.includes(type));

  const subscribe = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/webhooks', {
          body: { url, ...(kinds.length > 0 && { kinds }), ...(chosenEvents.length > 0 && { events: chosenEvents }) },
        }),
      ),
    onSuccess: (subscription) => {
      setUrl('');
      setKinds([]);
      setEvents([]);
      void client.invalidateQueries({ queryKey: ['webhooks'] });
      onSubscribed(subscription);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    subscribe.mutate();
  }

  return (
    <form onSubmit={submit} className="records-filters fr-p-3w fr-mb-4w" aria-labelledby="webhooks-subscribe">
      <h3 id="webhooks-subscribe" className="fr-h5">
        {t('subscribe.title')}
      </h3>
      <Input
        label={t('subscribe.url')}
        hintText={t('subscribe.urlHint')}
        nativeInputProps={{ name: 'url', type: 'url', required: true, value: url, onChange: (event) => setUrl(event.target.value) }}
      />
      <Checkbox
        legend={t('subscribe.kinds')}
        hintText={t('subscribe.kindsHint')}
        orientation="horizontal"
        small
        options={KINDS.map((kind) => ({
          label: t(`common:kinds.${kind}`),
          nativeInputProps: {
            name: 'kinds',
            value: kind,
            checked: kinds.includes(kind),
            onChange: (event) => setKinds((current) => toggle(current, kind, event.target.checked)),
          },
        }))}
      />
      {declared.error ? (
        <ProblemAlert error={declared.error} />
      ) : declared.pending ? (
        <LoadingText />
      ) : (
        <Checkbox
          legend={t('subscribe.events')}
          hintText={t('subscribe.eventsHint')}
          small
          options={offered.map((type) => ({
            label: effectLabel(type, t),
            hintText: type,
            nativeInputProps: {
              name: 'events',
              value: type,
              checked: events.includes(type),
              onChange: (event) => setEvents((current) => toggle(current, type, event.target.checked)),
            },
          }))}
        />
      )}
      {subscribe.isError && <ProblemAlert error={subscribe.error} />}
      <Button type="submit" iconId="fr-icon-add-line" disabled={subscribe.isPending}>
        {subscribe.isPending ? t('subscribe.running') : t('subscribe.submit')}
      </Button>
    </form>
  );
}
