/**
 * The report pages' stylesheet (inlined; no fonts or images are fetched). Verdict colours:
 * KEEP green, CANDIDATE blue, STOP red, NO EDGE red, INSUFFICIENT DATA grey.
 */
export const PAGE_CSS = `
:root { --fg: #1a1a1a; --muted: #666; --line: #ddd; --bg: #fff; --pos: #1a7f37; --neg: #c0392b; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
main, header, footer { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 18px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; }
h3 { font-size: 16px; margin: 26px 0 6px; padding-top: 8px; border-top: 1px solid var(--line); }
h4 { font-size: 14px; margin: 8px 0 4px; }
.sub { color: var(--muted); margin: 0 0 10px; }
.notice { background: #fff4ce; border: 1px solid #e0c25c; padding: 8px 12px; border-radius: 4px; margin: 10px 0; font-weight: 600; }
.verdict-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 14px; margin: 12px 0 6px; }
.verdict-card { border: 2px solid var(--line); border-left-width: 10px; border-radius: 6px; padding: 10px 14px; }
.verdict-card h2 { margin: 0; font-size: 16px; }
.verdict-card h2 a { color: inherit; }
.verdict-label { font-size: 26px; font-weight: 800; letter-spacing: .02em; margin: 2px 0; }
.headline { margin: 2px 0 8px; }
.v-keep { border-color: #2e7d32; } .v-keep .verdict-label { color: #2e7d32; }
.v-candidate { border-color: #1565c0; } .v-candidate .verdict-label { color: #1565c0; }
.v-no-edge { border-color: #c62828; } .v-no-edge .verdict-label { color: #c62828; }
.v-stop { border-color: #c62828; } .v-stop .verdict-label { color: #c62828; }
.chip.v-stop, .chip.v-no-edge { color: #c62828; } .chip.v-keep { color: #2e7d32; } .chip.v-candidate { color: #1565c0; }
.v-insufficient-data { border-color: #757575; } .v-insufficient-data .verdict-label { color: #555; }
.warn { background: #fdecea; border: 1px solid #e6a39c; padding: 6px 10px; border-radius: 4px; }
.chip { display: inline-block; font-size: 12px; font-weight: 700; padding: 2px 8px; border-radius: 10px; border: 2px solid; vertical-align: middle; }
table { border-collapse: collapse; }
th, td { padding: 3px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.reasons { width: 100%; font-size: 13px; }
.reasons tr.pass td:first-child { color: var(--pos); font-weight: 700; }
.reasons tr.fail td:first-child { color: var(--neg); font-weight: 700; }
.table-wrap { overflow-x: auto; }
.comparison { font-size: 13px; margin: 6px 0 10px; }
.comparison caption { caption-side: bottom; text-align: left; color: var(--muted); padding-top: 4px; }
.comparison thead th { border-bottom: 2px solid #999; white-space: nowrap; }
.comparison thead th:not(:first-child) { text-align: right; }
.comparison .row-baseline th, .comparison .row-baseline td { background: #f3f3f3; font-weight: 600; }
.comparison .row-flat th, .comparison .row-flat td { color: var(--muted); font-style: italic; }
.comparison th.param { font-family: ui-monospace, monospace; font-size: 11px; white-space: normal; max-width: 9em; }
.comparison tbody th { white-space: nowrap; }
.share { font-size: 11px; color: var(--muted); font-weight: normal; }
td.differs { font-weight: 800; }
.pos { color: var(--pos); } .neg { color: var(--neg); } .muted { color: var(--muted); }
.chart { margin: 8px 0 16px; min-height: 60px; overflow-x: auto; }
.chart-error { color: var(--neg); font-weight: 700; }
.two-col { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 4px 0; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
nav.toc { margin: 8px 0; color: var(--muted); } nav.toc a { margin-right: 12px; }
footer { margin-top: 30px; padding-bottom: 40px; border-top: 2px solid #999; }
code { font-family: ui-monospace, monospace; font-size: 12px; word-break: break-all; }
.runs td, .runs th { padding: 5px 10px; }
`;
