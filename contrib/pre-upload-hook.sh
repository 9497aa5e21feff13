#!/bin/sh
# Pre-upload hook: refuse to upload a crash dump that holds secrets.
#
#   pre-upload-hook.sh DUMP -- UPLOAD-COMMAND [ARGS...]
#
# Scans DUMP with dumpsentry; runs UPLOAD-COMMAND (with its ARGS, e.g. `curl -T DUMP URL`) only
# when the scan is clean. Exit status: the upload's status when clean; 1 when the dump holds
# findings (nothing is uploaded; the findings, redacted, are on stderr); 2 when the dump could not
# be scanned (nothing is uploaded: an unscanned dump is never assumed clean).
# Environment: DUMPSENTRY (binary, default `dumpsentry` on PATH), DUMPSENTRY_ARGS (extra scan
# arguments, e.g. "--fail-on high --baseline /etc/dumpsentry/baseline.json").
set -u

if [ "$#" -lt 3 ] || [ "$2" != "--" ]; then
    echo "usage: $0 DUMP -- UPLOAD-COMMAND [ARGS...]" >&2
    exit 2
fi
dump=$1
shift 2
scanner=${DUMPSENTRY:-dumpsentry}

# shellcheck disable=SC2086  # DUMPSENTRY_ARGS is split into arguments on purpose
"$scanner" scan ${DUMPSENTRY_ARGS:-} --quiet -- "$dump" >&2
status=$?
case $status in
    0) exec "$@" ;;
    1) echo "pre-upload-hook: $dump holds secrets; not uploaded" >&2; exit 1 ;;
    *) echo "pre-upload-hook: $dump could not be scanned (status $status); not uploaded" >&2; exit 2 ;;
esac
