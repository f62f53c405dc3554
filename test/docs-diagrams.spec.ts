import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toMermaid } from '../machines/shared/diagram';
import { buildCatalogue } from '../src/kinds/kind-catalogue';

/**
 * Each lifecycle page carries the diagram generated from its machine, between markers. This test
 * fails when a machine changed and its page did not; `UPDATE_DIAGRAMS=1 npx jest test/docs-diagrams`
 * rewrites the pages.
 */
const catalogue = buildCatalogue();

describe.each(catalogue.kinds())('docs/lifecycles/%s.md', (kind) => {
  const path = join(__dirname, '..', 'docs', 'lifecycles', `${kind}.md`);

  it('shows the diagram generated from the current machine', () => {
    const page = readFileSync(path, 'utf8');
    const marker = `<!-- diagram: ${kind} -->`;
    expect(page).toContain(marker);
    const block = `${marker}\n\`\`\`mermaid\n${toMermaid(catalogue.latest(kind)!.machine)}\n\`\`\`\n<!-- end diagram -->`;
    const current = page.replace(new RegExp(`${marker}(\\n\`\`\`mermaid\\n[\\s\\S]*?\\n\`\`\`\\n<!-- end diagram -->)?`), block);
    if (process.env.UPDATE_DIAGRAMS === '1' && current !== page) writeFileSync(path, current);
    else expect(page).toBe(current);
  });
});
