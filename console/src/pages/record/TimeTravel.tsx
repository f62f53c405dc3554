import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** Europe/Paris's offset from UTC, in minutes, at a given instant. */
function parisOffsetMinutes(instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((item) => item.type === type)?.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((asUtc - instant.getTime()) / 60000);
}

/** A wall-clock date and time in Paris as an ISO instant with its offset (2022-08-06T09:00:00+02:00). */
export function parisInstant(date: string, time: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  let offset = parisOffsetMinutes(new Date(guess));
  offset = parisOffsetMinutes(new Date(guess - offset * 60000));
  const sign = offset >= 0 ? '+' : '-';
  const pad = (value: number) => String(Math.abs(value)).padStart(2, '0');
  return `${date}T${pad(hour)}:${pad(minute)}:00${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** Choose a date and time (Paris) to see the record as it was then. */
export function TimeTravel({ at, onTravel, onBack }: { at: string | undefined; onTravel: (instant: string) => void; onBack: () => void }) {
  const { t } = useTranslation('record');
  const [date, setDate] = useState(at?.slice(0, 10) ?? '');
  const [time, setTime] = useState(at?.slice(11, 16) ?? '12:00');
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) {
      setError(t('travel.invalid'));
      return;
    }
    setError(undefined);
    onTravel(parisInstant(date, time));
  };
  return (
    <section className="fr-mb-6w" aria-labelledby="travel-title">
      <h2 id="travel-title">{t('travel.title')}</h2>
      <p className="fr-hint-text">{t('travel.hint')}</p>
      <form className="console-travel" onSubmit={submit} noValidate>
        <div className={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
          <label className="fr-label" htmlFor="travel-date">
            {t('travel.date')}
            <span className="fr-hint-text">{t('travel.dateHint')}</span>
          </label>
          <input
            className="fr-input"
            type="date"
            id="travel-date"
            value={date}
            onChange={(event) => setDate(event.target.value)}
            aria-describedby={error ? 'travel-error' : undefined}
          />
          {error && (
            <p className="fr-error-text" id="travel-error">
              {error}
            </p>
          )}
        </div>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="travel-time">
            {t('travel.time')}
            <span className="fr-hint-text">{t('travel.timeHint')}</span>
          </label>
          <input className="fr-input" type="time" id="travel-time" value={time} onChange={(event) => setTime(event.target.value)} />
        </div>
        <div className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
          <Button type="submit">{t('travel.go')}</Button>
          {at && (
            <Button priority="secondary" type="button" onClick={onBack}>
              {t('travel.back')}
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}
