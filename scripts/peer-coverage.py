#!/usr/bin/env python3
"""Measure the rule set against a peer scanner's examples (JSONL: rule_id, positive, text).

A positive counts as found when any rule reports a finding (after min_entropy,
allowlist, global stopwords, validator with on_invalid: drop) in every disguise:
plain, NUL-padded inside random bytes, and UTF-16LE narrowed back to ASCII (the
engine's narrowing view; identical bytes for ASCII text). A negative counts as
reported when any rule reports a finding in it; negatives whose text is also a
positive of another peer rule are skipped.
Usage: scripts/peer-coverage.py [--peer FILE] [--only REGEX] [-v] [rules/*.yaml ...]
"""
import argparse, glob, importlib.util, json, os, random, re, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("check_rules", os.path.join(root, "scripts", "check-rules.py"))
cr = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cr)


def findings(rules, data):
    out = []
    for r in rules:
        if r.cre is None:
            continue
        for s in cr.secrets_of(r, data):
            if cr.veto_reason(r, s, False) is None:
                out.append((r.id, s))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--peer", default="/work/shared/peer-examples/noseyparker.jsonl")
    ap.add_argument("--only", default=None, help="regex on the peer rule_id")
    ap.add_argument("-v", action="store_true")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    paths = a.files or sorted(glob.glob(os.path.join(root, "rules", "**", "*.yaml"), recursive=True))
    rules, _ = cr.load(paths)
    for r in rules:
        try:
            r.cre = cr.compile_pcre(r.d["pattern"])
        except Exception:
            r.cre = None
    rng = random.Random(7)
    pos = pos_found = neg = neg_rep = 0
    per = {}
    lines = [json.loads(l) for l in open(a.peer, encoding="utf-8")]
    # a negative of one peer rule that is a positive of another (e.g. a Slack user token
    # listed as a negative of the bot-token rule) is a real secret: not counted
    positive_texts = {d["text"] for d in lines if d["positive"]}
    for d in lines:
        if not d["positive"] and d["text"] in positive_texts:
            continue
        if a.only and not re.search(a.only, d["rule_id"]):
            continue
        text = d["text"].encode("utf-8")
        junk = bytes(rng.randrange(256) for _ in range(48))
        variants = [text, junk + b"\x00" + text + b"\x00" + junk]
        res = [findings(rules, v) for v in variants]
        st = per.setdefault(d["rule_id"], [0, 0, 0, 0])
        if d["positive"]:
            pos += 1; st[0] += 1
            ok = all(res)
            pos_found += ok; st[1] += ok
            if a.v and not ok:
                print(f"MISS {d['rule_id']}: {d['text'][:160]!r}")
        else:
            neg += 1; st[2] += 1
            bad = any(res)
            neg_rep += bad; st[3] += bad
            if a.v and bad:
                print(f"FP   {d['rule_id']}: {sorted(set(x[0] for x in res[0] + res[1]))} {d['text'][:160]!r}")
    for k, (p, pf, n, nr) in sorted(per.items()):
        if a.v or pf < p or nr:
            print(f"{k:28s} positives {pf}/{p}  negatives reported {nr}/{n}")
    print(f"positives found {pos_found}/{pos} ({100*pos_found/max(pos,1):.1f}%), "
          f"negatives reported {neg_rep}/{neg} ({100*neg_rep/max(neg,1):.1f}%)")


if __name__ == "__main__":
    main()
