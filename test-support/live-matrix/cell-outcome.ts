/** The result of one matrix cell. */
export interface CellOutcome {
  /** Did the strike (kill, stop, fault) happen at the step? */
  readonly struck: boolean;
  /** What the cell found wrong (see cell-checks.ts); empty when the rules held. */
  readonly problems: readonly string[];
  /** Number of trades on the exchange (a cell that trades nothing proves little). */
  readonly trades: number;
}
