import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { DeadlinesFiredTable } from '../components/DeadlinesFiredTable';
import { LoadingText, ProblemAlert, parisDateTimeLocal, parisInstant, useServiceClock } from '../components/PagesShared';
import { formatDateTime } from '../format';
import { useSession } from '../session/session';

/** Steps offered beside the date field, as ISO 8601 durations (calendar terms in Paris). */
const STEPS = ['P1D', 'P7D', 'P1M', 'P6M'] as const;

type Advance = { advanceTo: string } | { advanceBy: string };

export function ClockPage() {
  const { t, i18n } = useTranslation('clock');
  const { me } = useSession();
  const client = useQueryClient();
  const clock = useServiceClock();
  const [target, setTarget] = useState('');
  const advance = useMutation({
    mutationFn: (body: Advance) => unwrap(api.POST('/api/clock', { body })),
    onSuccess: (result) => {
      client.setQueryData(['clock'], { mode: 'simulated', now: result.now });
      setTarget('');
      // Moving time fires deadlines: every view of records, agenda and counts is stale.
      for (const key of ['clock', 'agenda', 'instances', 'summary', 'indicators']) void client.invalidateQueries({ queryKey: [key] });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!target) return;
    const [date, time] = target.split('T');
    advance.mutate({ advanceTo: parisInstant(date, time) });
  }

  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {clock.isPending && <LoadingText />}
      {clock.isError && <ProblemAlert error={clock.error} />}
      {clock.data && (
        <section aria-labelledby="clock-now" className="fr-mb-4w">
          <h2 id="clock-now" className="fr-h4">
            {t('now.title')}
          </h2>
          <p className="fr-text--lead" data-testid="clock-now">
            {formatDateTime(clock.data.now, i18n.language)}
          </p>
          <p>{t(`mode.${clock.data.mode}`)}</p>
        </section>
      )}
      {clock.data?.mode === 'real' && <Alert severity="info" small description={t('realClock')} />}
      {clock.data?.mode === 'simulated' && me?.can.moveClock && (
        <section aria-labelledby="clock-advance" className="fr-mb-4w">
          <h2 id="clock-advance" className="fr-h4">
            {t('advance.title')}
          </h2>
          <p>{t('advance.intro')}</p>
          <form onSubmit={submit} className="records-filters fr-p-3w">
            <Input
              label={t('advance.to')}
              hintText={t('advance.toHint', { now: formatDateTime(clock.data.now, i18n.language) })}
              nativeInputProps={{
                name: 'advanceTo',
                type: 'datetime-local',
                required: true,
                value: target,
                min: parisDateTimeLocal(clock.data.now),
                onChange: (event) => setTarget(event.target.value),
              }}
            />
            <Button type="submit" disabled={advance.isPending || !target}>
              {t('advance.submit')}
            </Button>
            <p className="fr-mt-3w fr-mb-1w">{t('advance.steps')}</p>
            <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
              {STEPS.map((step) => (
                <li key={step}>
                  <Button
                    type="button"
                    priority="secondary"
                    disabled={advance.isPending}
                    onClick={() => advance.mutate({ advanceBy: step })}
                  >
                    {t(`advance.by.${step}`)}
                  </Button>
                </li>
              ))}
            </ul>
          </form>
          {advance.isPending && <LoadingText text={t('advance.running')} />}
          {advance.isError && <ProblemAlert error={advance.error} />}
          {advance.data && (
            <div className="fr-mt-3w">
              <Alert
                severity="success"
                small
                description={t('advance.done', {
                  from: formatDateTime(advance.data.from, i18n.language),
                  now: formatDateTime(advance.data.now, i18n.language),
                  count: advance.data.fired.length,
                })}
                className="fr-mb-2w"
              />
              <DeadlinesFiredTable fired={advance.data.fired} caption={t('advance.firedCaption')} />
            </div>
          )}
        </section>
      )}
    </>
  );
}
