// Builds the terminal page into dist/ (git-ignored): index.html (a template the server fills in),
// terminal.js (one minified bundle) and terminal.css. Run by `npm run build`, which the
// HoodyKit.Terminal project calls when a source here is newer than the outputs.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';

const outdir = new URL('./dist/', import.meta.url);
await mkdir(outdir, { recursive: true });

const common = { bundle: true, minify: true, legalComments: 'eof', logLevel: 'warning' };
await build({
  ...common,
  entryPoints: ['src/main.js'],
  outfile: 'dist/terminal.js',
  format: 'iife',
  target: ['es2020'],
});
await build({
  ...common,
  entryPoints: ['src/terminal.css'],
  outfile: 'dist/terminal.css',
});
await copyFile(new URL('./src/index.html', import.meta.url), new URL('./index.html', outdir));
