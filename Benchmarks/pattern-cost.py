#!/usr/bin/env python3
"""Vectorscan cost of rule patterns alone, without the Swift pipeline, to find expensive rules.

Compiles the text rules' patterns the way RuleDatabase does (end offsets only, no flags; a
pattern Vectorscan rejects gets HS_FLAG_PREFILTER) and scans FILE in 4 MiB blocks.

  pattern-cost.py FILE [RULES...] [--only ID,...] [--exclude ID,...] [--hits] [--repeat N]
  pattern-cost.py FILE --each [RULES...]      # every rule alone: seconds, hits (slow, noisy)
  pattern-cost.py FILE --callgrind [RULES...] # instructions Vectorscan spends scanning FILE
  pattern-cost.py FILE --callgrind-each [RULES...]  # the same for every rule alone, costliest first

RULES are rule files or directories (default: rules/). `--hits` counts hits (end offsets) per
rule. `--callgrind` builds Benchmarks/pattern-cost.c and runs it under callgrind, collecting only
the scan: the instruction count is repeatable even on a loaded machine (wall time is not).
"""
import ctypes
import re, pathlib, sys, time, yaml

HS_FLAG_PREFILTER = 128
HS_MODE_BLOCK = 1
BLOCK = 4 << 20

hs = ctypes.CDLL("libhs.so.5")


class CompileError(ctypes.Structure):
    _fields_ = [("message", ctypes.c_char_p), ("expression", ctypes.c_int)]


EVENT = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_uint, ctypes.c_ulonglong, ctypes.c_ulonglong, ctypes.c_uint, ctypes.c_void_p)


def load_rules(paths):
    rules = []
    for path in paths or ["rules"]:
        p = pathlib.Path(path)
        for f in sorted(p.glob("*.yaml")) if p.is_dir() else [p]:
            rules += yaml.safe_load(f.read_text()) or []
    return rules


def compile_db(patterns, flags):
    n = len(patterns)
    exprs = (ctypes.c_char_p * n)(*[p.encode() for p in patterns])
    flag_array = (ctypes.c_uint * n)(*flags)
    ids = (ctypes.c_uint * n)(*range(n))
    db, err = ctypes.c_void_p(), ctypes.POINTER(CompileError)()
    rc = hs.hs_compile_multi(exprs, flag_array, ids, n, HS_MODE_BLOCK, None, ctypes.byref(db), ctypes.byref(err))
    if rc != 0:
        raise RuntimeError(f"expression {err.contents.expression}: {err.contents.message.decode()}")
    return db


def engine_flags(pattern):
    """0 when Vectorscan takes the pattern as it is, HS_FLAG_PREFILTER otherwise."""
    try:
        compile_db([pattern], [0])
        return 0
    except RuntimeError:
        return HS_FLAG_PREFILTER


def scan(db, data, counts=None):
    scratch = ctypes.c_void_p()
    assert hs.hs_alloc_scratch(db, ctypes.byref(scratch)) == 0
    callback = None
    if counts is not None:
        def on_event(ident, start, end, flags, context):
            counts[ident] += 1
            return 0
        callback = EVENT(on_event)
    buffer = ctypes.create_string_buffer(data, len(data))
    base = ctypes.addressof(buffer)
    for offset in range(0, len(data), BLOCK):
        length = min(BLOCK, len(data) - offset)
        hs.hs_scan(db, ctypes.c_void_p(base + offset), length, 0, scratch, callback, None)
    hs.hs_free_scratch(scratch)


def main():
    args = sys.argv[1:]
    option = lambda name: args[args.index(name) + 1] if name in args else None
    only, exclude, repeat = option("--only"), option("--exclude"), int(option("--repeat") or 1)
    flags_with_value = {"--only", "--exclude", "--repeat"}
    positional = [a for i, a in enumerate(args) if not a.startswith("--") and (i == 0 or args[i - 1] not in flags_with_value)]
    data = pathlib.Path(positional[0]).read_bytes()
    rules = load_rules(positional[1:])
    if only:
        wanted = only.split(",")
        rules = [r for r in rules if any(r["id"] == w or r["id"].startswith(w.rstrip("*")) and w.endswith("*") for w in wanted)]
    if exclude:
        unwanted = exclude.split(",")
        rules = [r for r in rules if not any(r["id"] == w or r["id"].startswith(w.rstrip("*")) and w.endswith("*") for w in unwanted)]
    # What RuleDatabase hands Vectorscan: the rule's anchor if it has one, bounds of 1000+ widened.
    widen = lambda p: re.sub(r"(?<!\\)\{(\d+),(\d+)\}", lambda m: "{%s,}" % m[1] if int(m[2]) >= 1000 else m[0], p)
    patterns = [widen(r.get("anchor", r["pattern"])) for r in rules]
    flags = [engine_flags(p) for p in patterns]
    if "--each" in args:
        rows = []
        for rule, pattern, flag in zip(rules, patterns, flags):
            db = compile_db([pattern], [flag])
            counts = [0]
            scan(db, data, counts)
            best = min(timed(db, data) for _ in range(repeat))
            rows.append((best, counts[0], rule["id"], "p" if flag else "v"))
        for best, hits, ident, engine in sorted(rows, reverse=True):
            print(f"{best * 1000:9.1f} ms {hits:9d} hits {engine} {ident}")
        return
    if "--callgrind-each" in args:
        rows = sorted(zip(callgrind_each(patterns, flags, positional[0]), (r["id"] for r in rules), flags), reverse=True)
        for cost, ident, flag in rows:
            print(f"{cost:14,} {'p' if flag else 'v'} {ident}")
        return
    if "--callgrind" in args:
        print(f"{callgrind(patterns, flags, positional[0]):,} instructions, {len(patterns)} patterns")
        return
    db = compile_db(patterns, flags)
    if "--hits" in args:
        counts = [0] * len(patterns)
        scan(db, data, counts)
        for count, rule in sorted(zip(counts, rules), key=lambda x: -x[0]):
            if count:
                print(f"{count:9d} {rule['id']}")
    best = min(timed(db, data) for _ in range(repeat))
    print(f"{len(patterns)} patterns ({sum(1 for f in flags if f)} prefilter), {len(data) / best / 1e9:.2f} GB/s ({best:.3f} s)", file=sys.stderr)


def harness():
    """The C harness, built on first use into a private temporary folder."""
    import os, subprocess, tempfile
    work = pathlib.Path(tempfile.mkdtemp(prefix="dumpsentry-pattern-cost-"))
    binary, source = work / "pattern-cost", pathlib.Path(__file__).with_suffix(".c")
    subprocess.run(["cc", "-O2", "-o", str(binary), str(source), "-lhs"], check=True)
    return work, binary


def callgrind_each(patterns, flags, path):
    """Vectorscan instructions for scanning `path` with each pattern alone."""
    import shutil, subprocess
    work, binary = harness()
    databases = []
    for index, (flag, pattern) in enumerate(zip(flags, patterns)):
        listing, database = work / f"{index}.txt", work / f"{index}.db"
        listing.write_text(f"{flag} {pattern}\n")
        subprocess.run([str(binary), "compile", str(listing), str(database)], check=True)
        databases.append(str(database))
    (work / "list.txt").write_text("\n".join(databases) + "\n")
    subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no", f"--callgrind-out-file={work}/cg.out",
                    str(binary), "scan-each", str(work / "list.txt"), path], capture_output=True, check=True)
    costs = {}
    for part in work.glob("cg.out*"):
        text = part.read_text(errors="replace")
        trigger = next((l for l in text.splitlines() if l.startswith("desc: Trigger:")), "")
        total = next((l for l in text.splitlines() if l.startswith("summary:") or l.startswith("totals:")), None)
        for index, database in enumerate(databases):
            if trigger.endswith(database) and total:
                costs[index] = int(total.split()[1])
    shutil.rmtree(work)
    return [costs.get(index, -1) for index in range(len(databases))]


def callgrind(patterns, flags, path):
    """Vectorscan instructions for scanning `path` (the C harness, under callgrind)."""
    import re, shutil, subprocess
    work, binary = harness()
    listing, database = work / "patterns.txt", work / "patterns.db"
    listing.write_text("".join(f"{f} {p}\n" for f, p in zip(flags, patterns)))
    subprocess.run([str(binary), "compile", str(listing), str(database)], check=True)
    run = subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no", "--callgrind-out-file=/dev/null",
                          str(binary), "scan", str(database), path], capture_output=True, text=True)
    shutil.rmtree(work)
    found = re.search(r"Collected : (\d+)", run.stderr)
    if run.returncode != 0 or not found:
        raise RuntimeError(run.stderr[-2000:])
    return int(found.group(1))


def timed(db, data):
    start = time.perf_counter()
    scan(db, data)
    return time.perf_counter() - start


main()
