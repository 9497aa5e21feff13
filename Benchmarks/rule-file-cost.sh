#!/usr/bin/env bash
# Per-file throughput of the rule set: scans one dump-like file with each rules/*.yaml alone
# (one thread, no built-in rules or detectors), best of N runs, to find the expensive patterns.
# Usage: Benchmarks/rule-file-cost.sh [DUMP] [RUNS]   (DUMP defaults to a 256 MiB make-dump.py file)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${DUMPSENTRY_BIN:-.build/release/dumpsentry}
DUMP=${1:-/tmp/dumpsentry-rule-cost.bin}
RUNS=${2:-2}
[ -f "$DUMP" ] || python3 Benchmarks/make-dump.py "$DUMP" 256
export XDG_CACHE_HOME=${XDG_CACHE_HOME:-/tmp/dumpsentry-rule-cost-cache}
printf '%-28s %6s %10s\n' "rules file" "rules" "GB/s"
for file in rules/*.yaml; do
  count=$(grep -c '^- id:' "$file")
  best=0
  for _ in $(seq "$RUNS"); do
    # the summary line on stderr: "... N bytes in S s (G GB/s) ..."; exit status 1 just means findings
    line=$("$BIN" scan --threads 1 --no-default-rules --rules "$file" "$DUMP" 2>&1 >/dev/null | grep -o '([0-9.]* GB/s)' || true)
    rate=$(echo "$line" | tr -d '()GB/s ')
    best=$(python3 -c "print(max(float('$best'), float('${rate:-0}')))")
  done
  printf '%-28s %6s %10s\n' "$(basename "$file")" "$count" "$best"
done
