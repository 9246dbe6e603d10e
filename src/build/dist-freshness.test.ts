import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/temp-dir.js';
import { StaleBuildError } from '../engine/errors.js';
import { hashBuildInputs, listBuildInputs } from './build-inputs.js';
import { MANIFEST_FILE, type BuildManifest } from './build-manifest.js';
import { assertDistFresh, changedSources, isDistFresh } from './dist-freshness.js';
import { vendoredVersions } from './vendored-packages.js';

let n = 0;
/** A tiny project: src/ with a few sources and tests, dist/ with a manifest of the current src/. */
function project(): { src: string; dist: string } {
  const root = join(tempDir('dist-freshness'), `p${n++}`);
  const src = join(root, 'src');
  const dist = join(root, 'dist');
  mkdirSync(join(src, 'engine/sim'), { recursive: true });
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(src, 'engine/runner.ts'), 'export const a = 1;\n');
  writeFileSync(join(src, 'engine/sim/fill.ts'), 'export const b = 2;\n');
  writeFileSync(join(src, 'engine/sim/fill.test.ts'), "import 'vitest';\n");
  writeFileSync(join(src, 'engine/README.md'), '# notes\n');
  const manifest: BuildManifest = {
    kind: 'coinbot.build',
    version: 1,
    esbuild: 'test',
    vendored: vendoredVersions(root),
    sources: hashBuildInputs(src),
    commands: [],
  };
  writeFileSync(join(dist, MANIFEST_FILE), JSON.stringify(manifest));
  return { src, dist };
}

function staleError(dist: string, src: string): StaleBuildError {
  try {
    assertDistFresh(dist, src);
  } catch (e) {
    if (e instanceof StaleBuildError) return e;
    throw e;
  }
  throw new Error('expected a StaleBuildError');
}

describe('build inputs', () => {
  it('are the TypeScript sources under src/, tests and other files excluded, sorted', () => {
    const { src } = project();
    expect(listBuildInputs(src)).toEqual(['engine/runner.ts', 'engine/sim/fill.ts']);
  });
});

describe('assertDistFresh', () => {
  it('accepts a build of exactly the current sources and returns its manifest', () => {
    const { src, dist } = project();
    expect(assertDistFresh(dist, src).kind).toBe('coinbot.build');
    expect(isDistFresh(dist, src)).toBe(true);
  });

  it('refuses with exit 72 and the fix when a source changed since the build, naming the file', () => {
    const { src, dist } = project();
    writeFileSync(join(src, 'engine/runner.ts'), 'export const a = 2;\n');
    const e = staleError(dist, src);
    expect(e.exitCode).toBe(72);
    expect(e.message).toBe('dist/ is older than src/: run `npm run build` (changed since the build: engine/runner.ts)');
    expect(isDistFresh(dist, src)).toBe(false);
  });

  it('refuses when a source was added or removed since the build, and counts the others', () => {
    const { src, dist } = project();
    writeFileSync(join(src, 'engine/new.ts'), 'export {};\n');
    rmSync(join(src, 'engine/sim/fill.ts'));
    expect(staleError(dist, src).message).toMatch(/changed since the build: engine\/new\.ts and 1 more\)$/);
  });

  it('ignores edits to tests and non-source files (they are not built)', () => {
    const { src, dist } = project();
    writeFileSync(join(src, 'engine/sim/fill.test.ts'), "import 'vitest'; // edited\n");
    writeFileSync(join(src, 'engine/README.md'), '# edited\n');
    expect(isDistFresh(dist, src)).toBe(true);
  });

  it('refuses a dist/ without a manifest (no complete build) with the same fix', () => {
    const { src, dist } = project();
    rmSync(join(dist, MANIFEST_FILE));
    const e = staleError(dist, src);
    expect(e.exitCode).toBe(72);
    expect(e.message).toBe('dist/ holds no complete build: run `npm run build`');
  });

  it('refuses with exit 72 when the installed version of a vendored package differs from the bundled one, naming both', () => {
    const { src, dist } = project();
    const root = join(src, '..');
    mkdirSync(join(root, 'node_modules/zod'), { recursive: true });
    writeFileSync(join(root, 'node_modules/zod/package.json'), JSON.stringify({ name: 'zod', version: '9.9.9' }));
    writeFileSync(join(root, 'node_modules/zod/index.js'), 'module.exports = {};\n');
    const e = staleError(dist, src);
    expect(e.exitCode).toBe(72);
    expect(e.message).toBe(
      'dist/ bundles another version of zod (missing built, 9.9.9 installed): run `npm run build`',
    );
  });
});

describe('changedSources', () => {
  it('lists changed, added and removed paths in sorted order', () => {
    expect(changedSources({ a: '1', b: '2', c: '3' }, { a: '1', b: 'x', d: '4' })).toEqual(['b', 'c', 'd']);
  });
});
