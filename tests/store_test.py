#!/usr/bin/env python3
"""Behaviour of the nightly-audit options: the incremental store (--store),
baselines (--baseline, --write-baseline) and inline `concord-ignore`
comments. Each case runs the real binary on a copy of fixture articles."""
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

BINARY = sys.argv[1]
SEEDS = "fixtures/seeds"
DAY1 = "1767225600"  # 2026-01-01 UTC
DAY2 = "1767312000"  # 2026-01-02
failures = []


def check(name, ok, detail=""):
    if not ok:
        failures.append(f"{name}: {detail}")


def run(args, epoch=DAY1):
    env = dict(os.environ, NO_COLOR="1", SOURCE_DATE_EPOCH=epoch)
    proc = subprocess.run([BINARY] + args, capture_output=True, text=True, env=env)
    if proc.returncode not in (0, 1):
        sys.exit(f"concord {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
    return proc


def audit(paths, *extra, epoch=DAY1):
    proc = run(["audit", *paths, "--format", "json", "-j", "2", *extra], epoch)
    return json.loads(proc.stdout), proc.stderr


def counts(stderr):
    """(extracted, reused) from 'concord: store: extracted N, reused M'."""
    for line in stderr.splitlines():
        if line.startswith("concord: store: extracted "):
            words = line.replace(",", "").split()
            return int(words[3]), int(words[5])
    return None


def without_history(report):
    for f in report["findings"]:
        for key in ("first_seen", "last_seen", "new"):
            f.pop(key, None)
    return report


def ids(report):
    return sorted(f["id"] for f in report["findings"])


def copy_seeds(tmp, name="corpus"):
    dest = os.path.join(tmp, name)
    shutil.copytree(SEEDS, dest)
    return dest, sorted(os.listdir(dest))


def store_rows(db, table):
    con = sqlite3.connect(db)
    try:
        check(f"{db} integrity", con.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
        return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_reuse(tmp):
    corpus, names = copy_seeds(tmp)
    db = os.path.join(tmp, "reuse.db")
    plain, _ = audit([corpus])
    first, err = audit([corpus], "--store", db)
    check("first run extracts all", counts(err) == (len(names), 0), err)
    second, err = audit([corpus], "--store", db)
    check("second run reuses all", counts(err) == (0, len(names)), err)
    check("reused claims give the same report", without_history(second) == plain)
    check("store holds one entry per article", store_rows(db, "claims") == len(names))
    # Changing one article re-extracts only it.
    with open(os.path.join(corpus, names[1]), "a", encoding="utf-8") as f:
        f.write("\nThe talks will resume on Friday, officials said.\n")
    changed_plain, _ = audit([corpus])
    changed, err = audit([corpus], "--store", db)
    check("one changed article is extracted again", counts(err) == (1, len(names) - 1), err)
    check("the changed article's claims are fresh", without_history(changed) == changed_plain)
    # The --published option is part of the key.
    _, err = audit([corpus], "--store", db, "--published", "2025-11-01")
    check("--published re-extracts", counts(err) == (len(names), 0), err)
    # Changing the rules (any byte of any rule file) re-extracts every article.
    extra = os.path.join(tmp, "extra-rules")
    os.mkdir(extra)
    with open(os.path.join(extra, "zz-local.toml"), "w", encoding="utf-8") as f:
        f.write("# local rules: none yet\n")
    _, err = audit([corpus], "--store", db, "--rules", extra)
    check("changed rules re-extract all", counts(err) == (len(names), 0), err)
    _, err = audit([corpus], "--store", db, "--rules", extra)
    check("same changed rules reuse all", counts(err) == (0, len(names)), err)
    # -q silences the count; the store still works.
    proc = run(["audit", corpus, "--store", db, "-q"])
    check("quiet run prints nothing", proc.stdout == "" and proc.stderr == "", proc.stderr)


def test_history(tmp):
    corpus, names = copy_seeds(tmp, "history")
    db = os.path.join(tmp, "history.db")
    early = [os.path.join(corpus, n) for n in names[:3]]
    day1, _ = audit(early, "--store", db, epoch=DAY1)
    check("day 1 has findings", day1["findings"], "no finding in the first three seeds")
    for f in day1["findings"]:
        check("day 1: first seen", f.get("first_seen") == "2026-01-01", f)
        check("day 1: last seen", f.get("last_seen") == "2026-01-01", f)
        check("day 1: new", f.get("new") is True, f)
    day2, _ = audit([corpus], "--store", db, epoch=DAY2)
    old = set(ids(day1))
    new_ids = [f["id"] for f in day2["findings"] if f["id"] not in old]
    check("day 2 brings new findings", new_ids, "the two later seeds add nothing")
    for f in day2["findings"]:
        seen_before = f["id"] in old
        check("day 2: first seen", f["first_seen"] == ("2026-01-01" if seen_before else "2026-01-02"), f)
        check("day 2: last seen", f["last_seen"] == "2026-01-02", f)
        check("day 2: new only when not seen before", f.get("new", False) is (not seen_before), f)
    again, _ = audit([corpus], "--store", db, epoch=DAY2)
    check("a rerun the same day has nothing new", not any(f.get("new") for f in again["findings"]))
    text = run(["audit", corpus, "--store", db], DAY2).stdout
    check("text shows when a finding was seen", "  seen: first 2026-01-01, last 2026-01-02" in text)
    plain, _ = audit([corpus])
    check("without --store the report has no history",
          all("first_seen" not in f and "new" not in f for f in plain["findings"]))
    check("store counts the findings", store_rows(db, "findings") == len(set(ids(day2))))


def test_baseline(tmp):
    corpus, names = copy_seeds(tmp, "baseline")
    full, _ = audit([corpus])
    base = os.path.join(tmp, "baseline.json")
    again, _ = audit([corpus], "--write-baseline", base)
    check("--write-baseline leaves the report alone", again == full)
    with open(base, encoding="utf-8") as f:
        baseline = json.load(f)
    listed = [e["id"] for e in baseline["findings"]]
    check("baseline lists every finding once, sorted", listed == sorted(set(ids(full))), listed)
    check("baseline says what each finding is",
          all({"kind", "subject", "attribute", "values"} <= set(e) for e in baseline["findings"]))
    quiet, _ = audit([corpus], "--baseline", base)
    check("a full baseline leaves nothing", quiet["findings"] == [], quiet["findings"])
    check("suppressed findings are counted", quiet.get("suppressed") == len(full["findings"]),
          quiet.get("suppressed"))
    proc = run(["audit", corpus, "--baseline", base])
    check("exit 0 when everything is baselined", proc.returncode == 0, proc.returncode)
    check("text summary counts suppressed", f"{len(full['findings'])} suppressed" in proc.stdout)
    # A baseline of the first three articles leaves what the others add.
    part = os.path.join(tmp, "part.json")
    early, _ = audit([os.path.join(corpus, n) for n in names[:3]], "--write-baseline", part)
    rest, _ = audit([corpus], "--baseline", part)
    known = set(ids(early))
    check("partial baseline keeps the rest",
          ids(rest) == sorted(i for i in ids(full) if i not in known), ids(rest))
    check("partial baseline counts what it hid",
          rest.get("suppressed") == sum(1 for i in ids(full) if i in known))
    # Round trip: writing the baseline while applying it gives the same file.
    again_base = os.path.join(tmp, "again.json")
    audit([corpus], "--baseline", base, "--write-baseline", again_base)
    check("write-baseline round-trips", open(base).read() == open(again_base).read())
    # Bad baselines are usage errors with the path.
    bad = os.path.join(tmp, "bad.json")
    with open(bad, "w") as f:
        f.write("{\"schema\": \"concord.report/1\"}")
    proc = subprocess.run([BINARY, "audit", corpus, "--baseline", bad], capture_output=True, text=True)
    check("bad baseline fails", proc.returncode == 2 and bad in proc.stderr, proc.stderr)
    proc = subprocess.run([BINARY, "audit", corpus, "--baseline", bad + ".missing"],
                          capture_output=True, text=True)
    check("missing baseline fails", proc.returncode == 2, proc.stderr)
    proc = subprocess.run([BINARY, "extract", corpus, "--store", bad], capture_output=True, text=True)
    check("--store is for audit", proc.returncode == 2, proc.stderr)


def test_fingerprints(tmp):
    """Fingerprints depend on what is found, not where: another folder and
    shifted lines give the same ids."""
    corpus, names = copy_seeds(tmp, "fp-a")
    moved = os.path.join(tmp, "elsewhere", "fp-b")
    os.makedirs(moved)
    for n in names:
        with open(os.path.join(corpus, n), encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(moved, n), "w", encoding="utf-8") as f:
            f.write(text.replace("\n\n", "\n\n\n"))
    a, _ = audit([corpus])
    b, _ = audit([moved])
    check("ids do not depend on paths or lines", ids(a) == ids(b), (ids(a), ids(b)))
    lines_a = [m["line"] for f in a["findings"] for v in f["values"] for m in v["mentions"]]
    lines_b = [m["line"] for f in b["findings"] for v in f["values"] for m in v["mentions"]]
    check("the lines did move", sorted(lines_a) != sorted(lines_b))


def test_inline(tmp):
    corpus, names = copy_seeds(tmp, "inline")
    full, _ = audit([corpus])
    check("seeds have findings", full["findings"])
    target = full["findings"][0]
    kind = target["kind"]
    doc_path = target["values"][0]["mentions"][0]["path"]

    def involves(report, k):
        return [f for f in report["findings"] if f["kind"] == k and any(
            m["path"] == doc_path for v in f["values"] for m in v["mentions"])]

    with open(doc_path, encoding="utf-8") as f:
        original = f.read()
    with open(doc_path, "w", encoding="utf-8") as f:
        f.write(original + f"\n<!-- concord-ignore {kind} -->\n")
    got, _ = audit([corpus])
    check("inline ignore drops the kind for that article", involves(got, kind) == [])
    hidden = len(involves(full, kind))
    check("inline ignore counts", got.get("suppressed") == hidden, (got.get("suppressed"), hidden))
    others = [f for f in full["findings"] if f not in involves(full, kind)]
    check("other findings stay", ids(got) == sorted(f["id"] for f in others))
    with open(doc_path, "w", encoding="utf-8") as f:
        f.write("<!-- concord-ignore -->\n" + original)
    got, _ = audit([corpus])
    check("bare concord-ignore drops every kind for that article",
          all(not involves(got, k) for k in ("date", "title", "figure", "duration", "quote", "name")))
    # With the store, the directive is part of the stored claims.
    db = os.path.join(tmp, "inline.db")
    audit([corpus], "--store", db)
    stored, err = audit([corpus], "--store", db)
    check("directives survive the store", counts(err)[1] == len(names) and
          without_history(stored) == got)


def big_corpus(tmp, name, copies):
    """Many distinct articles: the fixture stories copied into folders."""
    root = os.path.join(tmp, name)
    for i in range(copies):
        for story in sorted(os.listdir("fixtures")):
            shutil.copytree(os.path.join("fixtures", story), os.path.join(root, f"{i:03d}", story))
    return root


def test_concurrent(tmp):
    corpus = big_corpus(tmp, "concurrent", 3)
    db = os.path.join(tmp, "concurrent.db")
    env = dict(os.environ, SOURCE_DATE_EPOCH=DAY1)
    procs = [subprocess.Popen([BINARY, "audit", corpus, "--store", db, "--format", "json", "-j", "2"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for _ in range(2)]
    outs = [p.communicate() for p in procs]
    for p, (out, err) in zip(procs, outs):
        check("concurrent run succeeds", p.returncode in (0, 1), err)
    plain, _ = audit([corpus])
    for out, err in outs:
        if out:
            check("concurrent report is complete", without_history(json.loads(out)) == plain)
    docs = len(plain["documents"])
    check("concurrent store is whole", store_rows(db, "claims") == docs)
    _, err = audit([corpus], "--store", db)
    check("after concurrent runs all is reused", counts(err) == (0, docs), err)
    con = sqlite3.connect(db)
    runs = con.execute("SELECT COUNT(*), SUM(finished) FROM runs").fetchone()
    con.close()
    check("three runs recorded", runs == (3, 3), runs)


def test_kill(tmp):
    corpus = big_corpus(tmp, "killed", 12)
    db = os.path.join(tmp, "killed.db")
    proc = subprocess.Popen([BINARY, "audit", corpus, "--store", db, "-j", "1", "-q"],
                            env=dict(os.environ, SOURCE_DATE_EPOCH=DAY1))
    stored = 0
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
            stored = con.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
            con.close()
        except sqlite3.Error:
            stored = 0
        if stored > 0:
            break
        time.sleep(0.02)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    check("the run was killed mid-way", killed, "it finished first: make the corpus bigger")
    rows = store_rows(db, "claims")
    check("a killed run leaves whole batches", rows > 0 and rows % 16 == 0, rows)
    plain, _ = audit([corpus])
    after, err = audit([corpus], "--store", db)
    extracted, reused = counts(err)
    check("the next run reuses what was stored", reused >= rows and
          extracted + reused == len(plain["documents"]), err)
    check("the next run's report is right", without_history(after) == plain)


def test_memory(tmp):
    """--memory: claims past the budget wait in a temporary file; the report
    is the same whatever the budget, with or without the store."""
    corpus = big_corpus(tmp, "corpus", 2)
    want, _ = audit([corpus])
    check("memory: fixtures give findings", len(want["findings"]) > 10)
    for budget in ("0", "1", "256"):
        got, _ = audit([corpus], "--memory", budget)
        check(f"memory {budget}: same report", got == want)
    db = os.path.join(tmp, "store.db")
    audit([corpus], "--store", db, "--memory", "0")
    got, err = audit([corpus], "--store", db, "--memory", "0")
    check("memory 0 with store: reused", counts(err) is not None and counts(err)[0] == 0, err)
    check("memory 0 with store: same report", without_history(got) == want)
    # The temporary file cannot be made: a runtime error naming the folder.
    env = dict(os.environ, TMPDIR=os.path.join(tmp, "no-such-dir"))
    proc = subprocess.run([BINARY, "audit", corpus, "--memory", "0"], capture_output=True,
                          text=True, env=env)
    check("memory: bad TMPDIR exits 2", proc.returncode == 2, proc.stderr)
    check("memory: bad TMPDIR named", "no-such-dir" in proc.stderr, proc.stderr)
    # A run that never spills needs no temporary folder.
    proc = subprocess.run([BINARY, "audit", corpus, "--format", "json", "-j", "2"],
                          capture_output=True, text=True,
                          env=dict(env, SOURCE_DATE_EPOCH=DAY1))
    check("memory: no spill, bad TMPDIR still fine", proc.returncode in (0, 1), proc.stderr)
    check("memory: no spill, same report",
          proc.returncode in (0, 1) and json.loads(proc.stdout) == want)
    proc = subprocess.run([BINARY, "audit", corpus, "--memory", "lots"], capture_output=True,
                          text=True)
    check("memory: not a number", proc.returncode == 2 and "--memory" in proc.stderr, proc.stderr)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for test in (test_reuse, test_history, test_baseline, test_fingerprints, test_inline,
                     test_concurrent, test_kill, test_memory):
            sub = os.path.join(tmp, test.__name__)
            os.mkdir(sub)
            test(sub)
    for f in failures:
        print("FAIL", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
