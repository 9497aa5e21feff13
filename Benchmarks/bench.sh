#!/usr/bin/env bash
# Throughput and peak RSS of `dumpsentry scan` on a generated 1 GiB dump, warm page cache,
# median of several runs, one thread and all threads. Not a unit test: `make bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-.bench}
size_mib=${BENCH_MIB:-1024}
runs=${BENCH_RUNS:-5}
bin=.build/release/dumpsentry
mkdir -p "$dir"
dump="$dir/dump-${size_mib}m.bin"
[ -f "$dump" ] || python3 Benchmarks/make-dump.py "$dump" "$size_mib"
cat "$dump" > /dev/null   # warm the page cache
"$bin" scan -q "$dump" > /dev/null || true   # warm the rule-database cache

measure() {   # prints "seconds peak_rss_kib found"
  local out; out=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$out.time" "$bin" scan -q --format jsonl "$@" "$dump" > "$out" || true
  echo "$(tail -n 1 "$out.time") $(wc -l < "$out")"
  rm -f "$out" "$out.time"
}

bytes=$(stat -c %s "$dump")
planted=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$dump.planted.json")
printf "file: %s (%d bytes, %d planted secrets), %d runs each, median\n" "$dump" "$bytes" "$planted" "$runs"
printf "%-34s %10s %10s %12s %9s\n" configuration seconds GB/s "peak RSS MiB" findings
starter="$dir/starter-rules.yaml"
python3 Benchmarks/select-rules.py Benchmarks/starter-rules.txt "$starter" 2> /dev/null
"$bin" scan -q --no-default-rules --rules "$starter" "$dump" > /dev/null || true
"$bin" scan -q --no-default-rules --rules rules "$dump" > /dev/null || true
all="all threads ($(nproc))"
for config in \
  "starter rules, 1 thread|--threads 1 --no-default-rules --rules $starter" \
  "starter rules, $all|--no-default-rules --rules $starter" \
  "text rules, 1 thread|--threads 1 --no-default-rules --rules rules" \
  "text rules, $all|--no-default-rules --rules rules" \
  "default, 1 thread|--threads 1" \
  "default, $all|" \
  "default + --aes, 1 thread|--threads 1 --aes" \
  "default + --aes, $all|--aes"; do
  name=${config%%|*}; args=${config#*|}
  results=()
  for _ in $(seq "$runs"); do results+=("$(measure $args)"); done
  median=$(printf "%s\n" "${results[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  read -r secs rss found <<< "$median"
  printf "%-34s %10s %10.2f %12.1f %9s\n" "$name" "$secs" "$(echo "$bytes / $secs / 1000000000" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$found"
done
