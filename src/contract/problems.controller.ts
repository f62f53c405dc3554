import { Controller, Get, Param, Res } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles.decorator';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { codeOfProblemSlug, problemTypes, type ProblemType } from '../common/errors/problem-catalogue';
import { named } from './components';
import { Contract } from './contract';

const ProblemTypeSchema = named(
  'ProblemType',
  Type.Object(
    { type: Type.String(), code: Type.String(), status: Type.Integer(), title: Type.String(), description: Type.String() },
    { additionalProperties: false },
  ),
);

const escape = (text: string) => text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);

/** The pages problem `type` URIs resolve to (RFC 9457 §3.1.1): what each problem means. */
@Public()
@Controller('problems')
export class ProblemsController {
  @Get()
  @Contract({
    summary: 'Every kind of problem the API answers, with its code, status and meaning',
    responses: [{ status: 200, description: 'The problem types', schema: Type.Array(ProblemTypeSchema) }],
  })
  list(): ProblemType[] {
    return problemTypes();
  }

  @Get(':code')
  @Contract({
    summary: 'The page of one problem type (the `type` of a problem details answer)',
    params: { code: Type.String({ description: 'The code in lower case with dashes: validation-failed' }) },
    responses: [{ status: 200, description: 'An HTML page', alternatives: { 'text/html': Type.String() } }],
    problems: [ErrorCode.NOT_FOUND],
  })
  page(@Param('code') slug: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    const code = codeOfProblemSlug(slug);
    const type = problemTypes().find((candidate) => candidate.code === code);
    if (!type) throw new DomainError(ErrorCode.NOT_FOUND, `No problem type "${slug.slice(0, 80)}"; GET /api/problems lists them.`);
    void reply.header('content-type', 'text/html; charset=utf-8');
    return [
      '<!doctype html>',
      `<html lang="en"><head><meta charset="utf-8"><title>${escape(type.code)}: ${escape(type.title)}</title></head>`,
      `<body><main><h1>${escape(type.title)}</h1>`,
      `<p>HTTP status <strong>${type.status}</strong>, code <code>${escape(type.code)}</code>.</p>`,
      `<p>${escape(type.description)}</p>`,
      '<p><a href="/api/docs">The API reference</a></p></main></body></html>',
    ].join('\n');
  }
}
