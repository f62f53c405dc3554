import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../format';
import { enumLabel } from '../../forms/schema';
import { DataTable, Facts, ReadableObject } from './Readable';

interface Organisation {
  name: string;
  identifier: string;
}
interface Bid {
  id: string;
  bidder: Organisation;
  consortium: Organisation[];
  priceExclVatCents: number;
  priceInclVatCents: number;
  documents: Record<string, string>;
  submittedAt: string;
  withdrawnAt?: string;
  admissible: boolean;
  inadmissibleReasons: string[];
  scores: Record<string, number>;
  outcome?: 'awarded' | 'rejected';
}
interface Criterion {
  id: string;
  label: string;
  weight: number;
  kind: string;
}
interface Ranked {
  rank: number;
  bidId: string;
  total: number;
  points: Record<string, number>;
}
export interface TenderContext {
  title?: string;
  buyer?: string;
  object?: string;
  theme?: string;
  budgetFloorCents?: number;
  budgetCapCents?: number;
  criteria?: Criterion[];
  bidDeadline?: string;
  decisionDate?: string;
  plannedDeliveryStart?: string;
  requiredDocuments?: string[];
  deliveryCaps?: Record<string, number>;
  bids: Bid[];
  auditions: { bidId: string; at: string; mode: string; notes?: string }[];
  interventions: { structure: string; date: string; days: number }[];
  publishedAt?: string;
  bidsClosedAt?: string;
  awardedBidId?: string;
  attributedAt?: string;
  deliveryStartedAt?: string;
  deliveryCompletedAt?: string;
  sixMonthEvaluationDue?: string;
  endEvaluation?: Record<string, unknown>;
  sixMonthEvaluation?: Record<string, unknown>;
  unsuccessfulReason?: string;
  cancellation?: { reason: string; at: string; fromState: string };
}

export function TenderSections({ context, summary }: { context: TenderContext; summary: Record<string, unknown> }) {
  const { t, i18n } = useTranslation('record');
  const lang = i18n.language;
  const ranking = (summary.ranking as Ranked[] | undefined) ?? [];
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
      </section>
      {(context.deliveryStartedAt || context.endEvaluation || context.sixMonthEvaluation) && (
        <section className="fr-mb-4w" aria-labelledby="tender-delivery">
          <h3 id="tender-delivery">{t('tender.delivery')}</h3>
          <Facts
            items={[
              [t('tender.deliveryStarted'), formatDateTime(context.deliveryStartedAt, lang)],
              [t('tender.deliveryCompleted'), formatDateTime(context.deliveryCompletedAt, lang)],
              [
                t('tender.interventions'),
                context.interventions?.length
                  ? context.interventions.map((item) => `${item.structure} (${formatDate(item.date, lang)}, ${item.days} j)`).join(' · ')
                  : '—',
              ],
              [t('tender.sixMonthDue'), formatDateTime(context.sixMonthEvaluationDue, lang)],
              [t('tender.endEvaluation'), context.endEvaluation ? <ReadableObject value={context.endEvaluation} /> : '—'],
              [t('tender.sixMonthEvaluation'), context.sixMonthEvaluation ? <ReadableObject value={context.sixMonthEvaluation} /> : '—'],
            ]}
          />
        </section>
      )}
    </>
  );
}
