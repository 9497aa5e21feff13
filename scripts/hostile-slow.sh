#!/usr/bin/env bash
# The slow hostile cases (`make hostile`): a directory tree 10,000 levels deep and 100,000 entries
# in one directory. Each scan must finish within its time bound, find the planted token, and keep
# its file descriptors bounded.
set -euo pipefail
bin=${1:-.build/release/dumpsentry}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$(dirname "$0")/make-hostile.py" "$dir" --slow > /dev/null
for case in deep wide; do
  start=$(date +%s.%N)
  set +e
  timeout 300 /usr/bin/time -f "%M KB peak RSS" "$bin" scan --format jsonl "$dir/$case" > "$dir/$case.out" 2> "$dir/$case.err"
  rc=$?
  set -e
  secs=$(echo "$(date +%s.%N) - $start" | bc -l)
  findings=$(wc -l < "$dir/$case.out")
  printf "%-5s exit %d in %.1f s, %d finding(s), %s\n" "$case" "$rc" "$secs" "$findings" "$(tail -n 1 "$dir/$case.err")"
  case $case in
    deep) [ "$rc" -eq 1 ] && [ "$findings" -eq 1 ] || { echo "FAIL: deep tree"; exit 1; } ;;
    wide) [ "$rc" -eq 0 ] || { echo "FAIL: wide directory"; exit 1; } ;;
  esac
done
echo "hostile slow cases: ok"
