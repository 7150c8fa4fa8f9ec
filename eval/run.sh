#!/usr/bin/env bash
# Score rasid on the dev set and rewrite the committed report (eval/REPORT.md).
# Usage: bash eval/run.sh [--check]   (--check also enforces eval/baseline.json)
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${RASID_SHARED:-../shared}"
cargo build --release --quiet -p rasid-cli
mkdir -p target/eval
status=0
./target/release/rasid extract --format jsonl "$shared/eval/dev.jsonl" > target/eval/dev.pred.jsonl || status=$?
if [ "$status" -ne 0 ]; then echo "rasid failed on the dev set (exit $status)" >&2; exit "$status"; fi
python3 "$shared/eval/score.py" "$shared/eval/dev.jsonl" target/eval/dev.pred.jsonl
args=(--out eval/REPORT.md)
[ "${1:-}" = "--check" ] && args=(--out target/eval/REPORT.md --check eval/baseline.json)
RASID_SHARED="$shared" python3 eval/report.py "$shared/eval/dev.jsonl" target/eval/dev.pred.jsonl "${args[@]}"
