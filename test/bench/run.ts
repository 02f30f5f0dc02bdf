// `npm run bench`: runs every benchmark under test/bench one after the other and prints
// their figures. `npm run bench -- api reconcile` runs only those whose file names match.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((word) => f.includes(word)))
  .sort();

for (const file of files) {
  console.log(`\n=== ${file}`);
  const module = (await import(join(here, file))) as { main?: () => Promise<void> };
  if (typeof module.main !== 'function') {
    console.log('(no main() exported; skipped)');
    continue;
  }
  await module.main();
}
