#!/usr/bin/env node
// Before `npm start` (and `npm test`): build what is missing or older than its sources, so that a
// production start (dev dependencies pruned, no compilers) runs what was built, and a fresh clone
// still builds on its first start. Two builds: the service (dist/, TypeScript) and the console
// (console/dist/, Vite). `--console` checks the console only. Plain Node, no dependencies.
'use strict';

const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const EXIT_CANNOT_BUILD = 2;

/** The latest modification time of the sources under `directories` and of `files` (0 when there are none, as in a dist-only image). */
function newestSourceTime(directories, files, isSource) {
  let newest = 0;
  const visit = (path) => {
    for (const item of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, item.name);
      if (item.isDirectory()) visit(child);
      else if (isSource(item.name)) newest = Math.max(newest, statSync(child).mtimeMs);
    }
  };
  for (const directory of directories) if (existsSync(join(root, directory))) visit(join(root, directory));
  for (const file of files) if (existsSync(join(root, file))) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

const BUILDS = {
  service: {
    output: 'dist/',
    entry: join(root, 'dist', 'src', 'main.js'),
    sources: () =>
      newestSourceTime(
        ['src', 'machines'],
        ['tsconfig.json', 'tsconfig.build.json'],
        (name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'),
      ),
    tool: ['typescript', 'bin/tsc'],
    toolName: 'the TypeScript compiler',
    args: (tool) => [tool, '-p', join(root, 'tsconfig.build.json')],
    cwd: root,
    hint: 'npm run build',
  },
  console: {
    output: 'console/dist/',
    entry: join(root, 'console', 'dist', 'index.html'),
    sources: () =>
      newestSourceTime(
        ['console/src'],
        ['console/index.html', 'console/vite.config.ts', 'console/package.json', 'machines/shared/spine.ts'],
        (name) => !name.endsWith('.spec.ts'),
      ),
    tool: ['vite', 'bin/vite.js'],
    toolName: 'Vite',
    args: (tool) => [tool, 'build', '--logLevel', 'warn'],
    cwd: join(root, 'console'),
    hint: 'npm run build:console',
  },
};

function whyBuild(build) {
  if (!existsSync(build.entry)) return `${build.output} has not been built`;
  return statSync(build.entry).mtimeMs < build.sources() ? `${build.output} is older than the sources` : undefined;
}

/** Builds when needed; false when a build was needed and failed (or its tool is missing). */
function buildIfNeeded(name) {
  const build = BUILDS[name];
  // A tree without the console's sources (a service-only image) has nothing to build.
  if (name === 'console' && !existsSync(join(root, 'console', 'package.json'))) return true;
  const reason = whyBuild(build);
  if (reason === undefined) return true;
  let tool;
  try {
    // Through package.json: a package's exports may hide its bin files from require.resolve.
    tool = join(require.resolve(`${build.tool[0]}/package.json`, { paths: [build.cwd, root] }), '..', build.tool[1]);
  } catch {
    process.stderr.write(
      `npm start: ${reason} and ${build.toolName} is not installed (run npm install with dev dependencies, then ${build.hint})\n`,
    );
    return false;
  }
  process.stdout.write(`npm start: ${reason}; building it\n`);
  const run = spawnSync(process.execPath, build.args(tool), { cwd: build.cwd, stdio: 'inherit' });
  return run.status === 0;
}

const consoleOnly = process.argv.includes('--console');
if (!consoleOnly && !buildIfNeeded('service')) process.exit(EXIT_CANNOT_BUILD);
// Without its console the service still serves the API (and says at / how to build the console).
if (!buildIfNeeded('console') && consoleOnly) process.exit(EXIT_CANNOT_BUILD);
