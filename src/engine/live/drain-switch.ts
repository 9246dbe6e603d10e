/**
 * The drain switch of one live unit: while it is on, no new entry is sent; the open position,
 * its stop and take-profit, max hold and every exit are still managed to the end. On when the
 * process was started with `--drain`, or while the flag file `<data-dir>/state/<BASE>-<mode>.drain`
 * exists (`coinbot drain --symbol ETH` writes it, `--off` removes it). The file is read on every
 * candle and before every entry, so switching needs no restart.
 */
import { existsSync } from 'node:fs';

/** Whether the switch is on and why (`flag` = `--drain`, `file` = the flag file). */
export interface DrainState {
  readonly on: boolean;
  readonly source: 'flag' | 'file' | null;
}

/** The drain switch; `onChange` is called once per change, and once at the first check when it starts on. */
export class DrainSwitch {
  private last: boolean | null = null;

  /**
   * @param path the flag file (its existence is the switch; its content is informational).
   * @param fromFlag true when started with `--drain`: on for the whole process life.
   * @param onChange told each time the state changes (to log and journal it).
   */
  constructor(
    readonly path: string,
    private readonly fromFlag: boolean,
    private readonly onChange: (s: DrainState) => void,
  ) {}

  /** Reads the switch now (one `stat` of the flag file). Side effect: `onChange` on a change. */
  state(): DrainState {
    const s: DrainState = this.fromFlag
      ? { on: true, source: 'flag' }
      : existsSync(this.path)
        ? { on: true, source: 'file' }
        : { on: false, source: null };
    if (s.on !== this.last && (this.last !== null || s.on)) this.onChange(s);
    this.last = s.on;
    return s;
  }

  /** The runner's entry gate: a reason while draining, else null. */
  gate(): string | null {
    const s = this.state();
    if (!s.on) return null;
    return s.source === 'flag'
      ? 'draining (--drain): no new entries'
      : `draining (${this.path}): no new entries; coinbot drain --off to resume`;
  }
}
