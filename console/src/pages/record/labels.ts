import type { TFunction } from 'i18next';

/** Human labels from the `states` and `events` catalogues; the raw name when the catalogue has none. */
export function stateLabel(t: TFunction, kind: string, state: string): string {
  return t(`${kind}.${state}`, {
    ns: 'states',
    defaultValue: t(`${kind}.${state.split('.').at(-1)}`, { ns: 'states', defaultValue: state }),
  });
}

export function stageLabel(t: TFunction, stage: string | null | undefined): string {
  if (!stage) return '—';
  return t(`stages.${stage}`, { ns: 'states', defaultValue: stage });
}

export function eventLabel(t: TFunction, kind: string, type: string): string {
  return t(`${kind}.${type}`, { ns: 'events', defaultValue: t(`common.${type}`, { ns: 'events', defaultValue: type }) });
}
