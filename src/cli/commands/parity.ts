/**
 * `coinbot parity --journal FILE [--json]`: replays a live journal through the simulator,
 * segment by segment, and compares decisions and fills one by one (engine/checks/parity.ts).
 * Exit 0 when a paper journal matches exactly (or a real one was compared), 1 when a paper
 * journal does not.
 */
import type { CommandModule } from 'yargs';
import { journalSegments } from '../../engine/checks/journal-segments.js';
import { segmentParity, type SegmentParity } from '../../engine/checks/parity.js';
import { ConfigError, DataError } from '../../engine/errors.js';
import { readJournal } from '../../engine/live/journal.js';
import { strategies } from '../../strategies/index.js';
import { say, sayJson } from '../output.js';
import { existsSync } from 'node:fs';

interface Args {
  journal: string;
  json: boolean;
}

const usd = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;

function describeSegment(i: number, p: SegmentParity): string[] {
  const head = `segment ${i + 1} (${p.mode}): ${p.candles} candles, ${p.decisions.compared} decisions, ${p.fills.live} live fills vs ${p.fills.sim} simulated`;
  if (p.mode === 'paper')
    return [
      head,
      p.exact
        ? '  EXACT: every decision and fill equals the simulator'
        : `  MISMATCH: ${p.decisions.differing.length} decisions and ${p.fills.differing} fills differ`,
    ];
  const lines = [head];
  for (const t of p.trades)
    lines.push(
      `  ${t.entryId} ${t.side}: entry ${t.entrySlippageBp.toFixed(2)} bp, ${t.entryDelayMs} ms; exit ${t.exitSlippageBp.toFixed(2)} bp, ${t.exitDelayMs} ms; net live ${usd(t.liveNet)} vs sim ${usd(t.simNet)}`,
    );
  for (const id of p.missing) lines.push(`  missing (simulated, not traded live): ${id}`);
  for (const id of p.extra) lines.push(`  extra (traded live, not simulated): ${id}`);
  const s = p.totals;
  lines.push(
    `  live ${usd(s.liveNet)} USDT vs simulated ${usd(s.simNet)}: fees ${usd(-s.fees)}, slippage ${usd(-s.slippage)}, funding +0.00 (not journaled), timing and missing trades ${usd(-s.timing)}`,
  );
  return lines;
}

export const parityCommand: CommandModule<object, Args> = {
  command: 'parity',
  describe: 'Replay a live journal through the simulator and diff decisions, orders and fills',
  builder: (y) =>
    y
      .option('journal', {
        type: 'string',
        demandOption: true,
        describe: 'e.g. /var/lib/coinbot/state/ETH-paper.journal.jsonl',
      })
      .option('json', { type: 'boolean', default: false })
      .example(
        '$0 parity --journal /var/lib/coinbot/state/ETH-real.journal.jsonl',
        'live vs simulated, per trade',
      ) as never,
  handler: async (a) => {
    if (!existsSync(a.journal))
      throw new DataError(
        `${a.journal}: no such journal; live mode writes <data-dir>/state/<BASE>-<mode>.journal.jsonl`,
      );
    let segments;
    try {
      segments = journalSegments(readJournal(a.journal));
    } catch (e) {
      throw new DataError(`${a.journal}: ${(e as Error).message}`);
    }
    const out: SegmentParity[] = [];
    for (const seg of segments) {
      const strategy = strategies.get(seg.strategy);
      if (strategy === undefined)
        throw new ConfigError(`${a.journal}: strategy '${seg.strategy}' is not registered here`);
      out.push(await segmentParity(seg, strategy));
    }
    if (a.json) sayJson({ journal: a.journal, segments: out });
    else out.forEach((p, i) => say(describeSegment(i, p).join('\n')));
    if (out.some((p) => p.mode === 'paper' && !p.exact)) process.exitCode = 1;
  },
};
