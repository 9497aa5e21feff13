#!/usr/bin/env bash
# Scrub and .zst costs against a bare scan of the generated 1 GiB dump, warm page cache.
# Runs alternate (scan, scrub, zstd -dc, scan of .zst) so machine load hits them alike; medians.
#   scrub ratio   = scrub FILE -o OUT (scan + copy + rescan of OUT + fsync) / scan FILE   (issue #6: <= 2)
#                   once with OUT beside FILE and once on tmpfs (/dev/shm, or TMPFS_DIR): the tmpfs
#                   figure is scrub's own cost, the other adds the disk's. The disk's share is shown
#                   by the copy floor: cp --sparse=always FILE OUT && sync -d OUT, the same bytes
#                   written and flushed by the plainest tool.
#   zst budget    = scan FILE.zst / (zstd -dc FILE.zst > /dev/null + scan FILE)            (issue #4: <= 1)
# Not a unit test. Usage: Benchmarks/scrub-and-zst.sh [DIR]; BENCH_MIB, BENCH_RUNS, BIN override.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-.bench}
size_mib=${BENCH_MIB:-1024}
runs=${BENCH_RUNS:-5}
bin=${BIN:-.build/release/dumpsentry}
mkdir -p "$dir"
dump="$dir/dump-${size_mib}m.bin"
[ -f "$dump" ] || python3 Benchmarks/make-dump.py "$dump" "$size_mib"
[ -f "$dump.zst" ] || zstd -q -T0 -k "$dump" -o "$dump.zst"
out="$dir/scrub-out.bin"
tmpfs=${TMPFS_DIR:-/dev/shm}
[ -d "$tmpfs" ] && [ -w "$tmpfs" ] || tmpfs=""
tmpfs_out="${tmpfs:+$tmpfs/dumpsentry-scrub-out.bin}"
cat "$dump" "$dump.zst" > /dev/null              # warm the page cache
"$bin" scan -q "$dump" > /dev/null || true       # warm the rule-database cache

seconds() {   # wall seconds of a command, its output discarded
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
median() { printf "%s\n" "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

scan=() scrub=() scrub_tmpfs=() copy=() unzstd=() zst=()
for _ in $(seq "$runs"); do
  scan+=("$(seconds "$bin" scan -q "$dump")")
  scrub+=("$(seconds "$bin" scrub -q "$dump" -o "$out")")
  rm -f "$out"
  copy+=("$(seconds sh -c "cp --sparse=always '$dump' '$out' && sync -d '$out'")")
  rm -f "$out"
  if [ -n "$tmpfs" ]; then
    scrub_tmpfs+=("$(seconds "$bin" scrub -q "$dump" -o "$tmpfs_out")")
    rm -f "$tmpfs_out"
  fi
  unzstd+=("$(seconds sh -c "zstd -q -dc '$dump.zst' > /dev/null")")
  zst+=("$(seconds "$bin" scan -q "$dump.zst")")
done
s=$(median "${scan[@]}"); r=$(median "${scrub[@]}"); c=$(median "${copy[@]}"); u=$(median "${unzstd[@]}"); z=$(median "${zst[@]}")
printf "file: %s, %d runs each (alternating), median seconds; load average %s\n" "$dump" "$runs" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-28s %8.3f\n" "scan" "$s" "scrub -o OUT" "$r" "copy floor (cp + sync)" "$c" "zstd -dc > /dev/null" "$u" "scan .zst" "$z"
if [ -n "$tmpfs" ]; then
  t=$(median "${scrub_tmpfs[@]}")
  printf "%-28s %8.3f\n" "scrub -o $tmpfs/OUT" "$t"
  printf "scrub to tmpfs / scan        %8.2f   (target <= 2)\n" "$(echo "$t / $s" | bc -l)"
fi
printf "scrub / scan                 %8.2f   (target <= 2)\n" "$(echo "$r / $s" | bc -l)"
printf "copy floor / scan            %8.2f\n" "$(echo "$c / $s" | bc -l)"
printf "scan .zst / (zstd -dc + scan) %7.2f   (target <= 1)\n" "$(echo "$z / ($u + $s)" | bc -l)"
echo "all runs: scan ${scan[*]} | scrub ${scrub[*]} | scrub tmpfs ${scrub_tmpfs[*]} | copy ${copy[*]} | zstd ${unzstd[*]} | zst ${zst[*]}"
