#!/usr/bin/env node
// The console's API types (console/src/api/schema.d.ts), generated from the service's OpenAPI
// document with openapi-typescript, so that the console is typed against the contract rather than
// hand copies. `npm run console:api-types` rewrites the file from the built service; with
// `--check <openapi.json>` it only compares (exit 1 when the committed file is stale), which a test does.
'use strict';

const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const TYPES_FILE = join(root, 'console', 'src', 'api', 'schema.d.ts');
const HEADER = '// Generated from GET /api/openapi.json by scripts/console-api-types.js: do not edit (npm run console:api-types).\n\n';

/** The TypeScript text for an OpenAPI document. */
async function generate(document) {
  const { default: openapiTS, astToString } = require('openapi-typescript');
  const ast = await openapiTS(document, { alphabetize: true });
  return HEADER + astToString(ast);
}

/** The OpenAPI document of the built service (dist/), on a throw-away SQLite database. */
async function builtDocument() {
  const { createApp } = require(join(root, 'dist', 'src', 'app.factory.js'));
  const { loadConfig } = require(join(root, 'dist', 'src', 'config', 'app-config.js'));
  const folder = mkdtempSync(join(tmpdir(), 'console-api-types-'));
  try {
    const config = loadConfig({
      DATABASE_URL: `sqlite:${join(folder, 'engine.sqlite')}`,
      DATA_DIR: folder,
      SCHEDULER: 'off',
      API_TOKENS: 'types=auditor:console-api-types-0123456789',
      LOG_LEVEL: 'silent',
    });
    const app = await createApp(config, { logger: 'silent' });
    try {
      const answer = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/api/openapi.json' });
      return JSON.parse(answer.body);
    } finally {
      await app.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function readTypesFile() {
  try {
    return readFileSync(TYPES_FILE, 'utf8');
  } catch {
    return '';
  }
}

const CHECK = process.argv.indexOf('--check');
if (CHECK > 0) {
  generate(JSON.parse(readFileSync(process.argv[CHECK + 1], 'utf8')))
    .then((text) => {
      if (readTypesFile() === text) return;
      process.stderr.write(`${TYPES_FILE} is stale: run npm run console:api-types\n`);
      process.exitCode = 1;
    })
    .catch((error) => {
      process.stderr.write(`console:api-types: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    });
} else {
  builtDocument()
    .then(generate)
    .then((text) => {
      const before = readTypesFile();
      writeFileSync(TYPES_FILE, text);
      process.stdout.write(`${TYPES_FILE}: ${before === text ? 'unchanged' : 'written'}\n`);
    })
    .catch((error) => {
      process.stderr.write(`console:api-types: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
