#!/usr/bin/env python3
"""Benchmarks the whole `concord audit` at N and 10N articles.

    bench/audit_bench.py [--quick] [--concord build/concord] [--work /tmp/concord-bench]

Generates corpora with bench/gen_corpus.py (10k and 100k articles; --quick:
2k and 20k), runs `concord audit DIR --format json -o FILE` at -j 1 and -j 2
three times each and prints the medians: wall time, CPU time, MB/s (wall and
per CPU second), articles/s, peak RSS (from /usr/bin/time -v, Debian package
`time`), and how time and memory grow from N to 10N. Also checks the planted
answers (bench/gen_corpus.py) against the report, and, when
bench/node_modules/chrono-node is installed (`npm install --prefix bench
chrono-node`), runs bench/chrono_bench.js over the same corpus.

With --paths, also times the other ways a nightly audit runs, once each at
-j 2: the map and reduce steps (`extract --format claims`, `compare`; their
report must equal audit's) and an audit with --store, cold (every article
extracted) and warm (every article's claims reused), and an audit of the
corpus's JSON Lines feeds joined into one .jsonl.gz file at -j 1 and -j 2.
"""

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def corpus_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total


def timed(cmd):
    """Runs cmd under /usr/bin/time -v: (wall s, cpu s, peak RSS KiB)."""
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr[-2000:]}")
    def field(name):
        return re.search(re.escape(name) + r":\s*(\S+)", r.stderr).group(1)
    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    return secs, cpu, int(field("Maximum resident set size (kbytes)"))


def check_answers(report_path, answers_path):
    """Share of planted discrepancies the report finds, and story counts."""
    report = json.load(open(report_path, encoding="utf-8"))
    found = set()
    for f in report["findings"]:
        docs = {m["doc"] for v in f["values"] for m in v["mentions"]}
        found.add((f["kind"], frozenset(docs)))
    by_kind = {}
    stories = set()
    for line in open(answers_path, encoding="utf-8"):
        a = json.loads(line)
        stories.add(a["story"])
        odd = set(a["odd_docs"])
        hit = any(k == a["kind"] and odd <= d and len(d - odd) > 0 for k, d in found)
        n, h = by_kind.get(a["kind"], (0, 0))
        by_kind[a["kind"]] = (n + 1, h + hit)
    return by_kind, len(report["stories"])


def other_paths(args, corpus, mb, audit_report):
    """Times the map/reduce steps and the store, and checks their reports."""
    claims = os.path.join(args.work, "claims.jsonl")
    report = os.path.join(args.work, "paths-report.json")
    store = os.path.join(args.work, "store.db")
    def show(name, t):
        wall, cpu, rss = t
        print(f"  {name:<24} wall {wall:7.2f} s  cpu {cpu:7.2f} s  {mb / cpu:6.2f} MB/s per cpu-s  "
              f"peak RSS {rss / 1024:6.0f} MiB", flush=True)
    show("extract --format claims", timed(
        ["sh", "-c", f'"$0" extract "$1" --format claims -j 2 > "$2"', args.concord, corpus,
         claims]))
    print(f"  {'':<24} {os.path.getsize(claims) / 1e6:.1f} MB of claims lines", flush=True)
    show("compare", timed([args.concord, "compare", claims, "--format", "json", "-o", report]))
    same = open(report, "rb").read() == open(audit_report, "rb").read()
    print(f"  {'':<24} report {'equals' if same else 'DIFFERS from'} audit's", flush=True)
    os.remove(claims)
    for f in (store, store + "-wal", store + "-shm"):
        if os.path.exists(f):
            os.remove(f)
    for name in ("audit --store (cold)", "audit --store (warm)"):
        show(name, timed([args.concord, "audit", corpus, "--format", "json", "-o", report,
                          "-j", "2", "--store", store]))
    # The corpus's JSON Lines feeds as one gzip file, as a nightly export
    # comes: one input, which every thread must still share.
    feed = os.path.join(args.work, "one-feed.jsonl.gz")
    feed_bytes = 0
    with gzip.open(feed, "wb", compresslevel=6) as out:
        for root, _, files in sorted(os.walk(corpus)):
            for f in sorted(files):
                if f.endswith(".jsonl"):
                    data = open(os.path.join(root, f), "rb").read()
                    feed_bytes += len(data)
                    out.write(data)
    for jobs in ("1", "2"):
        wall, cpu, rss = timed([args.concord, "audit", feed, "--format", "json", "-o", report,
                                "-j", jobs])
        print(f"  {'one .jsonl.gz feed -j ' + jobs:<24} wall {wall:7.2f} s  cpu {cpu:7.2f} s  "
              f"{feed_bytes / 1e6 / wall:6.2f} MB/s wall ({feed_bytes / 1e6:.1f} MB)", flush=True)
    os.remove(feed)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="2k and 20k articles")
    ap.add_argument("--concord", default=os.path.join(HERE, "..", "build", "concord"))
    ap.add_argument("--work", default="/tmp/concord-bench")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", help="comma-separated article counts (overrides --quick)")
    ap.add_argument("--paths", action="store_true",
                    help="also time extract|compare and --store (cold, warm)")
    args = ap.parse_args()
    if not shutil.which("/usr/bin/time"):
        sys.exit("needs /usr/bin/time (Debian: apt-get install time)")
    sizes = [int(x) for x in args.sizes.split(",")] if args.sizes else \
        ([2000, 20000] if args.quick else [10000, 100000])
    os.makedirs(args.work, exist_ok=True)
    results = {}
    for n in sizes:
        corpus = os.path.join(args.work, f"c{n}")
        if not os.path.isdir(corpus):
            subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), corpus,
                            "--articles", str(n), "--seed", "1"], check=True)
        mb = corpus_bytes(corpus) / 1e6
        out = os.path.join(args.work, f"report{n}.json")
        for jobs in (1, 2):
            runs = [timed([args.concord, "audit", corpus, "--format", "json", "-o", out,
                           "-j", str(jobs)]) for _ in range(args.runs)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            rss = statistics.median(r[2] for r in runs)
            results[(n, jobs)] = (wall, cpu, rss)
            print(f"N={n:>6} ({mb:6.1f} MB) -j {jobs}: wall {wall:7.2f} s  cpu {cpu:7.2f} s  "
                  f"{mb / wall:6.2f} MB/s wall  {mb / cpu:6.2f} MB/s per cpu-s  "
                  f"{n / wall:7.0f} articles/s  peak RSS {rss / 1024:6.0f} MiB", flush=True)
        if args.paths:
            other_paths(args, corpus, mb, out)
        by_kind, stories = check_answers(out, corpus + ".answers.jsonl")
        planted = len({json.loads(l)["story"] for l in open(corpus + ".answers.jsonl")})
        print("  planted found: " + ", ".join(f"{k} {h}/{t}" for k, (t, h) in sorted(by_kind.items()))
              + f"; stories in report: {stories}", flush=True)
        chrono = os.path.join(HERE, "node_modules", "chrono-node")
        if os.path.isdir(chrono) and shutil.which("node"):
            r = subprocess.run(["node", os.path.join(HERE, "chrono_bench.js"), corpus],
                               capture_output=True, text=True)
            print("  chrono-node: " + (r.stdout.strip() or r.stderr.strip()[-300:]), flush=True)
    if len(sizes) == 2:
        a, b = sizes
        for jobs in (1, 2):
            ta, ca, ra = results[(a, jobs)]
            tb, cb, rb = results[(b, jobs)]
            print(f"growth {a} -> {b} (x{b / a:.0f}) at -j {jobs}: wall x{tb / ta:.2f}, "
                  f"cpu x{cb / ca:.2f}, peak RSS x{rb / ra:.2f}")


if __name__ == "__main__":
    main()
