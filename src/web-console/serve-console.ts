import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The project's root: the nearest folder above this file with a package.json (src/… in tests, dist/src/… when built). */
function projectRoot(): string {
  let folder = __dirname;
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
  return folder;
}

/** Where `npm run build:console` writes the console (Vite's output). */
export const CONSOLE_DIST = join(projectRoot(), 'console', 'dist');

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Console not built</title></head>
<body><main><h1>The console has not been built</h1>
<p>Run <code>npm run build:console</code> (or <code>npm start</code>, which builds it when needed), then reload.
The API is served under <a href="/api/docs">/api</a>.</p></main></body></html>
`;

const escapeAttribute = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The built page, with what the service tells the console (today: where Stately's inspector is, when offered). */
function pageWithSettings(page: string, settings: ConsoleSettings): string {
  if (!settings.inspectorUrl) return page;
  return page.replace('</head>', `  <meta name="console-inspector" content="${escapeAttribute(settings.inspectorUrl)}" />\n  </head>`);
}

export interface ConsoleSettings {
  /** CONSOLE_INSPECTOR_URL: the console offers to open a record's steps in Stately's inspector there. */
  inspectorUrl?: string;
}

function isApi(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/**
 * Serves the console at `/`: its built files, and its page for every other path outside /api
 * (the console routes in the browser: /records/…, /indicators…), so that a link to a page can be
 * opened or reloaded. Paths under /api keep their problem-details 404.
 */
export async function serveConsole(app: NestFastifyApplication, settings: ConsoleSettings = {}, folder = CONSOLE_DIST): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const indexFile = join(folder, 'index.html');
  const built = existsSync(indexFile);
  if (built) {
    // Hashed file names under assets/ never change: cached for a year; the page itself is always revalidated.
    await app.register(fastifyStatic, {
      root: folder,
      prefix: '/',
      wildcard: false,
      index: false,
      setHeaders: (reply, path) => {
        void reply.header('cache-control', path.includes(`${join(folder, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  // Read once: the built page does not change while the service runs.
  const builtPage = built ? pageWithSettings(readFileSync(indexFile, 'utf8'), settings) : NOT_BUILT_PAGE;
  const page = (): string => builtPage;
  const answerPage = (request: FastifyRequest, reply: FastifyReply): void => {
    // A missing built file (a stale page asking for an old hash) is a 404, not the page.
    if (isApi(request.url) || request.url.startsWith('/assets/')) {
      reply.callNotFound();
      return;
    }
    void reply
      .status(built ? 200 : 503)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(page());
  };
  fastify.get('/', answerPage);
  fastify.get('/*', answerPage);
}
