#!/usr/bin/env bash
# Load benchmark of `rasid serve` (informative; the README reports its figures): a store of
# 21,000 generated reports (over 10,000 fused events), then wrk on loopback against a filtered events query.
# Usage: bash .ci/load.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-10}"
bin=./target/release/rasid
dir=$(mktemp -d)
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$dir"' EXIT
"$bin" corpus generate --docs 21000 -o "$dir/corpus.jsonl" 2>/dev/null
"$bin" ingest "$dir/corpus.jsonl" --db "$dir/corpus.db" --quiet 2>/dev/null
"$bin" serve --db "$dir/corpus.db" --port 0 2> "$dir/serve.log" &
pid=$!
for _ in $(seq 100); do grep -q "http://" "$dir/serve.log" && break; sleep 0.1; done
base=$(grep -o 'http://[0-9.]*:[0-9]*' "$dir/serve.log" | head -n1)
url="$base/api/events?category=FIGHT&from=2016-01-01&to=2020-12-31&limit=20&sort=-date"
total=$(curl -s "$url" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
echo "load: $url ($total matching fused events; store: $(curl -s "$base/api/health" | python3 -c 'import json,sys; c=json.load(sys.stdin)["counts"]; print(c["fused_events"], "fused events of", c["events"], "reports")'))"
wrk -t2 -c16 -d"${secs}s" --latency "$url"
