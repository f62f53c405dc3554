import { enumLabel } from '../../forms/schema';
import { i18next } from '../../i18n';
import type { InstanceView } from './queries';

type Schema = Record<string, unknown>;

const choices = (items: { value: string; title: string }[]): Schema => ({
  type: 'string',
  oneOf: items.map((item) => ({ const: item.value, title: item.title })),
});

function withProperty(schema: Schema, name: string, change: (property: Schema) => Schema): Schema {
  const properties = schema.properties as Record<string, Schema> | undefined;
  if (!properties?.[name]) return schema;
  return { ...schema, properties: { ...properties, [name]: change(properties[name]) } };
}

/**
 * An event's schema made concrete with what the record holds: a bid, a party or a participant is
 * chosen from a list, scores are asked per quality criterion, documents per required document. The
 * API still checks everything; this only spares typing identifiers.
 */
export function enrichEventSchema(view: InstanceView, type: string, schema: Schema): { schema: Schema; formData: Record<string, unknown> } {
  const context = (view.context ?? {}) as Record<string, unknown>;
  let next = schema;
  const formData: Record<string, unknown> = {};
  if (view.kind === 'tender') {
    const bids = (context.bids as { id: string; bidder: { name: string }; withdrawnAt?: string; admissible: boolean }[] | undefined) ?? [];
    const usable = type === 'WITHDRAW_BID' ? bids.filter((bid) => !bid.withdrawnAt) : bids;
    if (usable.length > 0)
      next = withProperty(next, 'bidId', (property) => ({
        ...choices(usable.map((bid) => ({ value: bid.id, title: `${bid.id} — ${bid.bidder.name}` }))),
        description: property.description,
      }));
    const criteria = ((context.criteria as { id: string; label: string; kind: string }[] | undefined) ?? []).filter(
      (criterion) => criterion.kind !== 'price',
    );
    if (criteria.length > 0)
      next = withProperty(next, 'scores', () => ({
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(
          criteria.map((criterion) => [criterion.id, { type: 'number', minimum: 0, maximum: 100, title: criterion.label }]),
        ),
      }));
    const required = (context.requiredDocuments as string[] | undefined) ?? [];
    if (type === 'SUBMIT_BID' && required.length > 0)
      next = withProperty(next, 'documents', () => ({
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(
          required.map((name) => [
            name,
            { type: 'string', maxLength: 500, title: i18next.t('document', { ns: 'fields', name: enumLabel(name) }) },
          ]),
        ),
      }));
  }
  if (view.kind === 'convention') {
    const parties = (context.parties as { id: string; organisation: string }[] | undefined) ?? [];
    const signed = new Set(((context.signatures as { party: string }[] | undefined) ?? []).map((signature) => signature.party));
    const list = (only?: (id: string) => boolean) =>
      choices(parties.filter((party) => !only || only(party.id)).map((party) => ({ value: party.id, title: party.organisation })));
    if (parties.length > 0) {
      next = withProperty(next, 'party', () =>
        type === 'SIGN' && parties.some((party) => !signed.has(party.id)) ? list((id) => !signed.has(id)) : list(),
      );
      next = withProperty(next, 'from', () => list());
      next = withProperty(next, 'to', () => list());
      next = withProperty(next, 'signedBy', (property) => ({ ...property, uniqueItems: true, items: list() }));
    }
  }
  if (view.kind === 'cohort') {
    const participants = ((context.participants as { ref: string; withdrawnAt?: string }[] | undefined) ?? []).filter(
      (participant) => !participant.withdrawnAt,
    );
    if (participants.length > 0) {
      const refs = choices(participants.map((participant) => ({ value: participant.ref, title: participant.ref })));
      if (type !== 'ENROLL') next = withProperty(next, 'ref', () => refs);
      next = withProperty(next, 'attendees', (property) => ({ ...property, uniqueItems: true, items: refs }));
      if (type === 'RECORD_END_EVALUATION' || type === 'RECORD_SIX_MONTH_EVALUATION')
        formData.outcomes = participants.map((participant) => ({
          ref: participant.ref,
          ...(type === 'RECORD_END_EVALUATION' ? { skillsMapDone: false } : {}),
        }));
    }
  }
  return { schema: next, formData };
}
