import { ocdsPackageErrors, openDataSchemasAvailable } from '../../test/support/open-data-schemas';
import type { TenderContext } from '../../machines/tender/tender.types';
import {
  identifierScheme,
  ocidOf,
  procurementMethodOf,
  releaseInPeriod,
  releasePackage,
  releasesOf,
  tenderStatusOf,
  type TenderStep,
} from './ocds.builder';
import { bid, notifiedContract, notifiedTender, RECORD_ID } from './open-data.fixtures';

const schemas = openDataSchemasAvailable();
const itValidates = schemas ? it : it.skip;
const OCID = ocidOf('ocds-000000', RECORD_ID);

/** A tender's history as the service gives it: each event with the record just after it. */
function history(): TenderStep[] {
  const full = notifiedTender();
  const draft: TenderContext = {
    ...full,
    bids: [],
    publishedAt: undefined,
    bidsClosedAt: undefined,
    awardedBidId: undefined,
    attributedAt: undefined,
    contract: undefined,
  };
  const published: TenderContext = { ...draft, publishedAt: '2022-06-27T07:00:00.000Z' };
  const withBids: TenderContext = { ...published, bids: [bid('B1', '11111111100011'), bid('B2', '33333333300033')] };
  const closed: TenderContext = { ...withBids, bidsClosedAt: '2022-08-05T21:59:59.000Z' };
  const attributed: TenderContext = { ...closed, awardedBidId: 'B1', attributedAt: '2022-08-10T07:00:00.000Z' };
  const notified: TenderContext = { ...attributed, contract: notifiedContract() };
  const amended: TenderContext = {
    ...notified,
    contract: notifiedContract({
      modifications: [
        {
          id: 1,
          notifiedOn: '2022-10-03',
          summary: 'Trois séances de plus',
          amountExclVatCents: 3_500_000,
          recordedAt: '2022-10-03T08:00:00.000Z',
        },
      ],
    }),
  };
  const delivering: TenderContext = { ...amended, deliveryStartedAt: '2022-09-19T07:00:00.000Z' };
  return [
    { seq: 1, type: 'CREATE', at: '2022-06-27T07:00:00.000Z', state: 'open.draft', context: draft },
    { seq: 2, type: 'PUBLISH', at: '2022-06-27T07:00:00.000Z', state: 'open.published', context: published },
    {
      seq: 3,
      type: 'SUBMIT_BID',
      at: '2022-07-20T12:00:00.000Z',
      state: 'open.published',
      context: { ...published, bids: [withBids.bids[0]] },
    },
    { seq: 4, type: 'SUBMIT_BID', at: '2022-08-01T09:00:00.000Z', state: 'open.published', context: withBids },
    { seq: 5, type: 'CLOSE_BIDS', at: '2022-08-05T21:59:59.000Z', state: 'open.bidsClosed', context: closed },
    { seq: 6, type: 'ATTRIBUTE', at: '2022-08-10T07:00:00.000Z', state: 'open.attributed', context: attributed },
    { seq: 7, type: 'NOTIFY_CONTRACT', at: '2022-09-01T08:00:00.000Z', state: 'open.attributed', context: notified },
    {
      seq: 8,
      type: 'START_DELIVERY',
      at: '2022-09-19T07:00:00.000Z',
      state: 'delivering',
      context: { ...notified, deliveryStartedAt: delivering.deliveryStartedAt },
    },
    { seq: 9, type: 'AMEND_CONTRACT', at: '2022-10-03T08:00:00.000Z', state: 'delivering', context: delivering },
  ];
}

describe('the OCDS builder', () => {
  const releases = releasesOf({ id: RECORD_ID, ocid: OCID, steps: history() });

  it('makes one release per stage reached, with ids from the events that reached them', () => {
    expect(releases.map((release) => [release.id, release.tag, release.date])).toEqual([
      ['2-tender', ['tender'], '2022-06-27T07:00:00.000Z'],
      ['6-award', ['award'], '2022-08-10T07:00:00.000Z'],
      ['7-contract', ['contract'], '2022-09-01T08:00:00.000Z'],
      ['8-implementation', ['implementation'], '2022-09-19T07:00:00.000Z'],
      ['9-contractAmendment', ['contractAmendment'], '2022-10-03T08:00:00.000Z'],
    ]);
    expect(releases.every((release) => release.ocid === OCID && release.initiationType === 'tender')).toBe(true);
    // The same history gives the same releases.
    expect(releasesOf({ id: RECORD_ID, ocid: OCID, steps: history() })).toEqual(releases);
  });

  it('describes each stage as it stood then: statuses, values in decimal euros, parties and their roles', () => {
    const [tender, award, contract, implementation, amendment] = releases;
    expect(tender.tender).toMatchObject({
      id: RECORD_ID,
      status: 'active',
      value: { amount: 40000, currency: 'EUR' },
      procurementMethod: 'open',
    });
    expect(tender.awards).toBeUndefined();
    expect(tender.parties).toEqual([
      {
        id: 'FR-RCS-13002526500013',
        name: "Creativ'",
        identifier: { scheme: 'FR-RCS', id: '13002526500013', legalName: "Creativ'" },
        roles: ['buyer'],
      },
    ]);
    expect(award.tender).toMatchObject({ status: 'complete', numberOfTenderers: 2 });
    expect(award.awards).toEqual([
      {
        id: `${RECORD_ID}-award`,
        status: 'active',
        date: '2022-08-10T07:00:00.000Z',
        value: { amount: 31666.67, currency: 'EUR' },
        suppliers: [{ id: 'FR-RCS-11111111100011', name: 'Prestataire 11111111100011' }],
      },
    ]);
    expect(award.parties.map((party) => [party.id, party.roles])).toEqual([
      ['FR-RCS-13002526500013', ['buyer']],
      ['FR-RCS-11111111100011', ['tenderer', 'supplier']],
      ['FR-RCS-33333333300033', ['tenderer']],
    ]);
    expect(contract.contracts).toEqual([
      {
        id: `${RECORD_ID}-contract`,
        awardID: `${RECORD_ID}-award`,
        status: 'active',
        value: { amount: 31666.67, currency: 'EUR' },
        dateSigned: '2022-09-01T08:00:00.000Z',
      },
    ]);
    expect(implementation.contracts?.[0].period).toEqual({ startDate: '2022-09-19T07:00:00.000Z' });
    expect(amendment.contracts?.[0]).toMatchObject({
      value: { amount: 35000, currency: 'EUR' },
      amendments: [{ id: '1', date: '2022-10-03T08:00:00.000Z', description: 'Trois séances de plus' }],
    });
  });

  itValidates('gives packages that validate against the OCDS 1.1.5 release package schema', () => {
    const pack = releasePackage(`urn:ocds:${OCID}`, releases);
    expect(pack).toMatchObject({ version: '1.1', publishedDate: '2022-10-03T08:00:00.000Z', publisher: { name: "Creativ'" } });
    expect(ocdsPackageErrors(pack)).toEqual([]);
    // The schema does check: a release without its tag is refused.
    expect(ocdsPackageErrors({ ...pack, releases: [{ ...pack.releases[0], tag: undefined }] })).not.toEqual([]);
  });

  it('closes the tender in the closed codelists, and publishes a cancellation or an unsuccessful end', () => {
    expect(
      [
        'open.draft',
        'open.published',
        'open.bidsClosed',
        'open.audition',
        'open.attributed',
        'delivering',
        'closed',
        'unsuccessful',
        'cancelled',
      ].map(tenderStatusOf),
    ).toEqual(['planning', 'active', 'active', 'active', 'complete', 'complete', 'complete', 'unsuccessful', 'cancelled']);
    const published = history()[1];
    const cancelled = releasesOf({
      id: RECORD_ID,
      ocid: OCID,
      steps: [published, { ...published, seq: 3, type: 'CANCEL', state: 'cancelled' }],
    });
    expect(cancelled.map((release) => [release.id, release.tender.status])).toEqual([
      ['2-tender', 'active'],
      ['3-tenderCancellation', 'cancelled'],
    ]);
    const unsuccessful = releasesOf({
      id: RECORD_ID,
      ocid: OCID,
      steps: [published, { ...published, seq: 3, type: 'CLOSE_BIDS', state: 'unsuccessful' }],
    });
    expect(unsuccessful.map((release) => release.tag[0])).toEqual(['tender', 'tenderUpdate']);
    // A draft cancelled before its publication published nothing.
    expect(releasesOf({ id: RECORD_ID, ocid: OCID, steps: [{ ...history()[0], seq: 2, type: 'CANCEL', state: 'cancelled' }] })).toEqual([]);
  });

  it('maps the French procedures and identifier schemes', () => {
    expect(procurementMethodOf("Appel d'offres restreint")).toBe('selective');
    expect(procurementMethodOf('Marché passé sans publicité ni mise en concurrence préalable')).toBe('direct');
    expect(procurementMethodOf(undefined)).toBeUndefined();
    expect(identifierScheme(undefined)).toBe('FR-RCS');
    expect(identifierScheme('TVA')).toBe('TVA');
  });

  it('places a release in a period by its business date in Europe/Paris', () => {
    const release = { ...releases[0], date: '2022-06-30T22:30:00.000Z' };
    expect(releaseInPeriod(release, '2022-07-01', '2022-07-31')).toBe(true);
    expect(releaseInPeriod(release, '2022-06-01', '2022-06-30')).toBe(false);
  });
});
