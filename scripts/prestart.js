#!/usr/bin/env node
// Before `npm start`: build dist/ only when it is missing or older than the sources, so that a
// production start (dev dependencies pruned, no TypeScript compiler) runs what was built, and a fresh
// clone still builds on its first start. Plain Node, no dependencies.
'use strict';

const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'src', 'main.js');
/** What tsconfig.build.json compiles, and the configuration itself. */
const SOURCE_DIRECTORIES = ['src', 'machines'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json'];
const EXIT_CANNOT_BUILD = 2;

/** The latest modification time of the TypeScript sources (0 when there are none, as in a dist-only image). */
function newestSourceTime() {
  let newest = 0;
  const visit = (path) => {
    for (const item of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, item.name);
      if (item.isDirectory()) visit(child);
      else if (item.name.endsWith('.ts') && !item.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(child).mtimeMs);
    }
  };
  for (const directory of SOURCE_DIRECTORIES) if (existsSync(join(root, directory))) visit(join(root, directory));
  for (const file of SOURCE_FILES) if (existsSync(join(root, file))) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

function whyBuild() {
  if (!existsSync(entry)) return 'dist/ has not been built';
  return statSync(entry).mtimeMs < newestSourceTime() ? 'dist/ is older than the sources' : undefined;
}

const reason = whyBuild();
if (reason === undefined) process.exit(0);

let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
} catch {
  process.stderr.write(
    `npm start: ${reason} and the TypeScript compiler is not installed (run npm install with dev dependencies, then npm run build)\n`,
  );
  process.exit(EXIT_CANNOT_BUILD);
}
process.stdout.write(`npm start: ${reason}; building it\n`);
const build = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
process.exit(build.status ?? 1);
