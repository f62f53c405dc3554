import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type InstanceView = Schemas['InstanceView'];
export type MachineDescription = Schemas['MachineDescription'];

export interface HistoryEvent {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: string;
  at: string;
  recordedAt: string;
  hash: string;
}

export interface VerifyResult {
  ok: boolean;
  instanceId: string;
  eventsChecked: number;
  firstDivergentSeq: number | null;
  problem: string | null;
}

export const instanceKey = (id: string) => ['instance', id] as const;

export function useInstance(id: string) {
  return useQuery({
    queryKey: instanceKey(id),
    queryFn: () => unwrap(api.GET('/api/instances/{id}', { params: { path: { id } } })) as Promise<InstanceView>,
  });
}

const PAGE = 500;

/** The whole history, page after page (a record rarely has more than a few hundred events). */
export function useHistory(id: string) {
  return useQuery({
    queryKey: ['history', id, 'all'],
    queryFn: async () => {
      const items: HistoryEvent[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = (await unwrap(
          api.GET('/api/instances/{id}/history', { params: { path: { id }, query: { limit: PAGE, offset } } }),
        )) as {
          items: HistoryEvent[];
          total: number;
        };
        items.push(...page.items);
        if (page.items.length < PAGE || items.length >= page.total) return items;
      }
    },
  });
}

export function useMachine(kind: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ['machine', kind, version],
    enabled: kind !== undefined && version !== undefined,
    staleTime: Infinity,
    queryFn: () =>
      unwrap(
        api.GET('/api/machines/{kind}', { params: { path: { kind: kind as string }, query: { version } } }),
      ) as Promise<MachineDescription>,
  });
}

export function useStateAt(id: string, at: string | undefined) {
  return useQuery({
    queryKey: ['state-at', id, at],
    enabled: at !== undefined,
    staleTime: Infinity,
    queryFn: () =>
      unwrap(api.GET('/api/instances/{id}/state', { params: { path: { id }, query: { at: at as string } } })) as Promise<InstanceView>,
  });
}
