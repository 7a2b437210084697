#!/usr/bin/env python3
"""Scores concord's findings against labelled expectations.

Each tests/eval/<story>.toml names a fixture folder fixtures/<story>/ and
lists what concord should report (`expect`), may report (`allow`) and must
never report (`negative`), each as a kind, a class and the mentions of its
sides ("doc-id: exact text"). The harness runs `concord audit` on every
story alone and on all of them mixed into one corpus, and prints recall and
precision at warning and error level.

A hard negative fails when a finding at warning or error level puts its
mentions on two different sides (info notes, such as a quote that differs
only in spelling, are allowed).

A finding matches a label when kind and class agree and every labelled
mention is one of the finding's mentions (same document, the labelled text
inside the mention's text or the mention inside the labelled text).

usage: eval.py CONCORD [--min-recall R] [--min-precision P] [--mixed-only]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib

LEVELS = {"info": 0, "warning": 1, "error": 2}


def parse_mention(s):
    doc, _, text = s.partition(":")
    return doc.strip(), text.strip()


_originals = {}


def original_bytes(path, doc):
    """The bytes a mention's offsets count in: the file, or for JSON Lines
    the text of the record with id `doc`; None when unreadable."""
    key = (path, doc)
    if key not in _originals:
        data = None
        try:
            if path.endswith(".jsonl"):
                with open(path, encoding="utf-8") as f:
                    for line in f:
                        if line.strip():
                            record = json.loads(line)
                            if record.get("id") == doc:
                                data = record.get("text", "").encode("utf-8")
                                break
            else:
                with open(path, "rb") as f:
                    data = f.read()
        except (OSError, ValueError):
            data = None
        _originals[key] = data
    return _originals[key]


def mention_matches(label, finding_mention):
    """A label matches a mention of its document when their byte spans
    overlap, the label standing at the first occurrence of its text (see
    tests/eval/README.md); by text containment when the label's text is not
    found."""
    doc, text = label
    if finding_mention["doc"] != doc and not finding_mention["doc"].endswith("/" + doc):
        return False
    original = original_bytes(finding_mention.get("path", ""), doc)
    needle = text.encode("utf-8")
    at = original.find(needle) if original is not None and needle else -1
    if at >= 0 and "offset" in finding_mention:
        begin, end = finding_mention["offset"], finding_mention["offset"] + finding_mention["length"]
        return at < end and begin < at + len(needle)
    got = finding_mention["text"]
    return text in got or (got and got in text)


def finding_matches(label, finding):
    if label["kind"] != finding["kind"]:
        return False
    if "class" in label and label["class"] != finding["class"]:
        return False
    mentions = [m for v in finding["values"] for m in v["mentions"]]
    return all(any(mention_matches(parse_mention(l), m) for m in mentions)
               for l in label["mentions"])


def negative_hit(label, finding):
    if label.get("kind") and label["kind"] != finding["kind"]:
        return False
    # Flagged when the labelled mentions stand on two different sides.
    sides = []
    for l in label["mentions"]:
        lm = parse_mention(l)
        side = next((i for i, v in enumerate(finding["values"])
                     if any(mention_matches(lm, m) for m in v["mentions"])), None)
        if side is None:
            return False
        sides.append(side)
    return len(set(sides)) > 1


def audit(binary, paths):
    proc = subprocess.run([binary, "audit", *paths, "--format", "json", "--fail-on", "never"],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"concord audit failed ({proc.returncode}): {proc.stderr}")
    return json.loads(proc.stdout)


def score(report, labels, name):
    findings = [f for f in report["findings"] if LEVELS[f["severity"]] >= 1]
    expects = [l for s in labels for l in s.get("expect", [])]
    allows = [l for s in labels for l in s.get("allow", [])]
    negatives = [l for s in labels for l in s.get("negative", [])]
    found = [any(finding_matches(l, f) for f in findings) for l in expects]
    correct = [any(finding_matches(l, f) for l in expects + allows) for f in findings]
    # A hard negative is flagged by a finding at warning or error level; an
    # info note (a spelling-only difference) is allowed.
    flagged = [l for l in negatives if any(negative_hit(l, f) for f in findings)]
    recall = sum(found) / len(expects) if expects else 1.0
    precision = sum(correct) / len(findings) if findings else 1.0
    print(f"{name}: recall {recall:.0%} ({sum(found)}/{len(expects)}), "
          f"precision {precision:.0%} ({sum(correct)}/{len(findings)}), "
          f"hard negatives flagged {len(flagged)}/{len(negatives)}")
    for l, ok in zip(expects, found):
        if not ok:
            print(f"  missed: {l['kind']}/{l.get('class')} {l['mentions']} {l.get('note', '')}")
    for f, ok in zip(findings, correct):
        if not ok:
            sides = [[f"{m['doc']}: {m['text']}" for m in v["mentions"]] for v in f["values"]]
            print(f"  unexpected: {f['kind']}/{f['class']} {f['severity']}: {f['message']} {sides}")
    for l in flagged:
        print(f"  hard negative flagged: {l['kind']} {l['mentions']} {l.get('note', '')}")
    return recall, precision, len(flagged)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("concord")
    ap.add_argument("--labels", default="tests/eval")
    ap.add_argument("--min-recall", type=float, default=0.0)
    ap.add_argument("--min-precision", type=float, default=0.0)
    args = ap.parse_args()
    stories = []
    for name in sorted(os.listdir(args.labels)):
        if not name.endswith(".toml"):
            continue
        with open(os.path.join(args.labels, name), "rb") as f:
            label = tomllib.load(f)
        label.setdefault("story", name[:-5])
        stories.append(label)
    if not stories:
        sys.exit("no labelled stories")
    worst_ok = True
    totals = []
    for s in stories:
        report = audit(args.concord, [os.path.join("fixtures", s["story"])])
        totals.append(score(report, [s], s["story"]))
    # All stories mixed into one corpus: no finding may link two stories.
    with tempfile.TemporaryDirectory() as tmp:
        for s in stories:
            shutil.copytree(os.path.join("fixtures", s["story"]), os.path.join(tmp, s["story"]))
        report = audit(args.concord, [tmp])
        for f in report["findings"]:
            docs = {m["path"].split(os.sep)[len(tmp.split(os.sep))]
                    for v in f["values"] for m in v["mentions"]}
            if len(docs) > 1:
                print(f"  finding links two stories: {f['message']}")
                worst_ok = False
        for m in report["findings"]:
            for v in m["values"]:
                for e in v["mentions"]:
                    e["doc"] = os.path.basename(os.path.splitext(e["path"])[0]) \
                        if not e["path"].endswith(".jsonl") else e["doc"].split("#")[-1]
        recall, precision, flagged = score(report, stories, "mixed corpus")
    ok = (worst_ok and recall >= args.min_recall and precision >= args.min_precision
          and flagged == 0)
    print(f"thresholds: recall >= {args.min_recall:.0%}, precision >= {args.min_precision:.0%}, "
          f"no hard negative: {'ok' if ok else 'FAILED'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
