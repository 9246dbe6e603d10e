#!/usr/bin/env bash
# Rebuilds the committed sample data dir `data/sample` from ../shared/data with coinbot's own
# import/export commands: the last three days (4,320 one-minute candles) of BTC, ETH and SOL,
# the funding events and 1 h mark candles around them, and the BTC/ETH/SOL market facts.
# Deterministic: rerunning it reproduces the same files byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED_DATA:-../shared/data}
[ -d "$shared/candles" ] || { echo "build-sample: $shared/candles not found; set SHARED_DATA" >&2; exit 66; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cb() { npx tsx src/cli/main.ts "$@"; }
rm -rf data/sample/cache
for base in BTC ETH SOL; do
  src=$(ls "$shared"/candles/${base}USDT_1m_*.csv)
  last=$(tail -n 1 "$src" | cut -d, -f1)
  from=$((last - 3 * 86400000 + 60000))
  to=$((last + 60000))
  { head -n 1 "$src"; awk -F, -v a="$from" -v b="$to" 'NR>1 && $1>=a && $1<b' "$src"; } > "$tmp/${base}USDT_1m_sample.csv"
  f=$(ls "$shared"/funding/${base}USDT_funding_*.csv)
  { head -n 1 "$f"; awk -F, -v a="$((from - 86400000))" -v b="$((to + 86400000))" 'NR>1 && $1>=a && $1<b' "$f"; } > "$tmp/${base}USDT_funding_sample.csv"
  m=$(ls "$shared"/mark_1h/${base}USDT_mark_1h_*.csv)
  { head -n 1 "$m"; awk -F, -v a="$((from - 86400000))" -v b="$((to + 86400000))" 'NR>1 && $1>=a && $1<b' "$m"; } > "$tmp/${base}USDT_mark_1h_sample.csv"
done
cb import "$tmp"/*.csv data/fixtures/exchange_info/binance_fapi_v1_exchangeInfo_2025-11-26_BTC_ETH_SOL_subset.json --data-dir data/sample
cb data ls --data-dir data/sample
