#!/usr/bin/env python3
"""Writes a rule file holding only the rules whose ids match the given prefixes (the starter set
of the core-scanner issue is in Benchmarks/starter-rules.txt). Usage: select-rules.py LIST OUT"""
import pathlib, sys, yaml

root = pathlib.Path(__file__).resolve().parent.parent
prefixes = [line.strip() for line in open(sys.argv[1]) if line.strip() and not line.startswith("#")]
chosen = []
for path in sorted((root / "rules").glob("*.yaml")):
    for rule in yaml.safe_load(path.read_text()) or []:
        if any(rule["id"] == p or rule["id"].startswith(p + ".") or (p.endswith("*") and rule["id"].startswith(p[:-1])) for p in prefixes):
            chosen.append(rule)
pathlib.Path(sys.argv[2]).write_text(yaml.safe_dump(chosen, sort_keys=False, allow_unicode=True))
print(f"{len(chosen)} rules -> {sys.argv[2]}", file=sys.stderr)
