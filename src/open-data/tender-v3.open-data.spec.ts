import { initialTransition, transition } from 'xstate';
import { EXAMPLE_SIRETS, SEED_001_TENDER_V3, validBid } from '../../machines/tender/tender.examples';
import { createTenderMachineV3 } from '../../machines/tender/tender.machine.v3';
import type { TenderContext, TenderEvent } from '../../machines/tender/tender.types';
import { decpErrors, ocdsPackageErrors, openDataSchemasAvailable } from '../../test/support/open-data-schemas';
import { parisCalendar } from '../calendar/paris-calendar';
import { stateOf } from '../engine/snapshot.util';
import { decpDocument, decpMarche } from './decp.builder';
import { ocidOf, releasePackage, releasesOf, type TenderStep } from './ocds.builder';

/*
 * The builders on contexts the tender@3 machine itself makes (no database, no HTTP): seed 001 played
 * through the pure machine, each step kept as the service keeps it (a JSON round trip), then its DECP
 * entry and its OCDS releases built and validated against the regulatory schemas.
 */

const machine = createTenderMachineV3(parisCalendar);
const RECORD = '0b9d4c6e-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
const schemas = openDataSchemasAvailable();
const itValidates = schemas ? it : it.skip;

function play(events: TenderEvent[]): TenderStep[] {
  let [snapshot] = initialTransition(machine, SEED_001_TENDER_V3);
  const steps: TenderStep[] = [];
  const keep = (seq: number, type: string, at: string) =>
    steps.push({ seq, type, at, state: stateOf(snapshot), context: JSON.parse(JSON.stringify(snapshot.context)) as TenderContext });
  keep(1, 'CREATE', '2022-06-27T07:00:00.000Z');
  events.forEach((event, index) => {
    expect({ type: event.type, accepted: snapshot.can(event) }).toEqual({ type: event.type, accepted: true });
    [snapshot] = transition(machine, snapshot, event);
    keep(index + 2, event.type, new Date(event.at).toISOString());
  });
  return steps;
}

const SEED_001_EVENTS: TenderEvent[] = [
  { type: 'PUBLISH', at: '2022-07-08T10:00:00+02:00' },
  { type: 'SUBMIT_BID', ...validBid(EXAMPLE_SIRETS[0], 3_600_000), at: '2022-07-20T11:00:00+02:00' },
  {
    type: 'SUBMIT_BID',
    ...validBid(EXAMPLE_SIRETS[1], 3_900_000, {
      consortium: [{ name: 'Partenaire', identifier: EXAMPLE_SIRETS[2] }],
      groupingType: 'Conjoint',
    }),
    at: '2022-08-01T15:30:00+02:00',
  },
  { type: 'CLOSE_BIDS', at: '2022-08-06T00:00:00+02:00' },
  { type: 'SCORE_BID', bidId: 'B1', scores: { technical: 70 }, at: '2022-08-18T10:00:00+02:00' },
  { type: 'SCORE_BID', bidId: 'B2', scores: { technical: 90 }, at: '2022-08-18T10:00:00+02:00' },
  { type: 'ATTRIBUTE', bidId: 'B2', at: '2022-08-25T10:00:00+02:00' },
  { type: 'NOTIFY_CONTRACT', notifiedOn: '2022-08-30', at: '2022-08-30T10:00:00+02:00' },
  { type: 'START_DELIVERY', at: '2022-09-19T09:00:00+02:00' },
  {
    type: 'AMEND_CONTRACT',
    notifiedOn: '2022-10-03',
    summary: 'Deux ateliers de plus',
    amountExclVatCents: 3_400_000,
    at: '2022-10-03T10:00:00+02:00',
  },
];

describe('open data of a tender@3 record, from the machine’s own contexts', () => {
  const steps = play(SEED_001_EVENTS);
  const last = steps[steps.length - 1];

  itValidates('gives a valid DECP entry with the consortium and the amendment', () => {
    const outcome = decpMarche({ id: RECORD, context: last.context }, '2022-10-10');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.marche).toMatchObject({
      id: '2022-CREA-001',
      typeGroupementOperateurs: 'Conjoint',
      montant: 32500,
      offresRecues: 2,
      titulaires: [{ titulaire: { id: EXAMPLE_SIRETS[1] } }, { titulaire: { id: EXAMPLE_SIRETS[2] } }],
      modifications: [{ modification: { id: 1, dateNotificationModification: '2022-10-03', montant: 34000 } }],
    });
    expect(decpErrors(decpDocument([outcome.marche]))).toEqual([]);
  });

  itValidates('gives valid OCDS releases: tender, award, contract, implementation, amendment', () => {
    const releases = releasesOf({ id: RECORD, ocid: ocidOf('ocds-000000', RECORD), steps });
    expect(releases.map((release) => release.id)).toEqual([
      '2-tender',
      '8-award',
      '9-contract',
      '10-implementation',
      '11-contractAmendment',
    ]);
    expect(ocdsPackageErrors(releasePackage(`urn:ocds:${ocidOf('ocds-000000', RECORD)}`, releases))).toEqual([]);
  });
});
