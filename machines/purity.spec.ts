import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

/**
 * DESIGN.md rule 1: machines are pure. Every non-spec TypeScript file under machines/ may import only
 * 'xstate' or a relative path that stays inside machines/, and must not read the clock, draw random
 * numbers, touch the process or require modules. Test support (a `testing/` folder, e.g.
 * machines/shared/testing/path-coverage.ts, which uses xstate/graph) is for specs only, like the specs
 * themselves: no machine file may import it.
 */
const MACHINES_DIR = __dirname;
const TEST_SUPPORT_DIR = 'testing';

const FORBIDDEN: { pattern: RegExp; what: string }[] = [
  { pattern: /\bDate\s*\.\s*now\s*\(/, what: 'Date.now(' },
  { pattern: /\bnew\s+Date\s*\(\s*\)/, what: 'new Date() without argument' },
  { pattern: /\bMath\s*\.\s*random\b/, what: 'Math.random' },
  { pattern: /\bprocess\s*\./, what: 'process.' },
  { pattern: /\brequire\s*\(/, what: 'require(' },
];

function listSourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== TEST_SUPPORT_DIR) files.push(...listSourceFiles(path));
    } else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) {
      files.push(path);
    }
  }
  return files.sort();
}

/** The module specifiers a file imports or re-exports (static, dynamic, import = require). */
function moduleSpecifiers(source: ts.SourceFile): string[] {
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      specifiers.push(ts.isStringLiteral(expression) ? expression.text : expression.getText(source));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      specifiers.push(argument && ts.isStringLiteralLike(argument) ? argument.text : '<dynamic import>');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specifiers.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

/**
 * The code without its comments and the text of its strings (the leaf tokens of the syntax tree, JSDoc
 * left out), so that a doc comment or a message may mention what the code must not do. Expressions
 * inside template literals are code and are kept.
 */
function withoutComments(source: ts.SourceFile): string {
  const isTextLiteral = (node: ts.Node) =>
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateHead(node) ||
    ts.isTemplateMiddle(node) ||
    ts.isTemplateTail(node);
  const tokens: string[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    const children = node.getChildren(source);
    if (children.length === 0) tokens.push(isTextLiteral(node) ? '""' : node.getText(source));
    else children.forEach(visit);
  };
  visit(source);
  return tokens.join(' ');
}

/** Why a machine file is impure (empty when it is pure). */
function impurities(file: string, text: string): string[] {
  const problems: string[] = [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  for (const specifier of moduleSpecifiers(source)) {
    if (specifier === 'xstate') continue;
    if (specifier.startsWith('./') || specifier.startsWith('../')) {
      const target = resolve(dirname(file), specifier);
      if (relative(MACHINES_DIR, target).split(sep).includes(TEST_SUPPORT_DIR)) {
        problems.push(`imports ${specifier}, which is test support`);
        continue;
      }
      if (target === MACHINES_DIR || target.startsWith(MACHINES_DIR + sep)) continue;
      problems.push(`imports ${specifier}, which leaves machines/`);
    } else {
      problems.push(`imports ${specifier}; only 'xstate' and relative files in machines/ are allowed`);
    }
  }
  const code = withoutComments(source);
  for (const { pattern, what } of FORBIDDEN) {
    if (pattern.test(code)) problems.push(`uses ${what}`);
  }
  return problems;
}

describe('machines are pure (DESIGN.md rule 1)', () => {
  const files = listSourceFiles(MACHINES_DIR);

  it('finds the machine sources', () => {
    const names = files.map((file) => relative(MACHINES_DIR, file).split(sep).join('/'));
    expect(names).toEqual(expect.arrayContaining(['shared/rules.ts', 'tender/tender.machine.ts', 'tender/tender.examples.ts']));
    expect(names.some((name) => name.endsWith('.spec.ts'))).toBe(false);
    expect(names.some((name) => name.split('/').includes(TEST_SUPPORT_DIR))).toBe(false);
  });

  it('has no impure non-spec file under machines/', () => {
    const report = files
      .map((file) => ({ file: relative(MACHINES_DIR, file), problems: impurities(file, readFileSync(file, 'utf8')) }))
      .filter((entry) => entry.problems.length > 0);
    expect(report).toEqual([]);
  });

  describe('the check itself', () => {
    const file = join(MACHINES_DIR, 'tender', 'example.ts');

    it('accepts xstate, relative files inside machines/, type imports among them, and comments or strings that mention Date.now()', () => {
      const text = [
        "import { setup } from 'xstate';",
        "import type { Rule } from '../shared/rules';",
        "export * from './tender.types';",
        '/** Never call Date.now() nor Math.random here; no process.env, no require(). */',
        '// new Date() is forbidden',
        'export const at = (iso: string) => new Date(iso).toISOString();',
        'const url = `see http://example.org/${1} // Date.now() in a template is text`;',
        "const message = 'no process. here, nor require(';",
        'export const when = Date.parse("2022-08-05T23:59:59+02:00");',
      ].join('\n');
      expect(impurities(file, text)).toEqual([]);
    });

    it.each([
      ["import { Injectable } from '@nestjs/common';", "imports @nestjs/common; only 'xstate' and relative files in machines/ are allowed"],
      ["import { DateTime } from 'luxon';", "imports luxon; only 'xstate' and relative files in machines/ are allowed"],
      [
        "import { getShortestPaths } from 'xstate/graph';",
        "imports xstate/graph; only 'xstate' and relative files in machines/ are allowed",
      ],
      ["import { readFileSync } from 'node:fs';", "imports node:fs; only 'xstate' and relative files in machines/ are allowed"],
      [
        "import { parisCalendar } from '../../src/calendar/paris-calendar';",
        'imports ../../src/calendar/paris-calendar, which leaves machines/',
      ],
      ["import type { X } from '../../src/engine/kind-definition';", 'imports ../../src/engine/kind-definition, which leaves machines/'],
      ["export { x } from '../../package.json';", 'imports ../../package.json, which leaves machines/'],
      ["import { explore } from '../shared/testing/path-coverage';", 'imports ../shared/testing/path-coverage, which is test support'],
      ["const fs = import('fs');", "imports fs; only 'xstate' and relative files in machines/ are allowed"],
      ["import fs = require('fs');", "imports fs; only 'xstate' and relative files in machines/ are allowed"],
      ['const now = Date.now();', 'uses Date.now('],
      ['const now = new Date();', 'uses new Date() without argument'],
      ['const id = Math.random().toString(36);', 'uses Math.random'],
      ['const zone = process.env.TZ;', 'uses process.'],
      ["const luxon = require('luxon');", 'uses require('],
      ['const label = `${Date.now()} ms`; // in a template', 'uses Date.now('],
      ['/* a comment */ const pid = process . pid;', 'uses process.'],
    ])('refuses %s', (line, problem) => {
      expect(impurities(file, line)).toContain(problem);
    });
  });
});
