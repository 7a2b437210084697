#!/usr/bin/env python3
"""Behaviour tests of the concord command line: each case runs the real
binary and checks its exit code and what it prints (Vale's habit)."""
import gzip
import json
import os
import subprocess
import sys
import tempfile

BINARY = sys.argv[1]
SEEDS = "fixtures/seeds"
failures = []


def run(args, stdin=None):
    proc = subprocess.run([BINARY] + args, input=stdin, capture_output=True,
                          text=True, env=dict(os.environ, NO_COLOR="1"))
    return proc.returncode, proc.stdout, proc.stderr


def case(name, args, code, out=(), err=(), stdin=None, not_out=()):
    got_code, got_out, got_err = run(args, stdin)
    problems = []
    if got_code != code:
        problems.append(f"exit {got_code}, want {code}")
    for s in out:
        if s not in got_out:
            problems.append(f"stdout lacks {s!r}")
    for s in not_out:
        if s in got_out:
            problems.append(f"stdout has {s!r}")
    for s in err:
        if s not in got_err:
            problems.append(f"stderr lacks {s!r}")
    if problems:
        failures.append(f"{name}: " + "; ".join(problems) +
                        f"\n  stdout: {got_out[:800]!r}\n  stderr: {got_err[:800]!r}")


with tempfile.TemporaryDirectory() as tmp:
    def write(name, data, mode="w"):
        path = os.path.join(tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, mode) as f:
            f.write(data)
        return path

    # Usage errors exit 2 and say what is wrong.
    case("no arguments", [], 2, err=["usage: concord"])
    case("help", ["--help"], 0, out=["usage: concord", "audit PATH"])
    case("unknown command", ["frobnicate"], 2, err=["unknown command 'frobnicate'"])
    case("unknown option", ["audit", SEEDS, "--colour"], 2, err=["unknown option '--colour'"])
    case("missing path", ["audit", "no/such/dir"], 2, err=["no/such/dir"])
    case("bad published", ["audit", SEEDS, "--published", "31/10/2025"], 2,
         err=["--published: expected YYYY-MM-DD"])
    case("bad fail-on", ["audit", SEEDS, "--fail-on", "sometimes"], 2, err=["--fail-on"])
    case("bad format", ["audit", SEEDS, "--format", "yaml"], 2, err=["--format"])
    case("rules check with a path", ["rules", "check", "rules"], 2,
         err=["unexpected argument 'rules'", "--rules DIR"])
    case("check without against", ["check", os.path.join(SEEDS, "000_e4a8731c2083a7a7.txt")], 2,
         err=["--against"])

    # The seed story: findings at warning level make exit 1, unless
    # --fail-on says otherwise.
    case("seeds audit", ["audit", SEEDS], 1,
         out=["[title-outdated]", "[date-precision]", "[quote-conflict]"])
    case("seeds fail-on error", ["audit", SEEDS, "--fail-on", "error"], 0)
    case("seeds fail-on never", ["audit", SEEDS, "--fail-on", "never"], 0)
    case("seeds quiet", ["audit", SEEDS, "--quiet"], 1, not_out=["warning"])
    # Regression: --summary counted the findings before --kinds and
    # --min-severity narrowed the report ("3 findings" over a report of 1).
    case("summary after --kinds", ["audit", SEEDS, "--summary", "--kinds", "title"], 1,
         out=["1 finding"], err=["1 findings (1 title)"])
    # Per-run policy overrides.
    case("severity override", ["audit", SEEDS, "--severity", "title-outdated=error",
                               "--fail-on", "error"], 1, out=["error: Pete Hegseth"])
    case("severity kind/class", ["audit", SEEDS, "--severity", "date/precision=info"], 1,
         out=["info: the date of"])
    case("severity off", ["audit", SEEDS, "--severity", "quote-conflict=off"], 1,
         not_out=["[quote-conflict]"])
    case("severity bad", ["audit", SEEDS, "--severity", "nonsense=error"], 2,
         err=["unknown check 'nonsense'"])
    # Regression: the age checks were no known checks to --severity.
    case("severity age", ["audit", "fixtures/dunmore-arson", "--severity",
                          "age-conflict=warning", "--fail-on", "error"], 0,
         out=["warning: the age of", "[age-conflict]"])

    # Regression: --against with another command dropped its paths in
    # silence: the audit of one draft found nothing and exited 0.
    for command in (["audit", SEEDS], ["extract", SEEDS], ["rules", "check"]):
        case(f"{command[0]} --against", command + ["--against", SEEDS], 2,
             err=["--against is for check"])
    case("audit --against=", ["audit", SEEDS, f"--against={SEEDS}"], 2,
         err=["--against is for check"])
    # Regression: -j started that many threads whatever the input, so a
    # large N aborted (std::system_error) and an N past INT_MAX overflowed.
    case("huge -j", ["audit", SEEDS, "-j", "100000"], 1, out=["[title-outdated]"])
    case("-j past INT_MAX", ["audit", SEEDS, "-j", "99999999999"], 1, out=["[title-outdated]"])
    case("-j not a number", ["audit", SEEDS, "-j", "3x"], 2, err=["--jobs: expected"])
    # Regression: strtoull read '--max-bytes -1' as the largest number (no
    # limit at all) and ' 5' as 5.
    for bad in ("-1", " 5", "99999999999999999999999"):
        case(f"--max-bytes {bad!r}", ["audit", SEEDS, "--max-bytes", bad], 2,
             err=["--max-bytes: expected a positive number"])
    case("--memory -0", ["audit", SEEDS, "--memory", "-0"], 2, err=["--memory: expected"])

    # Rules.
    case("rules check", ["rules", "check"], 0, out=["rule files OK"])
    case("rules test", ["rules", "test"], 0, out=[" passed, 0 failed"])
    bad_rules = os.path.join(tmp, "badrules")
    write("badrules/policy.toml", '[[severity]]\nkind = "date"\nclass = "conflict"\nlevel = "fatal"\n')
    case("bad rules", ["audit", SEEDS, "--rules", bad_rules], 2,
         err=["policy.toml:4:9: error: 'level': expected error, warning or info, saw 'fatal' [severity]"])
    write("badrules2/x.toml", "[align\n")
    case("bad toml", ["rules", "check", "--rules", os.path.join(tmp, "badrules2")], 2,
         err=["x.toml:1:", "invalid TOML"])

    # Bad input is listed, never fatal.
    write("mixed/empty.txt", "")
    write("mixed/binary.txt", b"\x00\x01\x02binary", mode="wb")
    write("mixed/good.txt", "date 2025-10-31\nThe minister met the envoy on Friday.\n")
    case("bad input listed", ["audit", os.path.join(tmp, "mixed"), "--format", "json"], 0,
         out=['"reason"', "empty.txt", "binary.txt", '"good"'])
    os.makedirs(os.path.join(tmp, "emptydir"), exist_ok=True)
    case("empty folder", ["audit", os.path.join(tmp, "emptydir")], 0, err=["no article was read"])

    # Regression: a note about a JSON Lines record named only the file, so
    # 'feed.jsonl: note: no publication date' could be any of its records.
    undated = write("undated/feed.jsonl",
                    json.dumps({"id": "r1", "text": "The envoy met on Friday."}) + "\n" +
                    json.dumps({"id": "r2", "text": "The envoy left on Saturday."}) + "\n")
    case("notes name the record", ["audit", undated], 0,
         out=[f"{undated}: note: record 'r1': no publication date",
              f"{undated}: note: record 'r2': no publication date"])

    # Standard input.
    case("stdin", ["extract", "-", "--published", "2025-10-31"], 0,
         stdin="The ministers met on Friday in Kuala Lumpur.\n", out=['"kind": "date"', "2025-10-31"])

    # extract prints one JSON object per mention with the contract's fields.
    code, out, err = run(["extract", SEEDS])
    if code != 0:
        failures.append(f"extract: exit {code}: {err}")
    else:
        lines = [json.loads(l) for l in out.splitlines()]
        if not lines:
            failures.append("extract: no mentions")
        for m in lines[:50]:
            for key in ("doc", "path", "kind", "text", "offset", "length", "line", "column",
                        "value", "timex"):
                if key not in m:
                    failures.append(f"extract: mention lacks {key}: {m}")
                    break
        # Offsets are bytes of the original file.
        for m in lines:
            with open(m["path"], "rb") as f:
                data = f.read()
            if data[m["offset"]:m["offset"] + m["length"]].decode("utf-8") != m["text"]:
                failures.append(f"extract: offset does not match text: {m}")
                break

    # A saved JSON report re-renders to the same text.
    saved = os.path.join(tmp, "report.json")
    case("save json", ["audit", SEEDS, "--format", "json", "-o", saved], 1)
    # Regression: --quiet used to drop the report that -o asked for.
    quiet_saved = os.path.join(tmp, "quiet-report.json")
    case("quiet still writes -o", ["audit", SEEDS, "--format", "json", "-q", "-o", quiet_saved], 1)
    if not os.path.exists(quiet_saved):
        failures.append("quiet still writes -o: no report written")
    elif open(quiet_saved).read() != open(saved).read():
        failures.append("quiet still writes -o: the report differs from the one without -q")
    case("quiet -o - prints nothing", ["audit", SEEDS, "-q", "-o", "-"], 1, not_out=["["])
    quiet_claims = os.path.join(tmp, "quiet-claims.jsonl")
    case("quiet extract still writes -o", ["extract", SEEDS, "--format", "claims", "-q", "-o",
                                           quiet_claims], 0)
    if not os.path.exists(quiet_claims) or os.path.getsize(quiet_claims) == 0:
        failures.append("quiet extract still writes -o: no claims written")
    # Regression: -o naming a device (here through a symlink to /dev/null)
    # was renamed over, which replaced the link, or as root /dev/null
    # itself, with a regular file.
    null_link = os.path.join(tmp, "null-link")
    os.symlink(os.devnull, null_link)
    case("-o device written in place", ["audit", SEEDS, "-o", null_link, "--fail-on", "never"], 0)
    if not os.path.islink(null_link) or os.readlink(null_link) != os.devnull:
        failures.append("-o device written in place: the symlink to /dev/null was replaced")
    if not os.path.exists(os.devnull) or os.path.isfile(os.devnull):
        failures.append("-o device written in place: /dev/null is no longer a device")
    # Regression: -o /dev/stdout with standard output sent to a file went
    # through a temporary file renamed over /dev/stdout: as root that
    # replaced the link in /dev, else it failed ('cannot write').
    if os.path.islink("/dev/stdout"):
        _, want, _ = run(["audit", SEEDS])
        log = os.path.join(tmp, "stdout.log")
        with open(log, "w") as f:
            f.write("earlier line\n")
        with open(log, "a") as f:
            proc = subprocess.run([BINARY, "audit", SEEDS, "-o", "/dev/stdout"], stdout=f,
                                  stderr=subprocess.PIPE, text=True,
                                  env=dict(os.environ, NO_COLOR="1"))
        if proc.returncode != 1 or open(log).read() != "earlier line\n" + want:
            failures.append(f"-o /dev/stdout into '>> log': exit {proc.returncode}, "
                            f"{proc.stderr[:300]!r}")
        if not os.path.islink("/dev/stdout"):
            failures.append("-o /dev/stdout replaced /dev/stdout")
    # Regression: a report that could not be written to standard output
    # (a full disk) exited 0 as if all went well.
    if os.path.exists("/dev/full"):
        for cmd in (["audit", SEEDS, "--fail-on", "never"], ["extract", SEEDS]):
            with open("/dev/full", "w") as full:
                proc = subprocess.run([BINARY] + cmd, stdout=full, stderr=subprocess.PIPE,
                                      text=True, env=dict(os.environ, NO_COLOR="1"))
            if proc.returncode != 2 or "cannot write" not in proc.stderr:
                failures.append(f"write to a full disk {cmd}: exit {proc.returncode}, "
                                f"want 2 saying 'cannot write': {proc.stderr[:300]!r}")
    _, direct, _ = run(["audit", SEEDS])
    _, again, _ = run(["report", saved])
    if direct != again:
        failures.append("report re-render differs from direct text output")
    # Regression: 'report -' looked for a file named "-" instead of reading
    # the saved report from standard input, as '-' does everywhere else.
    case("report from stdin", ["report", "-"], 1, stdin=open(saved).read(),
         out=["[title-outdated]"])
    # Regression: report accepted --severity and ignored it, so
    # '--severity quote-conflict=off --fail-on warning' still failed on it.
    case("report --severity", ["report", saved, "--severity", "quote-conflict=off"], 2,
         err=["report: --severity applies when findings are made"])
    write("notreport.json", "{}")
    case("report of non-report", ["report", os.path.join(tmp, "notreport.json")], 2,
         err=["not a concord report"])

    # Regression: check against a folder with no readable article passed
    # in silence (audit says so).
    case("check against nothing", ["check", os.path.join(SEEDS, "003_f7249d456f77812b.txt"),
                                   "--against", os.path.join(tmp, "emptydir")], 0,
         err=["--against: no article was read"])

    # check: only findings the draft takes part in.
    draft = os.path.join(SEEDS, "003_f7249d456f77812b.txt")
    case("check draft", ["check", draft, "--against", SEEDS], 1, out=["[title-outdated]"],
         not_out=["[quote-conflict]"])

    # Regression: with two drafts, one that could not be read was only
    # listed as skipped, and the check could pass without checking it.
    empty_draft = write("drafts/empty.txt", "")
    case("check with an unreadable draft", ["check", draft, empty_draft, "--against", SEEDS], 2,
         err=["empty.txt: draft not read", "1 of 2 drafts could not be read"])

    # Without --format, the -o file's extension chooses the report's format.
    for name, want in (("r.html", "<!DOCTYPE html"), ("r.json", '"schema": "concord.report/1"'),
                       ("r.md", "# concord report"), ("r.sarif", '"version": "2.1.0"'),
                       ("r.txt", "[title-outdated]")):
        path = os.path.join(tmp, name)
        case(f"-o {name} chooses its format", ["audit", SEEDS, "-o", path], 1)
        got = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        if want not in got:
            failures.append(f"-o {name}: expected {want!r} in {got[:120]!r}")
    forced = os.path.join(tmp, "forced.html")
    case("--format beats the extension", ["audit", SEEDS, "--format", "text", "-o", forced], 1)
    if "<html" in open(forced, encoding="utf-8").read().lower():
        failures.append("--format text -o forced.html wrote HTML")

    # Regression: a draft inside the folder --against names was read twice,
    # as the draft and as a wire, and counted as a source agreeing with
    # itself ("in 000, 000 (draft)").
    code, out, err = run(["check", os.path.join(SEEDS, "000_e4a8731c2083a7a7.txt"),
                          "--against", SEEDS, "--format", "json"])
    ids = [d["id"] for d in json.loads(out)["documents"]] if code == 1 else []
    if sorted(ids) != sorted(f[:-4] for f in os.listdir(SEEDS) if f.endswith(".txt")):
        failures.append(f"check draft inside --against: exit {code}, documents {ids}: {err[:300]!r}")
    if "(draft)" in out:
        failures.append("check draft inside --against: the draft is compared with itself")

    # Regression: records of a compressed JSON Lines file whose ids clash
    # with another file's were all named after the file ("x.jsonl"), and two
    # records with one id in one file kept it: documents with one id lost
    # the findings between them.
    def record(rid, text):
        return json.dumps({"id": rid, "published": "2025-10-31", "text": text}) + "\n"
    clash = os.path.join(tmp, "clash")
    os.makedirs(clash)
    with gzip.open(os.path.join(clash, "x.jsonl.gz"), "wt") as f:
        f.write(record("a", "Finance Minister Ahmed Bodholcor said the strike would end on Friday."))
        f.write(record("b", "Housing Minister Ahmed Bodholcor said the Halden strike would end on Friday."))
    with gzip.open(os.path.join(clash, "y.jsonl.gz"), "wt") as f:
        f.write(record("a", "Finance Minister Ahmed Bodholcor said the Halden strike would end on Saturday."))
    write("clash/z.jsonl", record("c", "Housing Minister Ahmed Bodholcor said the strike ends on Friday.") +
          record("c", "Finance Minister Ahmed Bodholcor said the Halden strike ends on Friday."))
    for j in ("1", "3"):
        code, out, err = run(["audit", clash, "--format", "json", "-j", j])
        r = json.loads(out) if code in (0, 1) else {"documents": [], "findings": []}
        ids = [d["id"] for d in r["documents"]]
        rules = sorted(f["rule"] for f in r["findings"])
        if len(ids) != 5 or len(set(ids)) != 5 or rules != ["date-conflict", "title-conflict"]:
            failures.append(f"clashing record ids -j {j}: exit {code}, ids {ids}, findings {rules}: {err[:300]!r}")

    # Regression: extract wrote a file name that is not UTF-8 (Latin-1)
    # into its JSON as raw bytes, so no JSON reader could read the line.
    latin1 = os.path.join(tmp.encode(), b"latin1", b"caf\xe9.txt")
    os.makedirs(os.path.dirname(latin1))
    with open(latin1, "wb") as f:
        f.write(b"date 2025-10-31\nThe minister met the envoy in Geneva on Friday.\n")
    proc = subprocess.run([BINARY, "extract", os.path.join(tmp, "latin1")], capture_output=True)
    try:
        mentions = [json.loads(l.decode("utf-8")) for l in proc.stdout.splitlines()]
        if proc.returncode != 0 or not mentions:
            failures.append(f"extract of a Latin-1 file name: exit {proc.returncode}, no mentions")
    except ValueError as e:
        failures.append(f"extract of a Latin-1 file name: not UTF-8 JSON: {e}")

    # Regression: a bad --format was found only when the report was
    # rendered, after the whole run had updated the store and written the
    # baseline.
    early_baseline = os.path.join(tmp, "early-baseline.json")
    early_store = os.path.join(tmp, "early.db")
    case("bad format checked first", ["audit", SEEDS, "--format", "yaml", "--write-baseline",
                                      early_baseline, "--store", early_store], 2,
         err=["--format: expected"])
    for path in (early_baseline, early_store):
        if os.path.exists(path):
            failures.append(f"bad format checked first: {path} written before the usage error")

    # Regression: an article repeating a sentence paired every copy with
    # every copy in another article (out of memory at 20,000 copies each).
    # CONCORD_DEBUG_ALIGN prints each pair scored: repeats are not scored.
    sentence = ("The ministry said {} people died in the flood in Valencia. "
                "\"We will rebuild every {},\" Minister Ana Ruiz said.\n")
    repeats = os.path.join(tmp, "repeats")
    write("repeats/a.txt", "date 2026-03-03\n\nFlood\n\n" + sentence.format(42, "home") * 40)
    write("repeats/b.txt", "date 2026-03-03\n\nFlood\n\n" + sentence.format(45, "house") * 40)
    proc = subprocess.run([BINARY, "audit", repeats, "--format", "json"], capture_output=True,
                          text=True, env=dict(os.environ, CONCORD_DEBUG_ALIGN="1"))
    scored = [l for l in proc.stderr.splitlines() if l.startswith("align ")]
    report = json.loads(proc.stdout) if proc.stdout else {}
    figures = [f for f in report.get("findings", []) if f["kind"] == "figure"]
    if (proc.returncode != 1 or len(scored) > 5 or len(figures) != 1 or
            sorted(len(v["mentions"]) for v in figures[0]["values"]) != [40, 40]):
        failures.append(f"repeated sentence: exit {proc.returncode}, {len(scored)} pairs "
                        f"scored, figure findings {json.dumps(figures)[:400]}")

    # Regression: the man page's example 'audit ... -o report.json &&
    # concord report report.json' never reached the report: audit exits 1
    # when it finds something. Every EXAMPLES line is run on the seeds.
    with open("src/cli/concord.1") as f:
        man = f.read()
    examples = man.split(".SH EXAMPLES\n.nf\n", 1)[1].split("\n.fi", 1)[0]
    examples = examples.replace("\\-", "-").replace("&&\n", "&& ")
    bindir = os.path.join(tmp, "bin")
    os.makedirs(bindir)
    os.symlink(os.path.abspath(BINARY), os.path.join(bindir, "concord"))
    os.makedirs(os.path.join(tmp, "ex"))
    for line in examples.splitlines():
        command = (line.replace("corpus/", os.path.abspath(SEEDS) + "/")
                   .replace("wires/", os.path.abspath(SEEDS) + "/")
                   .replace("draft.txt", os.path.abspath(draft)))
        proc = subprocess.run(["bash", "-c", command], cwd=os.path.join(tmp, "ex"),
                              capture_output=True, text=True,
                              env=dict(os.environ, PATH=bindir + ":" + os.environ["PATH"]))
        last = command.split("&&")[-1].split()[1]  # the last command's subcommand
        if proc.returncode not in (0, 1) or (last == "report" and "# concord report" not in proc.stdout):
            failures.append(f"man page example {line!r}: exit {proc.returncode}, "
                            f"stdout {proc.stdout[:200]!r}, stderr {proc.stderr[:200]!r}")

if failures:
    print("\n".join(failures))
    print(f"{len(failures)} CLI case(s) failed")
    sys.exit(1)
print("all CLI cases passed")
