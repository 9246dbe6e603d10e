#!/usr/bin/env node
// Entry point for `coinbot` (npm bin and systemd ExecStart). With a build in dist/ (`npm run build`)
// it runs the built JavaScript, which first checks that dist/ was built from the sources now in
// src/ and otherwise refuses to start (exit 72, naming `npm run build`). Without dist/ it runs
// the TypeScript sources through tsx (slower start: every module is compiled on the way).
import { existsSync } from 'node:fs';

if (existsSync(new URL('../dist/build-manifest.json', import.meta.url))) {
  const { runBuiltCli } = await import('../dist/cli/built-main.js');
  process.exitCode = await runBuiltCli(process.argv.slice(2));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
