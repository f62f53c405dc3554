import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../format';
import { enumLabel } from '../../forms/schema';
import { DataTable, Facts, ReadableObject } from './Readable';

import type { TenderContext } from '../../../../machines/tender/tender.types';

export type { TenderContext };

interface PublicationEntry {
  status: 'notNotified' | 'notRequired' | 'due' | 'published';
  due?: string | null;
  publishedOn?: string | null;
}

/**
 * The view's summary of a tender (summarizeTender, summarizeTenderV3): the ranking of every version,
 * and tender@3's publication, rejected bidders and letters (absent on older versions).
 */
interface TenderSummary {
  ranking?: { rank: number; bidId: string; total: number; points: Record<string, number> }[];
  publication?: PublicationEntry & { modifications: (PublicationEntry & { id: number })[] };
  rejectedBidders?: { bidId: string; bidder: string; informed: boolean; informedAt: string | null }[];
  rejectionLetters?: Record<string, string>;
}

export function TenderSections({ context, summary: view }: { context: TenderContext; summary: Record<string, unknown> }) {
  const summary = view as TenderSummary;
  const { t, i18n } = useTranslation('record');
  const lang = i18n.language;
  const ranking = summary.ranking ?? [];
  const criteria = context.criteria ?? [];
  const bids = context.bids ?? [];
  const awarded = bids.find((bid) => bid.id === context.awardedBidId);
  const money = (cents: number | undefined) => formatMoney(cents, lang);
  return (
    <>
      <section className="fr-mb-4w" aria-labelledby="tender-terms">
        <h3 id="tender-terms">{t('tender.terms')}</h3>
        <Facts
          items={[
            [t('tender.object'), context.object ?? '—'],
            [t('tender.theme'), context.theme ?? '—'],
            [t('tender.budget'), t('tender.budgetRange', { floor: money(context.budgetFloorCents), cap: money(context.budgetCapCents) })],
            [
              t('tender.criteria'),
              criteria.length ? criteria.map((criterion) => `${criterion.label} (${criterion.weight})`).join(' · ') : '—',
            ],
            [t('tender.bidDeadline'), formatDateTime(context.bidDeadline, lang)],
            [t('tender.decisionDate'), formatDateTime(context.decisionDate, lang)],
            [t('tender.plannedDeliveryStart'), formatDate(context.plannedDeliveryStart, lang)],
            [t('tender.requiredDocuments'), context.requiredDocuments?.map(enumLabel).join(', ') ?? '—'],
          ]}
        />
      </section>
      <EssentialData context={context} />
      <section className="fr-mb-4w" aria-labelledby="tender-bids">
        <h3 id="tender-bids">{t('tender.bids', { count: bids.length })}</h3>
        {bids.length === 0 ? (
          <p>{t('tender.noBids')}</p>
        ) : (
          <DataTable
            testId="bids"
            caption={t('tender.bidsCaption')}
            headers={[
              t('tender.bid'),
              t('tender.bidder'),
              t('tender.priceExcl'),
              t('tender.priceIncl'),
              t('tender.admissible'),
              ...criteria.map((criterion) => criterion.label),
              t('tender.total'),
              t('tender.rank'),
              t('tender.outcome'),
            ]}
            rows={bids.map((bid) => {
              const rank = ranking.find((entry) => entry.bidId === bid.id);
              return [
                bid.id,
                <>
                  <strong>{bid.bidder.name}</strong> <span className="fr-text--xs">({bid.bidder.identifier})</span>
                  {bid.consortium.length > 0 && (
                    <span className="fr-hint-text">
                      {t('tender.consortium', { names: bid.consortium.map((member) => member.name).join(', ') })}
                    </span>
                  )}
                  {bid.withdrawnAt && (
                    <span className="fr-hint-text">{t('tender.withdrawn', { date: formatDateTime(bid.withdrawnAt, lang) })}</span>
                  )}
                </>,
                money(bid.priceExclVatCents),
                money(bid.priceInclVatCents),
                bid.admissible ? (
                  t('values.yes')
                ) : (
                  <>
                    {t('values.no')}
                    {bid.inadmissibleReasons.length > 0 && <span className="fr-hint-text">{bid.inadmissibleReasons.join(' ; ')}</span>}
                  </>
                ),
                ...criteria.map((criterion) => {
                  const points = rank?.points[criterion.id];
                  const score = bid.scores[criterion.id];
                  if (criterion.kind === 'price')
                    return points === undefined
                      ? '—'
                      : t('tender.points', { points: formatNumber(points, lang), weight: criterion.weight });
                  return score === undefined
                    ? t('tender.notScored')
                    : `${formatNumber(score, lang)}/100${points === undefined ? '' : ` → ${t('tender.points', { points: formatNumber(points, lang), weight: criterion.weight })}`}`;
                }),
                rank ? formatNumber(rank.total, lang) : '—',
                rank ? String(rank.rank) : '—',
                bid.outcome ? (
                  <Badge small severity={bid.outcome === 'awarded' ? 'success' : 'error'} noIcon>
                    {t(`tender.outcomes.${bid.outcome}`)}
                  </Badge>
                ) : (
                  '—'
                ),
              ];
            })}
          />
        )}
        {bids.length > 0 && (
          <>
            <h4 className="fr-h6">{t('tender.documents')}</h4>
            <ul data-testid="bid-documents">
              {bids.map((bid) => (
                <li key={bid.id}>
                  {bid.id} — {bid.bidder.name} :{' '}
                  {Object.keys(bid.documents).length === 0
                    ? t('values.none')
                    : Object.entries(bid.documents)
                        .map(([name, ref]) => `${enumLabel(name)} (${ref})`)
                        .join(', ')}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {context.auditions?.length > 0 && (
        <section className="fr-mb-4w" aria-labelledby="tender-auditions">
          <h3 id="tender-auditions">{t('tender.auditions')}</h3>
          <ul>
            {context.auditions.map((audition, index) => (
              <li key={index}>
                {audition.bidId} — {formatDateTime(audition.at, lang)} — {enumLabel(audition.mode)}
                {audition.notes && <span className="fr-hint-text">{audition.notes}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="fr-mb-4w" aria-labelledby="tender-attribution">
        <h3 id="tender-attribution">{t('tender.attribution')}</h3>
        {awarded ? (
          <p data-testid="attribution">
            {t('tender.awardedTo', {
              bid: awarded.id,
              bidder: awarded.bidder.name,
              price: money(awarded.priceInclVatCents),
              date: formatDateTime(context.attributedAt, lang),
            })}
          </p>
        ) : (
          <p data-testid="attribution">
            {context.unsuccessfulReason ? t('tender.unsuccessful', { reason: context.unsuccessfulReason }) : t('tender.notAttributed')}
          </p>
        )}
        {context.cancellation && (
          <p>{t('tender.cancelled', { reason: context.cancellation.reason, date: formatDateTime(context.cancellation.at, lang) })}</p>
        )}
        {context.attributionLate && (
          <Alert
            severity="warning"
            small
            data-testid="attribution-late"
            description={t('tender.attributionLate', {
              decision: formatDateTime(context.attributionLate.decisionDate, lang),
              reason: context.attributionLate.reason,
            })}
          />
        )}
        <RejectedBidders summary={summary} />
      </section>
      <ContractSection context={context} summary={summary} />
      {(context.deliveryStartedAt || context.endEvaluation || context.sixMonthEvaluation) && (
        <section className="fr-mb-4w" aria-labelledby="tender-delivery">
          <h3 id="tender-delivery">{t('tender.delivery')}</h3>
          <Facts
            items={[
              [
                t('tender.deliveryStarted'),
                <>
                  {formatDateTime(context.deliveryStartedAt, lang)}
                  {context.deliveryStartDeviation && (
                    <span className="fr-hint-text" data-testid="start-deviation">
                      {t('tender.startDeviation', {
                        planned: formatDate(context.deliveryStartDeviation.planned, lang),
                        count: Math.abs(context.deliveryStartDeviation.days),
                        direction: t(context.deliveryStartDeviation.days > 0 ? 'tender.late' : 'tender.early'),
                      })}
                    </span>
                  )}
                </>,
              ],
              [t('tender.deliveryCompleted'), formatDateTime(context.deliveryCompletedAt, lang)],
              [
                t('tender.interventions'),
                context.interventions?.length
                  ? context.interventions.map((item) => `${item.structure} (${formatDate(item.date, lang)}, ${item.days} j)`).join(' · ')
                  : '—',
              ],
              [t('tender.sixMonthDue'), formatDateTime(context.sixMonthEvaluationDue, lang)],
              [t('tender.endEvaluation'), context.endEvaluation ? <ReadableObject value={{ ...context.endEvaluation }} /> : '—'],
              [
                t('tender.sixMonthEvaluation'),
                context.sixMonthEvaluation ? <ReadableObject value={{ ...context.sixMonthEvaluation }} /> : '—',
              ],
            ]}
          />
        </section>
      )}
    </>
  );
}

/** tender@3: what the essential data of the contract (DECP) say of it; nothing on older versions. */
function EssentialData({ context }: { context: TenderContext }) {
  const { t, i18n } = useTranslation('record');
  if (!context.buyerSiret && !context.nature && !context.procedure && !context.cpvCode) return null;
  const list = (values: readonly string[] | undefined) => (values?.length ? values.map(enumLabel).join(', ') : '—');
  return (
    <section className="fr-mb-4w" aria-labelledby="tender-essential">
      <h3 id="tender-essential">{t('tender.essential')}</h3>
      <Facts
        items={[
          [t('tender.buyerSiret'), context.buyerSiret ?? '—'],
          [t('tender.contractId'), context.contractId ?? '—'],
          [t('tender.nature'), context.nature ?? '—'],
          [t('tender.procedure'), context.procedure ?? '—'],
          [t('tender.cpvCode'), context.cpvCode ?? '—'],
          [
            t('tender.placeOfExecution'),
            context.placeOfExecution?.code ? `${context.placeOfExecution.code} (${context.placeOfExecution.typeCode ?? ''})` : '—',
          ],
          [t('tender.durationMonths'), context.durationMonths === undefined ? '—' : t('tender.months', { count: context.durationMonths })],
          [t('tender.price'), [context.priceForm, ...(context.priceTypes ?? [])].filter(Boolean).join(' · ') || '—'],
          [t('tender.considerations'), `${list(context.socialConsiderations)} · ${list(context.environmentalConsiderations)}`],
          [t('tender.contact'), context.contact?.email ? `${context.contact.name ?? ''} <${context.contact.email}>`.trim() : '—'],
          [
            t('tender.plannedStartTolerance'),
            context.plannedStartToleranceDays === undefined ? '—' : formatNumber(context.plannedStartToleranceDays, i18n.language),
          ],
        ]}
      />
    </section>
  );
}

/** tender@3: each rejected bidder, whether it was informed (a duty from the attribution on), and the letter's text. */
function RejectedBidders({ summary }: { summary: TenderSummary }) {
  const { t, i18n } = useTranslation('record');
  const rejected = summary.rejectedBidders ?? [];
  if (rejected.length === 0) return null;
  return (
    <>
      <h4 className="fr-h6">{t('tender.rejectedBidders')}</h4>
      <ul data-testid="rejected-bidders">
        {rejected.map((entry) => (
          <li key={entry.bidId}>
            {entry.bidId} — {entry.bidder}{' '}
            {entry.informed ? (
              <Badge small severity="success" noIcon>
                {t('tender.informedOn', { date: formatDateTime(entry.informedAt, i18n.language) })}
              </Badge>
            ) : (
              <Badge small severity="warning" noIcon>
                {t('tender.toInform')}
              </Badge>
            )}
            {summary.rejectionLetters?.[entry.bidId] && (
              <details>
                <summary>{t('tender.letter')}</summary>
                <pre className="console-letter">{summary.rejectionLetters[entry.bidId]}</pre>
              </details>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** tender@3: the contract once notified, its amendments, and where the publication of its essential data stands. */
function ContractSection({ context, summary }: { context: TenderContext; summary: TenderSummary }) {
  const { t, i18n } = useTranslation('record');
  const lang = i18n.language;
  const contract = context.contract;
  if (!contract) return null;
  const publication = summary.publication;
  const publicationText = (entry: { status: string; due?: string | null; publishedOn?: string | null }) =>
    entry.status === 'published'
      ? t('tender.published', { date: formatDate(entry.publishedOn, lang) })
      : entry.status === 'due'
        ? t('tender.publicationDue', { date: formatDateTime(entry.due, lang) })
        : t('tender.publicationNotRequired');
  return (
    <section className="fr-mb-4w" aria-labelledby="tender-contract">
      <h3 id="tender-contract">{t('tender.contract')}</h3>
      <Facts
        items={[
          [t('tender.notifiedOn'), formatDate(contract.notifiedOn, lang)],
          [t('tender.amountExcl'), formatMoney(contract.amountExclVatCents, lang)],
          [t('tender.holders'), contract.holders.map((holder) => `${holder.name} (${holder.identifier})`).join(', ')],
          [t('tender.advance'), contract.advance?.granted ? t('values.yes') : t('values.no')],
          [t('tender.subcontracting'), contract.subcontractingDeclared ? t('values.yes') : t('values.no')],
          [t('tender.publication'), publication ? <span data-testid="publication">{publicationText(publication)}</span> : '—'],
        ]}
      />
      {contract.modifications.length > 0 && (
        <DataTable
          testId="modifications"
          caption={t('tender.modifications')}
          headers={[t('tender.modification'), t('tender.notifiedOn'), t('tender.summary'), t('tender.amountExcl'), t('tender.publication')]}
          rows={contract.modifications.map((modification) => {
            const status = publication?.modifications.find((entry) => entry.id === modification.id);
            return [
              String(modification.id),
              formatDate(modification.notifiedOn, lang),
              modification.summary,
              modification.amountExclVatCents === undefined ? '—' : formatMoney(modification.amountExclVatCents, lang),
              status ? publicationText(status) : '—',
            ];
          })}
        />
      )}
    </section>
  );
}
