/**
 * Headless check of a chart spec: compile it with vega-lite and render it to SVG with vega in
 * Node (no browser, no canvas package). Used by the tests; vega and vega-lite are ESM-only and
 * heavy, so they are imported lazily here, never at module top level.
 */
import type { ChartSpec } from './specs/spec-common.js';

/** What {@link renderSpecSvg} returns. */
export interface HeadlessRender {
  /** The compiled vega spec. */
  readonly vegaSpec: unknown;
  /** Warnings of vega-lite's compiler and vega's renderer (a clean spec gives none). */
  readonly warnings: readonly string[];
  /** The rendered SVG document. */
  readonly svg: string;
}

/** A vega logger that collects warnings and turns errors into exceptions. */
class CollectingLogger {
  readonly warnings: string[] = [];
  level(): number {
    return 2; // vega's Warn level
  }
  error(...args: unknown[]): this {
    throw new Error(args.map(String).join(' '));
  }
  warn(...args: unknown[]): this {
    this.warnings.push(args.map(String).join(' '));
    return this;
  }
  info(): this {
    return this;
  }
  debug(): this {
    return this;
  }
}

/**
 * Compiles `spec` and renders it to SVG.
 * @throws the compiler's or the renderer's error when the spec is invalid.
 */
export async function renderSpecSvg(spec: ChartSpec): Promise<HeadlessRender> {
  const vl = await import('vega-lite');
  const vega = await import('vega');
  const logger = new CollectingLogger();
  const { spec: vegaSpec } = vl.compile(spec, { logger });
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none', logger, logLevel: vega.Warn });
  try {
    const svg = await view.toSVG();
    return { vegaSpec, warnings: logger.warnings, svg };
  } finally {
    view.finalize();
  }
}
