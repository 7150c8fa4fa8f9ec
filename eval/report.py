#!/usr/bin/env python3
"""Write rasid's committed evaluation report from gold and predicted JSONL.

    python3 eval/report.py GOLD.jsonl PRED.jsonl [--out eval/REPORT.md] [--check eval/baseline.json]

Uses the shared scorer (../shared/eval/score.py) for the headline metrics and its matching
functions for a per-category breakdown of events.core (category + place + overlapping dates).
With --check, exits 1 when a metric falls below its value in the baseline file (a ratchet:
raise the baseline when quality rises).
"""
import argparse
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("RASID_SHARED", os.path.join(HERE, "..", "..", "shared"))
sys.path.insert(0, os.path.join(SHARED, "eval"))
import score as S  # noqa: E402  (the shared scorer, not copied)


def per_type(gold_docs, preds):
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    for gd in gold_docs:
        doc = S.Doc(gd)
        pred = preds.get(doc.id, {})
        pe = [e for e in pred.get("events", []) if isinstance(e, dict) and S.status_of(e) in S.REAL]
        ge = [e for e in doc.events if S.status_of(e) in S.REAL]

        def core_ok(g, p):
            if g.get("type") != p.get("type"):
                return 0
            if not S.same_place(doc, g.get("location"), p.get("location")):
                return 0
            if not S.overlap(g, p):
                return 0
            return 1 + (1 if S.actors_ok(doc, g, p) else 0)

        matched = S.match(doc, ge, pe, core_ok)
        mg = {id(g) for g, _ in matched}
        mp = {id(p) for _, p in matched}
        for g, _ in matched:
            tp[g["type"]] += 1
        for g in ge:
            if id(g) not in mg:
                fn[g["type"]] += 1
        for p in pe:
            if id(p) not in mp:
                fp[p.get("type")] += 1
    rows = []
    for t in sorted(set(tp) | set(fp) | set(fn), key=str):
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        rows.append((t, p, r, f, tp[t], fp[t], fn[t]))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--out")
    ap.add_argument("--check")
    a = ap.parse_args()
    gold = S.read_jsonl(a.gold)
    preds = {p["id"]: p for p in S.read_jsonl(a.pred) if "id" in p}
    res, _ = S.score(gold, preds)
    lines = [
        "# rasid evaluation report",
        "",
        f"Gold: `{os.path.basename(a.gold)}` ({len(gold)} documents). Scored with the shared `score.py`;",
        "regenerate with `bash eval/run.sh` after any change to rules or data, and commit the result.",
        "",
        "| metric | P | R | F1 | tp | fp | fn |",
        "|---|---|---|---|---|---|---|",
    ]
    for k in ("events.type", "events.core", "events.full", "modality", "actors", "locations"):
        r = res[k]
        lines.append(f"| {k} | {r['p']:.3f} | {r['r']:.3f} | {r['f1']:.3f} | {r['tp']} | {r['fp']} | {r['fn']} |")
    lines += ["", f"Arguments over {res['args_n']} core-matched events: "
              + ", ".join(f"{k} {v:.3f}" if v is not None else f"{k} -" for k, v in res["args"].items()), "",
              "## events.core by PLOVER category", "",
              "| category | P | R | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    for t, p, r, f, tp, fp, fn in per_type(gold, preds):
        lines.append(f"| {t} | {p:.3f} | {r:.3f} | {f:.3f} | {tp} | {fp} | {fn} |")
    report = "\n".join(lines) + "\n"
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(report)
    else:
        print(report)
    if a.check:
        with open(a.check, encoding="utf-8") as f:
            base = json.load(f)
        failed = []
        for k, floor in base.items():
            metric, _, field = k.rpartition(".")
            # "args.date_exact": an argument score over core-matched events
            got = res["args"][field] if metric == "args" else res[metric][field]
            status = "ok" if got + 1e-9 >= floor else "BELOW BASELINE"
            print(f"{k}: {got:.4f} (baseline {floor:.4f}) {status}")
            if got + 1e-9 < floor:
                failed.append(k)
        if failed:
            sys.exit(f"quality gate failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
