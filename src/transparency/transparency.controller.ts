import { Controller, Get, Header, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { READERS, Role, Roles } from '../auth/roles.decorator';
import { ErrorCode } from '../common/errors/domain-error';
import { named } from '../contract/components';
import { Contract, ValidQuery } from '../contract/contract';
import { StrictObject, Whole } from '../contract/schema';
import { MAX_QUERY_OFFSET } from '../contract/query';
import { TransparencyService, type ConsistencyProofAnswer, type InclusionProofAnswer } from './transparency.service';

const TEXT = 'text/plain; charset=utf-8';
const Hash = (description: string) => Type.String({ pattern: '^[0-9a-f]{64}$', description });

const InclusionQuery = StrictObject({
  index: Whole(0, MAX_QUERY_OFFSET, { description: 'The leaf index (an event’s `leafIndex` in its history)' }),
  size: Type.Optional(
    Whole(1, MAX_QUERY_OFFSET, { description: 'The tree size: that of a checkpoint, or the current size (the default)' }),
  ),
});

const ConsistencyQuery = StrictObject({
  from: Whole(0, MAX_QUERY_OFFSET, { description: 'The older tree size: that of a checkpoint, or the current size' }),
  to: Type.Optional(
    Whole(0, MAX_QUERY_OFFSET, { description: 'The newer tree size: that of a checkpoint, or the current size (the default)' }),
  ),
});

const InclusionProofSchema = named(
  'InclusionProof',
  Type.Object(
    {
      leafIndex: Type.Integer({ minimum: 0 }),
      treeSize: Type.Integer({ minimum: 1 }),
      leafHash: Hash('SHA-256(0x00 || the leaf entry), hex'),
      hashes: Type.Array(Hash('A node of the proof, hex'), { description: 'RFC 9162 §2.1.3.1 PATH, leaf side first' }),
    },
    { additionalProperties: false },
  ),
);

const ConsistencyProofSchema = named(
  'ConsistencyProof',
  Type.Object(
    {
      from: Type.Integer({ minimum: 0 }),
      to: Type.Integer({ minimum: 0 }),
      hashes: Type.Array(Hash('A node of the proof, hex'), { description: 'RFC 9162 §2.1.4.1 PROOF(from, D[to])' }),
    },
    { additionalProperties: false },
  ),
);

const NOTE = Type.String({ description: 'A C2SP signed note: origin, size, base64 root hash, blank line, Ed25519 signature line' });

/** The transparency log (docs/audit.md): signed checkpoints, the verifier key, proofs. */
@Controller('transparency')
export class TransparencyController {
  constructor(@Inject(TransparencyService) private readonly transparency: TransparencyService) {}

  @Get('checkpoint')
  @Roles(...READERS)
  @Header('cache-control', 'no-store')
  @Contract({
    summary: 'The latest signed checkpoint of the transparency log (C2SP tlog-checkpoint signed note)',
    responses: [{ status: 200, description: 'The note', alternatives: { 'text/plain': NOTE } }],
  })
  async checkpoint(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const latest = await this.transparency.latest();
    void reply.header('content-type', TEXT);
    return latest.note;
  }

  @Post('checkpoint')
  @Roles(Role.Scheduler)
  @HttpCode(200)
  @Contract({
    summary: 'Signs a checkpoint of the tree as it is now (the latest one if the tree has not grown since)',
    responses: [{ status: 200, description: 'The note', alternatives: { 'text/plain': NOTE } }],
  })
  async newCheckpoint(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const made = await this.transparency.checkpoint();
    void reply.header('content-type', TEXT);
    return made.note;
  }

  @Get('key')
  @Roles(...READERS)
  @Contract({
    summary: 'The verifier key of the checkpoints (C2SP signed-note: <origin>+<key id>+<base64 Ed25519 public key>)',
    responses: [{ status: 200, description: 'The key string and a line feed', alternatives: { 'text/plain': Type.String() } }],
  })
  key(@Res({ passthrough: true }) reply: FastifyReply): string {
    void reply.header('content-type', TEXT);
    return `${this.transparency.verifierKey}\n`;
  }

  @Get('proof/inclusion')
  @Roles(...READERS)
  @Contract({
    summary: 'Inclusion proof of a leaf in the tree of a given size (RFC 9162 §2.1.3)',
    description: 'The size must be that of a stored checkpoint or the current size; verify against that checkpoint’s root.',
    query: InclusionQuery,
    responses: [{ status: 200, description: 'The proof', schema: InclusionProofSchema }],
    problems: [ErrorCode.VALIDATION_FAILED],
  })
  inclusion(@ValidQuery() query: Static<typeof InclusionQuery>): Promise<InclusionProofAnswer> {
    return this.transparency.inclusionProof(query.index, query.size);
  }

  @Get('proof/consistency')
  @Roles(...READERS)
  @Contract({
    summary: 'Consistency proof between two tree sizes (RFC 9162 §2.1.4): the older tree is a prefix of the newer',
    description: 'Both sizes must be those of stored checkpoints or the current size.',
    query: ConsistencyQuery,
    responses: [{ status: 200, description: 'The proof', schema: ConsistencyProofSchema }],
    problems: [ErrorCode.VALIDATION_FAILED],
  })
  consistency(@ValidQuery() query: Static<typeof ConsistencyQuery>): Promise<ConsistencyProofAnswer> {
    return this.transparency.consistencyProof(query.from, query.to);
  }
}
