/**
 * The environment half of `coinbot doctor`: checks that need no network. Each returns a
 * {@link CheckResult} instead of throwing, so doctor can print the whole list; a failed check
 * carries the exit code its error would have (78 configuration, 75 transient).
 */
import { accessSync, constants, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../data/atomic-write.js';
import { HarnessError } from '../errors.js';
import { normaliseSymbol, type PerpSymbol } from '../symbols.js';
import { loadApiKeys } from '../exchange/api-keys.js';
import { envRecord, parseEnvFile } from '../config/env-file.js';

/** One line of the doctor's check list. */
export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  /** What was found, or the problem and its fix. */
  readonly detail: string;
  /** Exit code of the failure (78 or 75); absent when ok or skipped. */
  readonly exitCode?: number;
  /** True when the check could not run because an earlier one failed. */
  readonly skipped?: boolean;
}

/** The repository root (where package.json and node_modules live). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Minimum Node version (package.json `engines`). */
export const MIN_NODE = '20.10';

const pass = (name: string, detail: string): CheckResult => ({ name, ok: true, detail });
const fail = (name: string, detail: string, exitCode = 78): CheckResult => ({ name, ok: false, detail, exitCode });

/** Converts a thrown error into a failed check (HarnessErrors keep their code; others are 78). */
export function failedCheck(name: string, e: unknown): CheckResult {
  const msg = e instanceof Error ? e.message : String(e);
  return fail(name, msg, e instanceof HarnessError ? e.exitCode : 78);
}

/** Node is at least {@link MIN_NODE}. */
export function checkNodeVersion(version: string = process.versions.node, min: string = MIN_NODE): CheckResult {
  const [a = 0, b = 0] = version.split('.').map(Number);
  const [x = 0, y = 0] = min.split('.').map(Number);
  const ok = a > x || (a === x && b >= y);
  return ok
    ? pass('node', `v${version} (needs >= ${min})`)
    : fail('node', `v${version} is older than ${min}; install Node ${min} or newer (Debian: nodejs from NodeSource)`);
}

/**
 * Every runtime dependency in package.json is installed and readable by this user (the
 * incident's permission item: a service user that cannot read node_modules fails at import).
 */
export function checkDependenciesReadable(root: string = PROJECT_ROOT): CheckResult {
  let deps: string[];
  try {
    deps = Object.keys(
      (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> })
        .dependencies ?? {},
    );
  } catch (e) {
    return fail(
      'dependencies',
      `cannot read ${join(root, 'package.json')}: ${(e as Error).message}; run coinbot from its install folder`,
    );
  }
  const bad: string[] = [];
  for (const d of deps) {
    const dir = join(root, 'node_modules', d);
    try {
      accessSync(dir, constants.R_OK | constants.X_OK);
      accessSync(join(dir, 'package.json'), constants.R_OK);
    } catch (e) {
      bad.push(`${d} (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`);
    }
  }
  if (bad.length > 0) {
    return fail(
      'dependencies',
      `${bad.join(', ')} missing or unreadable under ${join(root, 'node_modules')}; run 'npm ci' and make the folder readable by this user (chmod -R a+rX node_modules)`,
    );
  }
  return pass('dependencies', `${deps.length} packages readable in ${join(root, 'node_modules')}`);
}

/** The data dir (or, if it does not exist yet, its nearest existing parent) accepts an atomic write. */
export function checkDataDirWritable(dataDir: string): CheckResult {
  let dir = resolve(dataDir);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  const probe = join(dir, `.coinbot-doctor-probe-${process.pid}`);
  try {
    if (!statSync(dir).isDirectory()) return fail('data dir', `${dir} is not a folder; pass --data-dir with a folder`);
    writeFileAtomic(probe, 'probe\n');
    rmSync(probe, { force: true });
  } catch (e) {
    rmSync(probe, { force: true });
    return fail(
      'data dir',
      `${dir} is not writable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); give this user write access or pass --data-dir`,
    );
  }
  return pass(
    'data dir',
    dir === resolve(dataDir) ? `${dataDir} is writable` : `${dataDir} does not exist yet; ${dir} is writable`,
  );
}

/**
 * Each `*.env` in `configDir` parses as KEY=VALUE and names a valid SYMBOL. Full parameter
 * validation (unknown keys, ranges) belongs to the live config schema and is not done here.
 * @returns one result per file (or one saying there are none) and the symbols found.
 */
export function checkConfigFiles(configDir: string): { results: CheckResult[]; symbols: PerpSymbol[] } {
  if (!existsSync(configDir))
    return { results: [pass('config', `${configDir} does not exist (live mode not configured)`)], symbols: [] };
  const files = readdirSync(configDir)
    .filter((f) => f.endsWith('.env'))
    .sort();
  if (files.length === 0)
    return { results: [pass('config', `no *.env files in ${configDir} (live mode not configured)`)], symbols: [] };
  const results: CheckResult[] = [];
  const symbols: PerpSymbol[] = [];
  for (const f of files) {
    const path = join(configDir, f);
    try {
      const rec = envRecord(parseEnvFile(readFileSync(path, 'utf8'), path));
      const raw = rec.SYMBOL;
      if (raw === undefined || raw === '') {
        results.push(fail(`config ${f}`, `${path}: SYMBOL is not set; add e.g. SYMBOL=ETH`));
        continue;
      }
      const symbol = normaliseSymbol(raw);
      symbols.push(symbol);
      results.push(pass(`config ${f}`, `${Object.keys(rec).length} keys, SYMBOL=${symbol}`));
    } catch (e) {
      // A bad SYMBOL value is a configuration error here (exit 78), not a command-line one.
      const msg = e instanceof Error ? e.message : String(e);
      results.push(fail(`config ${f}`, msg.startsWith(path) ? msg : `${path}: ${msg}`));
    }
  }
  return { results, symbols: [...new Set(symbols)] };
}

/** Keys are absent (fine), or complete from the environment, or from a 0600 key file. */
export function checkApiKeys(env: NodeJS.ProcessEnv = process.env, keyFile?: string): CheckResult {
  try {
    const keys = loadApiKeys(env, { keyFile });
    if (keys === undefined) return pass('api keys', 'none configured (only --mode real needs them)');
    return pass('api keys', keys.source === 'file' ? `from ${keys.file} (mode 0600)` : 'from the environment');
  } catch (e) {
    return failedCheck('api keys', e);
  }
}
