/**
 * The live log's vocabulary. Live mode writes one JSON object per line to stdout (journald keeps
 * it); `coinbot health` reads the same names back. Every line has `level`, `time` (ISO UTC),
 * `event` and `msg`; the fields per event are:
 *
 * | event | fields | meaning |
 * |---|---|---|
 * | `start` | `symbol`, `mode`, `version` | process started (one per systemd start) |
 * | `guard` | `check`, `ok` | a start-up guard check |
 * | `candle` | `candleTs` (open time, ms UTC) | a closed candle was consumed by the runner |
 * | `decision` | `candleTs`, `intents` | the strategy decided on that candle |
 * | `order` | `clientOrderId`, `side`, `type`, `amount`, `price?` | an order was sent |
 * | `fill` | `clientOrderId`, `price`, `amount`, `role` | an order filled |
 * | `retry` | `attempt`, `delayMs`, `error` | a transient exchange error is being retried |
 * | `stale` | `lastCandleTs` | no new closed candle arrived when one was due |
 * | `fatal` | `exitCode`, `error` | the process is exiting on an error |
 * | `stop` | `signal` | clean shutdown |
 * | `drain` | `on`, `source` | the drain switch changed: no new entries while on (`flag` = `--drain`, `file` = `coinbot drain`) |
 * | `alert` | `kind` or `error` | a safety alert (unprotected, leg refused/re-placed/missing, protective exit, margin, notional, loss limit), or a webhook that could not be delivered |
 */
export const LIVE_EVENTS = [
  'start',
  'guard',
  'candle',
  'decision',
  'order',
  'fill',
  'retry',
  'stale',
  'fatal',
  'stop',
  'alert',
  'drain',
] as const;

/** One live log event name. */
export type LiveEvent = (typeof LIVE_EVENTS)[number];
