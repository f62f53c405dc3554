import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../format';
import { enumLabel } from '../../forms/schema';
import { DataTable, Facts, ReadableObject } from './Readable';

interface Party {
  id: string;
  organisation: string;
  representative: { name: string; title: string };
  role: string;
}
export interface ConventionContext {
  parties: Party[];
  /** convention@3: signatories who are not parties (004: the Préfet). */
  coSignatories?: Party[];
  /** convention@3: the term's reading (twelveMonths or calendarYear). */
  termReading?: string;
  /** convention@3: the yearly subsidy requests (003 art. 4). */
  subsidyRequests?: { reference: string; filedOn: string; term: number }[];
  terms: {
    title?: string;
    object?: string;
    term?: Record<string, unknown>;
    effectiveDate?: string;
    formalNoticePeriod?: string;
    review?: Record<string, unknown>;
    duties?: { id: string; kind: string; every: string; label?: string }[];
  };
  signatures: { party: string; at: string }[];
  signedAt?: string;
  effectiveFrom?: string;
  termsVersions: { version: number; adoptedAt: string; summary: string; signedBy: string[] }[];
  currentTerm?: { number: number; startsAt: string; endsAt: string };
  renewals: number;
  nextAnniversaryAt?: string;
  formalNotice?: Notice;
  formalNotices: Notice[];
  dutyOccurrences: {
    dutyId: string;
    kind: string;
    sequence: number;
    dueAt: string;
    status: string;
    record?: { date?: string; ref?: string };
  }[];
  ended?: { reason: string; at: string; by?: string; statement?: string };
  endEvaluation?: Record<string, unknown>;
  sixMonthEvaluation?: Record<string, unknown>;
  withdrawal?: { at: string; reason?: string };
}
interface Notice {
  from: string;
  to: string;
  breach: string;
  letterRef?: string;
  receivedOn?: string;
  sentAt: string;
  expiresAt: string;
  outcome?: string;
  closedAt?: string;
}

export function ConventionSections({ context: stored, summary }: { context: ConventionContext; summary: Record<string, unknown> }) {
  const { t, i18n } = useTranslation('record');
  // The view's summary carries the derived dates (effective date, current term) when the context does not.
  const context: ConventionContext = {
    ...stored,
    effectiveFrom: stored.effectiveFrom ?? (summary.effectiveFrom as string | undefined),
    currentTerm: stored.currentTerm ?? (summary.currentTerm as ConventionContext['currentTerm']),
  };
  const lang = i18n.language;
  const parties = context.parties ?? [];
  const coSignatories = context.coSignatories ?? [];
  const signatures = context.signatures ?? [];
  const partyName = (id: string) => [...parties, ...coSignatories].find((party) => party.id === id)?.organisation ?? id;
  const notices = [...(context.formalNotices ?? [])];
  if (context.formalNotice && !notices.includes(context.formalNotice)) notices.push(context.formalNotice);
  const amendments = (context.termsVersions ?? []).filter((version) => version.version > 1);
  const duties = context.dutyOccurrences ?? [];
  return (
    <>
      <section className="fr-mb-4w" aria-labelledby="convention-parties">
        <h3 id="convention-parties">
          {t('convention.parties', { signed: signatures.length, count: parties.length + coSignatories.length })}
        </h3>
        <DataTable
          testId="parties"
          caption={t('convention.partiesCaption')}
          headers={[t('convention.organisation'), t('convention.representative'), t('convention.role'), t('convention.signature')]}
          rows={[...parties, ...coSignatories].map((party) => {
            const signature = signatures.find((item) => item.party === party.id);
            const coSigning = coSignatories.includes(party);
            return [
              <>
                <strong>{party.organisation}</strong> <span className="fr-text--xs">({party.id})</span>
              </>,
              `${party.representative?.name ?? '—'}${party.representative?.title ? `, ${party.representative.title}` : ''}`,
              coSigning ? t('convention.coSignatory', { role: party.role }) : party.role,
              signature ? t('convention.signedOn', { date: formatDateTime(signature.at, lang) }) : t('convention.notSigned'),
            ];
          })}
        />
      </section>
      <section className="fr-mb-4w" aria-labelledby="convention-terms">
        <h3 id="convention-terms">{t('convention.terms')}</h3>
        <Facts
          items={[
            [t('convention.object'), context.terms?.object ?? '—'],
            [t('convention.term'), context.terms?.term ? <ReadableObject value={context.terms.term} /> : '—'],
            [
              t('convention.effectiveFrom'),
              formatDateTime(context.effectiveFrom, lang) !== '—'
                ? formatDateTime(context.effectiveFrom, lang)
                : formatDate(context.terms?.effectiveDate, lang),
            ],
            [
              t('convention.currentTerm'),
              context.currentTerm
                ? t('convention.termPeriod', {
                    number: context.currentTerm.number,
                    from: formatDateTime(context.currentTerm.startsAt, lang),
                    to: formatDateTime(context.currentTerm.endsAt, lang),
                  })
                : '—',
            ],
            [t('convention.renewals'), String(context.renewals ?? 0)],
            ...(context.termReading ? [[t('convention.termReading'), enumLabel(context.termReading)] as [string, string]] : []),
            ...(context.subsidyRequests?.length
              ? [
                  [
                    t('convention.subsidyRequests'),
                    context.subsidyRequests
                      .map((request) =>
                        t('convention.subsidyRequest', {
                          reference: request.reference,
                          date: formatDate(request.filedOn, lang),
                          term: request.term,
                        }),
                      )
                      .join(' · '),
                  ] as [string, string],
                ]
              : []),
            [t('convention.nextAnniversary'), formatDateTime(context.nextAnniversaryAt, lang)],
            [t('convention.noticePeriod'), context.terms?.formalNoticePeriod ?? '—'],
            [
              t('convention.duties'),
              context.terms?.duties?.length
                ? context.terms.duties.map((duty) => `${duty.label ?? enumLabel(duty.kind)} (${duty.every})`).join(' · ')
                : '—',
            ],
          ]}
        />
      </section>
      <section className="fr-mb-4w" aria-labelledby="convention-amendments">
        <h3 id="convention-amendments">{t('convention.amendments')}</h3>
        {amendments.length === 0 ? (
          <p>{t('convention.noAmendment')}</p>
        ) : (
          <ul>
            {amendments.map((amendment) => (
              <li key={amendment.version}>
                {t('convention.amendment', { version: amendment.version, date: formatDateTime(amendment.adoptedAt, lang) })} —{' '}
                {amendment.summary}
                <span className="fr-hint-text">{t('convention.signedBy', { names: amendment.signedBy.map(partyName).join(', ') })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="fr-mb-4w" aria-labelledby="convention-notices">
        <h3 id="convention-notices">{t('convention.notices')}</h3>
        {notices.length === 0 ? (
          <p>{t('convention.noNotice')}</p>
        ) : (
          <ul>
            {notices.map((notice, index) => (
              <li key={index}>
                {t('convention.notice', {
                  from: partyName(notice.from),
                  to: partyName(notice.to),
                  sent: formatDateTime(notice.sentAt, lang),
                  expires: formatDateTime(notice.expiresAt, lang),
                })}{' '}
                — {notice.breach}
                {notice.receivedOn && (
                  <span className="fr-hint-text">{t('convention.noticeReceived', { date: formatDate(notice.receivedOn, lang) })}</span>
                )}
                {notice.outcome && (
                  <span className="fr-hint-text">
                    {t('convention.noticeOutcome', { outcome: notice.outcome, date: formatDateTime(notice.closedAt, lang) })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {duties.length > 0 && (
        <section className="fr-mb-4w" aria-labelledby="convention-duties">
          <h3 id="convention-duties">{t('convention.dutyOccurrences')}</h3>
          <DataTable
            caption={t('convention.dutyOccurrences')}
            headers={[t('convention.duty'), t('convention.dueAt'), t('convention.dutyStatus')]}
            rows={duties.map((duty) => [
              `${duty.dutyId} n° ${duty.sequence}`,
              formatDateTime(duty.dueAt, lang),
              `${duty.status}${duty.record?.ref ? ` (${duty.record.ref})` : ''}`,
            ])}
          />
        </section>
      )}
      {(context.ended || context.withdrawal || context.endEvaluation || context.sixMonthEvaluation) && (
        <section className="fr-mb-4w" aria-labelledby="convention-end">
          <h3 id="convention-end">{t('convention.end')}</h3>
          <Facts
            items={[
              [t('convention.ended'), context.ended ? <ReadableObject value={context.ended} /> : '—'],
              [t('convention.withdrawal'), context.withdrawal ? <ReadableObject value={context.withdrawal} /> : '—'],
              [t('tender.endEvaluation'), context.endEvaluation ? <ReadableObject value={context.endEvaluation} /> : '—'],
              [t('tender.sixMonthEvaluation'), context.sixMonthEvaluation ? <ReadableObject value={context.sixMonthEvaluation} /> : '—'],
            ]}
          />
        </section>
      )}
    </>
  );
}
