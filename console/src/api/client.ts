import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/** A refusal from the API (RFC 9457 problem details), as the console shows it. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  instance?: string;
  reason?: string;
  rule?: string;
  errors?: { field?: string; message: string; [key: string]: unknown }[];
  [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

const TOKEN_KEY = 'console.token';

/** The bearer token, kept for this browser tab's session only (sessionStorage). */
export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

const authorization: Middleware = {
  onRequest({ request }) {
    const token = tokenStore.get();
    if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
};

/** The typed client: paths, parameters and bodies come from the service's OpenAPI document (schema.d.ts). */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(authorization);

/** The data of an openapi-fetch answer, or an ApiError with the problem details. */
export async function unwrap<T>(answer: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await answer;
  if (response.ok) return data as T;
  const problem = (error && typeof error === 'object' ? error : { title: response.statusText }) as Partial<Problem>;
  throw new ApiError({ ...problem, status: response.status });
}
