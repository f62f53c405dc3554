/**
 * Pieces shared by the dashboard, records, deadlines, clock, indicators and audit pages: the problem
 * alert, badges for kinds, stages and states, the service clock, downloads with the session token and
 * the Paris calendar conversions their filters need.
 */
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api, tokenStore, unwrap, type Problem } from '../api/client';
import { SPINE_STAGES } from '../../../machines/shared/spine';
import './PagesShared.css';

/** The common spine, in order, as the machines define it: every count by stage follows it. */
export const STAGES = SPINE_STAGES;

export const KINDS = ['tender', 'convention', 'cohort'] as const;

export const STATUSES = ['active', 'done'] as const;

/** An error as the pages show it: the problem's detail when the API sent one. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation('records');
  const problem: Problem | undefined = error instanceof ApiError ? error.problem : undefined;
  const detail = problem?.detail ?? problem?.title ?? (error instanceof Error ? error.message : t('shared.unexpected'));
  const fields = problem?.errors?.map((field) => `${field.field ?? ''} : ${(field as { messages?: string[] }).messages?.join(', ') ?? ''}`);
  return (
    <Alert
      severity="error"
      title={title ?? t('shared.errorTitle')}
      description={
        <>
          <span>{detail}</span>
          {fields && fields.length > 0 && (
            <ul>
              {fields.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </>
      }
      className="fr-mb-3w"
    />
  );
}

export function LoadingText({ text }: { text?: string }) {
  const { t } = useTranslation('records');
  return (
    <p role="status" className="fr-text--sm">
      {text ?? t('shared.loading')}
    </p>
  );
}

export function KindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation('common');
  return (
    <Badge as="span" small noIcon severity="new">
      {t(`kinds.${kind}`, { defaultValue: kind })}
    </Badge>
  );
}

export function StageBadge({ stage }: { stage: string }) {
  const { t } = useTranslation('records');
  const severity = stage === 'closed' ? undefined : stage === 'draft' ? undefined : 'info';
  return (
    <Badge as="span" small noIcon severity={severity}>
      {t(`stages.${stage}`, { defaultValue: stage })}
    </Badge>
  );
}

/** A state is dotted under its parents (open.published): its last part names it. */
export function stateLabel(state: string, t: (key: string, options?: { defaultValue: string }) => string): string {
  const leaf = state.split('.').pop() ?? state;
  return t(`records:states.${leaf}`, { defaultValue: leaf });
}

export function StateBadge({ state, status }: { state: string; status?: string }) {
  const { t } = useTranslation('records');
  const leaf = state.split('.').pop() ?? state;
  const exit = ['cancelled', 'unsuccessful', 'withdrawn'].includes(leaf);
  return (
    <Badge as="span" small noIcon severity={exit ? 'warning' : status === 'done' ? 'success' : undefined}>
      {stateLabel(state, t)}
    </Badge>
  );
}

/** A deadline's label in the console's language, by the event it sends; the API's own words otherwise. */
export function deadlineLabel(event: string, label: string, t: (key: string, options?: { defaultValue: string }) => string): string {
  return t(`deadlines:events.${event}`, { defaultValue: label });
}

export interface ServiceClock {
  mode: 'simulated' | 'real';
  now: string;
}

/**
 * The service's now, not the browser's: on the simulated clock they differ by months. GET /api/clock
 * answers 404 on the real clock; the agenda also carries the clock's now, so it stands in.
 */
export async function readServiceClock(): Promise<ServiceClock> {
  const answer = await api.GET('/api/clock');
  if (answer.response.status === 404) {
    const agenda = await unwrap(api.GET('/api/deadlines', { params: { query: { limit: 1 } } }));
    return { mode: 'real', now: agenda.now };
  }
  const clock = await unwrap(Promise.resolve(answer));
  return { mode: clock.mode, now: clock.now };
}

export function useServiceClock() {
  return useQuery({ queryKey: ['clock'], queryFn: readServiceClock });
}

/** A GET with the session token on a route the typed client does not describe (yet), as JSON. */
export async function getJson<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
  const response = await fetch(withQuery(path, query), { headers: authHeaders({ accept: 'application/json' }) });
  if (!response.ok) throw new ApiError(await problemOf(response));
  return (await response.json()) as T;
}

/** Fetches a file with the session token and hands it to the browser as a download. */
export async function downloadFile(
  path: string,
  query: Record<string, string | number | undefined>,
  accept: string,
  fallbackName: string,
): Promise<void> {
  const response = await fetch(withQuery(path, query), { headers: authHeaders({ accept }) });
  if (!response.ok) throw new ApiError(await problemOf(response));
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

function authHeaders(headers: Record<string, string>): Record<string, string> {
  const token = tokenStore.get();
  return token ? { ...headers, authorization: `Bearer ${token}` } : headers;
}

async function problemOf(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    return { ...body, status: response.status };
  } catch {
    return { status: response.status, title: response.statusText };
  }
}

/** The offset of Europe/Paris at an instant, in minutes (+120 in summer). */
function parisOffsetMinutes(instant: number): number {
  const name =
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
      .formatToParts(new Date(instant))
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** A Paris wall time (2022-08-05, 23:59:59) as an ISO instant with its offset: 2022-08-05T23:59:59+02:00. */
export function parisInstant(date: string, time = '00:00:00'): string {
  const [year, month, day] = date.split('-').map(Number);
  const [hours, minutes, seconds] = time.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hours, minutes, Math.floor(seconds || 0));
  // The offset at the wall time read as UTC is right except within hours of a change: check it once more.
  let offset = parisOffsetMinutes(wall - parisOffsetMinutes(wall) * 60_000);
  offset = parisOffsetMinutes(wall - offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const pad = (value: number) => String(value).padStart(2, '0');
  const wallTime = time.split(':').length > 2 ? time : `${time}:00`;
  return `${date}T${wallTime}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/** The start of a Paris day, and its last millisecond for the routes whose upper bound is included. */
export const parisDayStart = (date: string) => parisInstant(date, '00:00:00');
export const parisDayEnd = (date: string) => parisInstant(date, '23:59:59.999');

/** The start of the next Paris day: the upper bound of a day range where the route excludes its bound. */
export function parisNextDayStart(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return parisDayStart(new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10));
}

/** The Paris calendar date of an instant (2022-06-01), for a date field's value. */
export function parisDate(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );
}

/** The Paris wall time of an instant as a datetime-local value (2022-06-01T08:00). */
export function parisDateTimeLocal(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** A record's title in lists: its label, or its kind and the start of its id when it has none. */
export function recordTitle(record: { id: string; kind: string; label: string | null }, t: (key: string) => string): string {
  return record.label?.trim() ? record.label : `${t(`common:kinds.${record.kind}`)} ${record.id.slice(0, 8)}`;
}

/** Titles are looked up in one page of the list: beyond it a record is named by its kind and id. */
const TITLE_LOOKUP_LIMIT = 500;

/**
 * A link to a record named by its title. The agenda, the firings and the verification reports carry only
 * ids; the list's first page (under ['instances'], so it refreshes with every change) gives the titles.
 */
export function RecordLink({ id, kind }: { id: string; kind: string }) {
  const { t } = useTranslation('records');
  const titles = useQuery({
    queryKey: ['instances', { limit: TITLE_LOOKUP_LIMIT, purpose: 'titles' }],
    queryFn: () => unwrap(api.GET('/api/instances', { params: { query: { limit: TITLE_LOOKUP_LIMIT } } })),
    select: (list) => new Map(list.items.map((item) => [item.id, item.label])),
    staleTime: 30_000,
  });
  return <Link to={`/records/${id}`}>{recordTitle({ id, kind, label: titles.data?.get(id) ?? null }, t)}</Link>;
}
