#!/usr/bin/env bash
# Scaling and memory at dump scale: `dumpsentry scan` (default rules and detectors, all threads) on
# 1, 2, 4 and 8 GiB dumps, warm page cache, median of several runs; GB/s per size, the drop from the
# smallest to the largest (must stay within 10%) and peak RSS (`/usr/bin/time`, mapped file pages
# included; must stay under 512 MiB). Not a unit test: `make bench-scale`.
#
# The N GiB file is N copies of the generated 1 GiB dump (same mix of random, zero, code, text and
# UTF-16 regions at every size, so only the size changes); each copy's planted secrets are found.
# Needs about 8 GiB of disk and page cache: each file is deleted before the next is made.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-.bench}
runs=${BENCH_RUNS:-3}
sizes=${BENCH_SIZES_GIB:-1 2 4 8}
bin=${DUMPSENTRY:-.build/release/dumpsentry}
mkdir -p "$dir"
base="$dir/dump-1024m.bin"
[ -f "$base" ] || python3 Benchmarks/make-dump.py "$base" 1024
planted=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$base.planted.json")
"$bin" scan -q "$base" > /dev/null || true   # warm the rule-database cache

printf "%d runs each, median; default rules and detectors, %d threads\n" "$runs" "$(nproc)"
printf "%-6s %10s %8s %13s %9s %9s\n" GiB seconds GB/s "peak RSS MiB" findings planted
first_rate=""; last_rate=""; worst_rss=0; status=0
for gib in $sizes; do
  file="$dir/scale-${gib}g.bin"
  if [ "$gib" = 1 ]; then file=$base; else
    : > "$file"; for _ in $(seq "$gib"); do cat "$base" >> "$file"; done
  fi
  cat "$file" > /dev/null   # warm the page cache
  results=()
  for _ in $(seq "$runs"); do
    out=$(mktemp)
    /usr/bin/time -f "%e %M" -o "$out.time" "$bin" scan -q --format jsonl "$file" > "$out" || true
    results+=("$(tail -n 1 "$out.time") $(wc -l < "$out")")
    rm -f "$out" "$out.time"
  done
  median=$(printf "%s\n" "${results[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  read -r secs rss found <<< "$median"
  peak=$(printf "%s\n" "${results[@]}" | awk '$2 > m { m = $2 } END { print m }')
  bytes=$(stat -c %s "$file")
  rate=$(echo "$bytes / $secs / 1000000000" | bc -l)
  printf "%-6s %10s %8.2f %13.1f %9s %9s\n" "$gib" "$secs" "$rate" "$(echo "$peak / 1024" | bc -l)" "$found" "$((planted * gib))"
  [ -n "$first_rate" ] || first_rate=$rate
  last_rate=$rate
  [ "$peak" -le "$worst_rss" ] || worst_rss=$peak
  [ "$found" -ge "$((planted * gib))" ] || { echo "missed planted secrets at $gib GiB"; status=1; }
  [ "$file" = "$base" ] || rm -f "$file"
done
drop=$(echo "(1 - $last_rate / $first_rate) * 100" | bc -l)
printf "rate drop smallest → largest: %.1f%% (limit 10%%); worst peak RSS %.1f MiB (limit 512)\n" "$drop" "$(echo "$worst_rss / 1024" | bc -l)"
if [ "$(echo "$drop > 10" | bc -l)" = 1 ]; then echo "FAIL: throughput falls more than 10% with size"; status=1; fi
if [ "$worst_rss" -ge $((512 * 1024)) ]; then echo "FAIL: peak RSS at or over 512 MiB"; status=1; fi
exit $status
