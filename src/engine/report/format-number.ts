/**
 * Number formatting for the report pages' tables: fixed decimals, thousands separators, a
 * real minus sign. Independent of the machine's locale so pages are byte-stable. Pure.
 */

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Formats `x` with `decimals` places and thousands separators; `—` for null, undefined or NaN. */
export function formatNumber(x: number | null | undefined, decimals = 2): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const fixed = Math.abs(x).toFixed(decimals);
  const [i = '0', f] = fixed.split('.');
  const negative = x < 0 && Number(fixed) !== 0;
  return `${negative ? '−' : ''}${group(i)}${f === undefined ? '' : `.${f}`}`;
}

/** USDT amount with 2 decimals, e.g. `−1,234.56`. */
export function formatUsdt(x: number | null | undefined): string {
  return formatNumber(x, 2);
}

/** A whole count with separators, e.g. `1,200`. */
export function formatCount(n: number): string {
  return formatNumber(n, 0);
}

/** A percentage of a fraction-free number (already in %), e.g. `12.3 %`. */
export function formatPct(pct: number | null | undefined, decimals = 1): string {
  const s = formatNumber(pct, decimals);
  return s === '—' ? s : `${s} %`;
}

/**
 * `part` as a share of `|whole|` in %, or `—` when `|whole|` is below 0.005 (the share of a
 * zero gross is meaningless).
 */
export function shareOf(part: number, whole: number): string {
  return Math.abs(whole) < 0.005 ? '—' : formatPct((part / Math.abs(whole)) * 100, 0);
}
