import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../format';
import { enumLabel } from '../../forms/schema';
import { DataTable, Facts } from './Readable';

interface Participant {
  ref: string;
  sex: string;
  birthYear: number;
  neighbourhood: string;
  scheme?: string;
  enrolledAt: string;
  withdrawnAt?: string;
  positioning?: { minutes: number };
}
export interface CohortContext {
  group?: string;
  theme?: string;
  size?: { min: number; max: number };
  recruitmentClosesAt?: string;
  participants: Participant[];
  sessions: { id: string; type: string; theme?: string; date: string; minutes: number; attendees: string[] }[];
  confirmedAt?: string;
  sessionWindow?: { firstDate: string; lastDate: string };
  endEvaluation?: { outcomes: { ref: string; outcome: string; skillsMapDone?: boolean }[] };
  sixMonthEvaluation?: { outcomes: { ref: string; outcome: string }[] };
  cancellation?: { reason: string; at: string };
}

export function CohortSections({ context }: { context: CohortContext }) {
  const { t, i18n } = useTranslation('record');
  const lang = i18n.language;
  const participants = context.participants ?? [];
  const active = participants.filter((participant) => !participant.withdrawnAt);
  const women = active.filter((participant) => participant.sex === 'F').length;
  const sessions = context.sessions ?? [];
  const endOutcome = (ref: string) => context.endEvaluation?.outcomes.find((item) => item.ref === ref);
  const sixOutcome = (ref: string) => context.sixMonthEvaluation?.outcomes.find((item) => item.ref === ref);
  return (
    <>
      <section className="fr-mb-4w" aria-labelledby="cohort-terms">
        <h3 id="cohort-terms">{t('cohort.terms')}</h3>
        <Facts
          items={[
            [t('cohort.group'), context.group ?? '—'],
            [t('cohort.theme'), context.theme ?? '—'],
            [t('cohort.size'), context.size ? t('cohort.sizeRange', context.size) : '—'],
            [t('cohort.recruitmentClosesAt'), formatDateTime(context.recruitmentClosesAt, lang)],
            [
              t('cohort.window'),
              context.sessionWindow
                ? `${formatDate(context.sessionWindow.firstDate, lang)} – ${formatDate(context.sessionWindow.lastDate, lang)}`
                : '—',
            ],
          ]}
        />
      </section>
      <section className="fr-mb-4w" aria-labelledby="cohort-participants">
        <h3 id="cohort-participants">{t('cohort.participants', { count: active.length, women, men: active.length - women })}</h3>
        {participants.length === 0 ? (
          <p>{t('cohort.noParticipant')}</p>
        ) : (
          <DataTable
            testId="participants"
            caption={t('cohort.participantsCaption')}
            headers={[
              t('cohort.ref'),
              t('cohort.sex'),
              t('cohort.birthYear'),
              t('cohort.neighbourhood'),
              t('cohort.scheme'),
              t('cohort.positioning'),
              t('cohort.endOutcome'),
              t('cohort.sixOutcome'),
            ]}
            rows={participants.map((participant) => [
              <>
                {participant.ref}
                {participant.withdrawnAt && (
                  <span className="fr-hint-text">{t('cohort.withdrawn', { date: formatDateTime(participant.withdrawnAt, lang) })}</span>
                )}
              </>,
              enumLabel(participant.sex),
              String(participant.birthYear),
              participant.neighbourhood,
              participant.scheme ?? '—',
              participant.positioning ? t('cohort.minutes', { minutes: participant.positioning.minutes }) : '—',
              endOutcome(participant.ref) ? enumLabel(endOutcome(participant.ref)?.outcome ?? '') : '—',
              sixOutcome(participant.ref) ? enumLabel(sixOutcome(participant.ref)?.outcome ?? '') : '—',
            ])}
          />
        )}
      </section>
      <section className="fr-mb-4w" aria-labelledby="cohort-sessions">
        <h3 id="cohort-sessions">{t('cohort.sessions', { count: sessions.length })}</h3>
        {sessions.length === 0 ? (
          <p>{t('cohort.noSession')}</p>
        ) : (
          <DataTable
            caption={t('cohort.sessionsCaption')}
            headers={[t('cohort.date'), t('cohort.sessionType'), t('cohort.theme'), t('cohort.duration'), t('cohort.attendance')]}
            rows={sessions.map((session) => [
              formatDate(session.date, lang),
              enumLabel(session.type),
              session.theme ?? '—',
              t('cohort.minutes', { minutes: session.minutes }),
              String(session.attendees.length),
            ])}
          />
        )}
      </section>
      {context.cancellation && (
        <p>{t('tender.cancelled', { reason: context.cancellation.reason, date: formatDateTime(context.cancellation.at, lang) })}</p>
      )}
    </>
  );
}
