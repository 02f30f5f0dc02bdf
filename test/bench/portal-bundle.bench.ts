// Portal first-load weight: the JavaScript (and CSS) a browser fetches to show `/`, read from
// the script and stylesheet tags of the static export's index.html. Builds the portal first if
// there is no export yet (or with `--build`). Run: `npx tsx test/bench/portal-bundle.bench.ts`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(repoRoot, 'frontend/out');

export interface AssetFigure {
  file: string;
  bytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

export interface PortalBundleFigures {
  page: string;
  scripts: AssetFigure[];
  styles: AssetFigure[];
  totalJsBytes: number;
  totalJsGzipBytes: number;
  totalJsBrotliBytes: number;
  totalCssBytes: number;
  htmlBytes: number;
}

function assetsOf(html: string, pattern: RegExp): string[] {
  return [...new Set([...html.matchAll(pattern)].map((m) => m[1]!))].filter((src) => src.startsWith('/'));
}

function measure(src: string): AssetFigure {
  const file = path.join(outDir, decodeURIComponent(src.split('?')[0]!));
  const content = readFileSync(file);
  return {
    file: src,
    bytes: statSync(file).size,
    gzipBytes: gzipSync(content, { level: 9 }).length,
    brotliBytes: brotliCompressSync(content).length,
  };
}

export function measurePage(page = 'index.html'): PortalBundleFigures {
  const html = readFileSync(path.join(outDir, page), 'utf8');
  // Scripts a modern browser runs at load: <script src> (not the `noModule` polyfills only old
  // browsers fetch) plus the low-priority preloads Next adds for them.
  const moduleScriptTags = [...html.matchAll(/<script[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => !/\snoModule/i.test(tag));
  const scripts = assetsOf(moduleScriptTags.join('\n'), /<script[^>]*\ssrc="([^"]+\.js[^"]*)"/g)
    .concat(assetsOf(html, /<link[^>]*rel="preload"[^>]*as="script"[^>]*href="([^"]+)"/g))
    .filter((src, i, all) => all.indexOf(src) === i)
    .map(measure);
  const styles = assetsOf(html, /<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g).map(measure);
  const sum = (items: AssetFigure[], key: keyof Omit<AssetFigure, 'file'>) =>
    items.reduce((s, a) => s + a[key], 0);
  return {
    page,
    scripts,
    styles,
    totalJsBytes: sum(scripts, 'bytes'),
    totalJsGzipBytes: sum(scripts, 'gzipBytes'),
    totalJsBrotliBytes: sum(scripts, 'brotliBytes'),
    totalCssBytes: sum(styles, 'bytes'),
    htmlBytes: Buffer.byteLength(html),
  };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export async function main(argv = process.argv.slice(2)): Promise<PortalBundleFigures[]> {
  if (argv.includes('--build') || !existsSync(path.join(outDir, 'index.html'))) {
    console.log('building the portal (npm run build:portal)…');
    execFileSync('npm', ['run', '--silent', 'build:portal'], { cwd: repoRoot, stdio: 'inherit' });
  }
  const pages = ['index.html', 'farm/index.html', 'sign-in/index.html'].filter((p) =>
    existsSync(path.join(outDir, p)),
  );
  const figures = pages.map((page) => measurePage(page));
  console.log('portal first load (static export, frontend/out)');
  console.log(['page', 'scripts', 'JS raw', 'JS gzip', 'JS brotli', 'CSS raw', 'HTML'].join('\t'));
  for (const f of figures) {
    console.log(
      [
        f.page,
        f.scripts.length,
        kib(f.totalJsBytes),
        kib(f.totalJsGzipBytes),
        kib(f.totalJsBrotliBytes),
        kib(f.totalCssBytes),
        kib(f.htmlBytes),
      ].join('\t'),
    );
  }
  const home = figures[0]!;
  console.log(
    `\n/ loads ${home.totalJsBytes} bytes of JS (${home.totalJsGzipBytes} gzip) in ${home.scripts.length} files:`,
  );
  for (const s of [...home.scripts].sort((a, b) => b.bytes - a.bytes))
    console.log(`  ${kib(s.bytes).padStart(10)}  ${s.file}`);
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
