import { createHash } from 'node:crypto';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { AppConfig } from '../../config/app-config';
import { DomainError, ErrorCode } from '../errors/domain-error';

/** The request headers the API reads, and the response headers a browser script may read. */
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Request-Id'];
export const CORS_EXPOSED_HEADERS = ['ETag', 'Location', 'X-Request-Id', 'Retry-After'];

/** The API answers JSON only: nothing to load, nothing to frame. */
const API_CSP = { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] };

/**
 * The pages (the console outside /api, Swagger UI under /api/docs) load their own scripts, styles,
 * fonts and icons; set inline styles (the design system's components, the generated forms, the
 * diagrams, Swagger UI); show data: images; and call the API on the same origin only, plus the
 * OpenID provider's origin when there is one (the console reads its discovery document and
 * exchanges the sign-in code at its token endpoint).
 */
function pageCsp(config: AppConfig) {
  const provider = config.oidc ? [new URL(config.oidc.issuer).origin] : [];
  return { ...PAGE_CSP, connectSrc: ["'self'", ...provider] };
}

const PAGE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  objectSrc: ["'none'"],
};

const DOCS_PREFIX = '/api/docs';

/** The rate limit's key: a hash of the bearer token (the token itself is never kept), else the client's address. */
export function rateLimitKey(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const bearer = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  if (bearer) return `token:${createHash('sha256').update(bearer).digest('base64url')}`;
  return `ip:${request.ip}`;
}

/** Health probes are never limited: a load balancer must always see the truth. */
function exempt(request: FastifyRequest): boolean {
  return request.url === '/api/health' || request.url.startsWith('/api/health/') || request.url.startsWith('/api/health?');
}

/**
 * CORS (only for the origins in CORS_ORIGINS), security headers (unless SECURITY_HEADERS=off) and
 * the rate limit per token (when RATE_LIMIT_MAX > 0). Registered before the routes, after the
 * request-id hook.
 */
export async function registerHardening(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  if (config.corsOrigins.length > 0) {
    await app.register(fastifyCors, {
      origin: config.corsOrigins,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: CORS_ALLOWED_HEADERS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
      maxAge: 600,
    });
  }
  if (config.securityHeaders) {
    // helmet's middleware is built once per policy: @fastify/helmet rebuilt it (and its policy
    // string) on every request, which cost the HTTP benchmark a sixth of its throughput.
    const apiHeaders = helmet({ contentSecurityPolicy: { useDefaults: false, directives: API_CSP } });
    // Only the pages (the console, the documentation page) load anything: the policy is relaxed there, and there only.
    // A page's popups keep their opener (same-origin-allow-popups): Stately's inspector, opened by the
    // console in a window of its own, answers it through window.opener.
    const pageHeaders = helmet({
      contentSecurityPolicy: { useDefaults: false, directives: pageCsp(config) },
      crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
    });
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
        const url = request.url;
        const isApi = url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
        const isDocs = url === DOCS_PREFIX || url.startsWith(`${DOCS_PREFIX}/`) || url.startsWith(`${DOCS_PREFIX}-`);
        const headers = !isApi || isDocs ? pageHeaders : apiHeaders;
        // helmet's middlewares never fail: they only set and remove headers.
        headers(request.raw, reply.raw, () => done());
      });
  }
  if (config.rateLimit.max > 0) {
    await app.register(fastifyRateLimit, {
      global: true,
      max: config.rateLimit.max,
      timeWindow: config.rateLimit.windowMs,
      keyGenerator: rateLimitKey,
      allowList: exempt,
      // Thrown: the problem-details filter answers it like any other refusal (429, Retry-After kept).
      errorResponseBuilder: (_request, context) =>
        new DomainError(
          ErrorCode.RATE_LIMITED,
          `More than ${context.max} requests in ${context.after}; retry in ${Math.ceil(context.ttl / 1000)} s.`,
          { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
        ),
    });
  }
}
