#!/bin/sh
# core_pattern pipe helper: |/usr/local/bin/dumpsentry-core.sh %P %e %t
# Saves the core from stdin, scans it, and keeps it in /var/crash when clean, or in
# /var/crash/.quarantine (0700) with its redacted JSON report when it holds secrets.
set -u
umask 077
pid=$1 exe=$(printf '%s' "$2" | tr -c 'A-Za-z0-9._-' '_') time=$3
dir=/var/crash q=/var/crash/.quarantine
mkdir -p "$dir" "$q" && chmod 0700 "$q"
tmp=$(mktemp "$q/.core.XXXXXX") || exit 1
cat > "$tmp" || { rm -f -- "$tmp"; exit 1; }
name="core.$exe.$pid.$time"
/usr/local/bin/dumpsentry scan --quiet --no-mmap --format json -o "$q/$name.dumpsentry.json" -- "$tmp"
case $? in
    0) mv -- "$tmp" "$dir/$name"; rm -f -- "$q/$name.dumpsentry.json" ;;
    *) mv -- "$tmp" "$q/$name" ;;   # findings, or not fully scanned: never treat as clean
esac
