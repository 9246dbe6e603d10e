#!/usr/bin/env node
// `npm start`'s first step (and the bench's): builds dist/ (`npm run build`) unless it already
// matches src/. The check runs the built checker itself in plain node (≈ 0.1 s; a stale checker
// still sees every changed source, since it compares all of them with its own manifest); only a
// build starts tsx and esbuild (a few seconds).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
let fresh = false;
if (existsSync(new URL('../dist/build-manifest.json', import.meta.url))) {
  const { isDistFresh } = await import('../dist/build/dist-freshness.js');
  fresh = isDistFresh(`${root}dist`, `${root}src`);
}
if (fresh) process.stderr.write('coinbot build: dist/ matches src/, nothing to do\n');
else {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/build/build-dist.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
  process.exitCode = r.status ?? 1;
}
