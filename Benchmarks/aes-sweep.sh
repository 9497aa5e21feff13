#!/bin/sh
# Throughput of the AES key-schedule sweep in a release build, one thread.
# Compiles the detector's sources with a tiny driver (no SwiftPM, no other targets) and runs it on
# 256 MiB of generated dump-like data, or on a file: Benchmarks/aes-sweep.sh [MiB] [file]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
kit="$here/../Sources/DumpSentryKit"
out="${TMPDIR:-/tmp}/dumpsentry-aes-sweep"
swiftc -O -wmo -module-name AESSweepBenchmark -o "$out" \
    "$here/aes-sweep/main.swift" \
    "$kit"/Detectors/AES/*.swift \
    "$kit/Detectors/SweepingDetector.swift" "$kit/Detectors/BinaryDetector.swift" \
    "$kit/Findings/KeyInfo.swift" "$kit/Findings/Severity.swift"
"$out" "$@"
