import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorCode, statusOf, titleOf } from './domain-error';
import { problemTypeUri } from './problem-catalogue';

export interface ProblemDetails {
  /** A page of the API describing this kind of problem (GET /api/problems/<code>). */
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  /** The request's path: which request the problem is about. */
  instance?: string;
  [extension: string]: unknown;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_REQUEST,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
};

/** Fastify's 415 says only "Unsupported Media Type"; the problem says what the API takes. */
const DETAIL_BY_STATUS: Record<number, string> = {
  415: 'The API reads JSON bodies only: send the body as application/json.',
};

export function problemFrom(error: unknown): ProblemDetails {
  if (error instanceof DomainError) {
    return problem(error.code, error.detail, error.status, error.title, error.extensions);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = CODE_BY_STATUS[status] ?? (status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST);
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const given = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message;
    const detail = DETAIL_BY_STATUS[status] ?? given;
    return problem(code, detail, status, titleOf(code));
  }
  const status = (error as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's own refusals (malformed JSON, body too large, wrong content type).
    const code = CODE_BY_STATUS[status] ?? ErrorCode.BAD_REQUEST;
    return problem(code, DETAIL_BY_STATUS[status] ?? (error as Error).message, status, titleOf(code));
  }
  return problem(ErrorCode.INTERNAL, 'An unexpected error occurred; it has been logged.', 500, titleOf(ErrorCode.INTERNAL));
}

function problem(code: ErrorCode, detail: string, status: number, title: string, extensions: Record<string, unknown> = {}): ProblemDetails {
  return {
    type: problemTypeUri(code),
    title,
    status: status ?? statusOf(code),
    detail,
    code,
    ...extensions,
  };
}

/** Every error leaves as `application/problem+json` (RFC 9457) with a stable `code`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  catch(error: unknown, host: ArgumentsHost): void {
    const body = problemFrom(error);
    const request = host.switchToHttp().getRequest<FastifyRequest | undefined>();
    if (request?.url) body.instance = request.url.split('?')[0];
    if (body.status >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.status(body.status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
  }
}
