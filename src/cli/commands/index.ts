/**
 * The command registry: one module per command, in `--help` order. Each module keeps its heavy
 * imports inside its handler.
 */
import type { CommandModule } from 'yargs';
import { symbolsCommand } from './symbols.js';
import { importCommand } from './import.js';
import { dataCommand } from './data.js';
import { fetchCommand } from './fetch.js';
import { doctorCommand } from './doctor.js';
import { healthCommand } from './health.js';
import { backtestCommand } from './backtest.js';
import { liveCommand } from './live.js';
import { reevalCommand } from './reeval.js';
import { mergeCommand } from './merge.js';
import { walkforwardCommand } from './walkforward.js';
import { reportCommand } from './report.js';
import { unlockCommand } from './unlock.js';
import { checkCommand } from './check.js';
import { parityCommand } from './parity.js';
import { missedCommand } from './missed.js';
import { drainCommand } from './drain.js';
import { promoteCommand } from './promote.js';
import { shadowCommand } from './shadow.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [
  symbolsCommand,
  importCommand,
  dataCommand,
  fetchCommand,
  doctorCommand,
  healthCommand,
  backtestCommand,
  checkCommand,
  parityCommand,
  missedCommand,
  reevalCommand,
  mergeCommand,
  walkforwardCommand,
  reportCommand,
  promoteCommand,
  shadowCommand,
  liveCommand,
  unlockCommand,
  drainCommand,
];
