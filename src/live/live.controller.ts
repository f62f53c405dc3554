import { readableOrganisations } from '../auth/organisations';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../common/actor.decorator';
import { PassThrough } from 'node:stream';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { type Static } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { READERS, Roles } from '../auth/roles.decorator';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { Contract, ValidQuery } from '../contract/contract';
import { MachineCatalogue } from '../engine/machine-catalogue';
import { LiveChanges } from './live-changes';
import { LiveChangeSchema, StreamQuery } from './live.schemas';

/** How long a browser's EventSource waits before reconnecting (the `retry` field). */
export const RECONNECT_MS = 3_000;

/**
 * Bytes a stream may hold unsent for a client that does not read; past this, the stream is closed
 * (the client reconnects and reads what it missed from the API).
 */
const MAX_UNSENT_BYTES = 1024 * 1024;

@Controller('stream')
export class LiveController {
  constructor(
    @Inject(LiveChanges) private readonly live: LiveChanges,
    @Inject(MachineCatalogue) private readonly catalogue: MachineCatalogue,
  ) {}

  @Get()
  @Roles(...READERS)
  @Contract({
    summary: 'A live stream of committed changes (Server-Sent Events)',
    description:
      'text/event-stream: `retry: 3000` first, then one message per committed command (a record created, an event applied, a deadline fired): `id: <n>` (increasing on this node), `event: change`, `data: <LiveChange JSON>`; a `: keep-alive` comment every STREAM_HEARTBEAT_MS (15 s by default). A change is sent only after its transaction has committed, and only of a record the caller may read (administrators and auditors: their organisations’); a refused command sends nothing. The stream covers the commands of the node it is opened on (one node for now). Nothing is replayed on reconnection (`Last-Event-ID` is ignored): read the records again after a reconnection.',
    query: StreamQuery,
    responses: [
      {
        status: 200,
        description: 'The stream; each `data` line holds one LiveChange',
        alternatives: { 'text/event-stream': LiveChangeSchema },
      },
    ],
    problems: [ErrorCode.UNKNOWN_KIND],
  })
  stream(@ValidQuery() query: Static<typeof StreamQuery>, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply): void {
    if (query.kind !== undefined && !this.catalogue.kinds().includes(query.kind)) {
      throw new DomainError(ErrorCode.UNKNOWN_KIND, `Unknown kind "${query.kind}"; known kinds: ${this.catalogue.kinds().join(', ')}.`, {
        knownKinds: this.catalogue.kinds(),
      });
    }
    const socket = reply.raw.socket;
    // A client that left while its request was authenticated gets no stream (nobody would end it).
    if (reply.raw.destroyed || !socket || socket.destroyed) return;
    const body = new PassThrough();
    const unsubscribe = this.live.subscribe(
      { kind: query.kind, instanceId: query.instanceId, organisations: readableOrganisations(principal) },
      {
        write: (text) => {
          if (body.destroyed || body.writableEnded || body.writableLength > MAX_UNSENT_BYTES) return false;
          body.write(text);
          return true;
        },
        close: () => {
          if (!body.destroyed) body.end();
        },
      },
    );
    // Whichever comes first frees the subscriber: the response closing (the client went away, the
    // stream ended, the socket failed) or the body being destroyed with it.
    reply.raw.once('close', unsubscribe);
    body.once('close', unsubscribe);
    // A write racing the connection's end is not an error of the service.
    body.on('error', unsubscribe);
    body.write(`retry: ${RECONNECT_MS}\n\n`);
    void reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      // Neither caches nor proxies may keep or buffer it (X-Accel-Buffering: nginx).
      .header('cache-control', 'no-cache, no-transform')
      .header('x-accel-buffering', 'no')
      .send(body);
  }
}
