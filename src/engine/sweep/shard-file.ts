/**
 * The shard file of `coinbot reeval --shard K/N`: the outcomes of one slice of every symbol's
 * sets (see shard-range.ts), the fingerprint of the whole run's inputs, and the request `coinbot
 * merge` needs to plan the same run again. Named `shard-K-of-N.json`, written atomically (temp +
 * rename), so a merge never reads half a shard.
 *
 * Numbers survive the JSON round trip exactly: outcomes are tidied finite doubles (12 significant
 * digits, no −0) and JSON.stringify prints the shortest string that parses back to the same double.
 * A non-finite number would not survive, so writing one is refused as a bug.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../data/atomic-write.js';
import { DataError, NoDataError } from '../errors.js';
import type { VerdictConfig } from '../verdict/index.js';
import type { GridFile } from './grid-file.js';
import type { ReevalResults } from './reeval-results.js';
import type { FeeRates, SetOutcome } from './sweep-context.js';
import type { SetRange, ShardSpec } from './shard-range.js';
import { WINDOW_NAMES } from './window-plan.js';

/** Bump on any breaking change of {@link ShardFile}. */
export const SHARD_SCHEMA_VERSION = 1;

/** What a merge needs, besides the data and live sets, to plan the very same run. */
export interface ShardRequest {
  readonly strategy: string;
  readonly symbols: readonly string[];
  readonly hours: number;
  /** The window's resolved exclusive end (ms UTC): `--end latest` is pinned by the shard. */
  readonly end: number;
  readonly gridFile?: GridFile;
  /** PnL block length (ms). */
  readonly blockMs: number;
  readonly fees: FeeRates;
  readonly verdict: VerdictConfig;
}

/** Where and how a shard ran (run.json of the merge lists these). */
export interface ShardProvenance {
  readonly commandLine: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly workers: number;
  readonly gitRevision: string;
  readonly node: string;
  readonly host: string;
  readonly dataDir: string;
}

/** One symbol's slice: sets `range.from … range.to − 1` of `sets`, their outcomes in set order. */
export interface ShardSymbol {
  readonly symbol: string;
  readonly sets: number;
  readonly range: SetRange;
  readonly outcomes: readonly SetOutcome[];
}

/** The whole shard file. */
export interface ShardFile {
  readonly kind: 'coinbot.reeval.shard';
  readonly schemaVersion: typeof SHARD_SCHEMA_VERSION;
  /** The run's fingerprint (as in results.json; journals are the merge's, so not part of it). */
  readonly fingerprint: string;
  readonly fingerprintParts: ReevalResults['fingerprintParts'];
  readonly shard: ShardSpec;
  readonly request: ShardRequest;
  readonly provenance: ShardProvenance;
  readonly symbols: readonly ShardSymbol[];
}

/** `shard-K-of-N.json`. */
export function shardFileName(s: ShardSpec): string {
  return `shard-${s.index}-of-${s.count}.json`;
}

function finiteOnly(key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new Error(`Invariant failed: shard field ${key} is ${value}, which JSON cannot hold`);
  // Block PnL is a Float64Array in memory; in the file, a JSON array (its numbers checked in turn).
  if (value instanceof Float64Array) return Array.from(value);
  return value;
}

/**
 * Turns the stored block PnL arrays of `doc`'s outcomes back into Float64Arrays, in place.
 * @throws DataError naming the symbol, set (its index in the sweep) and window when one is not
 *   an array of numbers.
 */
function typedBlockPnl(path: string, doc: ShardFile): void {
  for (const sym of doc.symbols) {
    if (!Array.isArray(sym?.outcomes))
      throw new DataError(`${path}: symbol ${String(sym?.symbol)} has no outcomes list; re-run its shard`);
    sym.outcomes.forEach((o, i) => {
      for (const w of WINDOW_NAMES) {
        const stored = (o?.[w] as { blockPnl?: unknown } | undefined)?.blockPnl;
        if (!Array.isArray(stored) || !stored.every((v) => typeof v === 'number'))
          throw new DataError(
            `${path}: ${sym.symbol} set ${(sym.range?.from ?? 0) + i} has no ${w} block PnL list of numbers; re-run its shard`,
          );
        (o[w] as { blockPnl: Float64Array }).blockPnl = Float64Array.from(stored);
      }
    });
  }
}

/** Writes `<dir>/shard-K-of-N.json` atomically; returns its path. */
export function writeShardFile(dir: string, shard: ShardFile): string {
  const path = join(dir, shardFileName(shard.shard));
  writeFileAtomic(path, `${JSON.stringify(shard, finiteOnly)}\n`);
  return path;
}

/**
 * Reads and checks the shape of one shard file.
 * @throws NoDataError (66) when it does not exist; DataError (65) when it is not a readable shard.
 */
export function readShardFile(path: string): ShardFile {
  if (!existsSync(path)) throw new NoDataError(`${path}: no such shard file; run coinbot reeval --shard K/N first`);
  let doc: Partial<ShardFile>;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as Partial<ShardFile>;
  } catch (e) {
    throw new DataError(`${path}: not a shard file (${(e as Error).message}); re-run its shard`);
  }
  if (doc?.kind !== 'coinbot.reeval.shard')
    throw new DataError(`${path}: not a shard file (kind ${JSON.stringify(doc?.kind)}); pass shard-K-of-N.json files`);
  if (doc.schemaVersion !== SHARD_SCHEMA_VERSION)
    throw new DataError(
      `${path}: shard schema ${doc.schemaVersion}, this coinbot reads ${SHARD_SCHEMA_VERSION}; re-run the shard with this version`,
    );
  if (typeof doc.fingerprint !== 'string' || doc.shard === undefined || !Array.isArray(doc.symbols))
    throw new DataError(`${path}: shard file lacks its fingerprint, shard or symbols; re-run its shard`);
  typedBlockPnl(path, doc as ShardFile);
  return doc as ShardFile;
}

/**
 * The shard files named on a merge's command line: files as given, folders replaced by their
 * `shard-*-of-*.json` files (sorted by name).
 */
export function shardPaths(args: readonly string[]): string[] {
  return args.flatMap((p) => {
    if (!existsSync(p) || !statSync(p).isDirectory()) return [p];
    const names = readdirSync(p)
      .sort()
      .filter((n) => /^shard-\d+-of-\d+\.json$/.test(n));
    if (names.length === 0)
      throw new NoDataError(`${p}: no shard-K-of-N.json files in this folder; run the shards first`);
    return names.map((n) => join(p, n));
  });
}
