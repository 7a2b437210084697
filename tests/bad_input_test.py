#!/usr/bin/env python3
"""Inputs that must not break concord: each case runs the real binary on
bad input beside a good article and checks the documented exit code, a
message naming the bad file, that no signal ended the process, and that the
good article is still read and reported."""
import json
import os
import resource
import subprocess
import sys
import tempfile

BINARY = sys.argv[1]
failures = []
GOOD = "date 2025-10-31\nThe minister met the envoy in Geneva on Friday.\n"


def run(args, timeout=120):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([BINARY] + args, capture_output=True, text=True,
                          errors="replace", timeout=timeout,
                          env=dict(os.environ, NO_COLOR="1"))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return proc.returncode, proc.stdout, proc.stderr, cpu


def check(name, args, code, out=(), err=(), docs=(), timeout=300, max_seconds=None):
    """Runs concord; `docs` are document ids the JSON report must hold (the
    args then must ask for --format json); `max_seconds` bounds its CPU time
    (generous: sanitizer builds run this too)."""
    try:
        got, stdout, stderr, seconds = run(args, timeout)
    except subprocess.TimeoutExpired:
        failures.append(f"{name}: no answer within {timeout} s")
        return None
    problems = []
    if got < 0:
        problems.append(f"killed by signal {-got}")
    elif got != code:
        problems.append(f"exit {got}, want {code}")
    for s in out:
        if s not in stdout:
            problems.append(f"stdout lacks {s!r}")
    for s in err:
        if s not in stderr:
            problems.append(f"stderr lacks {s!r}")
    if "AddressSanitizer" in stderr or "runtime error:" in stderr:
        problems.append("sanitizer report")
    # A bound against hangs, not a performance target: sanitizer builds
    # (CONCORD_TIME_FACTOR in .ci/test) are many times slower.
    factor = float(os.environ.get("CONCORD_TIME_FACTOR", "1"))
    if max_seconds is not None and seconds > max_seconds * factor:
        problems.append(f"took {seconds:.1f} s of CPU (limit {max_seconds * factor:.0f} s)")
    report = None
    if docs:
        try:
            report = json.loads(stdout)
            ids = [d["id"] for d in report["documents"]]
            for d in docs:
                if d not in ids:
                    problems.append(f"document {d!r} not in the report ({ids})")
        except (ValueError, KeyError) as e:
            problems.append(f"no JSON report: {e}")
    if problems:
        failures.append(f"{name}: " + "; ".join(problems) +
                        f"\n  stdout: {stdout[:600]!r}\n  stderr: {stderr[:600]!r}")
    return report


def skipped_reason(report, path):
    """The reason `path` was skipped in a JSON report, or None."""
    for s in (report or {}).get("skipped", []):
        if s["path"] == path:
            return s["reason"]
    return None


def expect_skip(name, report, path, reason):
    got = skipped_reason(report, path)
    if got is None or reason not in got:
        failures.append(f"{name}: {path} not skipped with {reason!r} (got {got!r})")


with tempfile.TemporaryDirectory() as tmp:
    def write(rel, data):
        path = os.path.join(tmp, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)
        return path

    def folder(name, bad_files):
        """A folder with good.txt and the given bad files; returns its path
        and the bad files' paths."""
        write(f"{name}/good.txt", GOOD)
        return os.path.join(tmp, name), [write(f"{name}/{rel}", data)
                                         for rel, data in bad_files]

    # Bytes that are not UTF-8 text: listed with the offending byte.
    d, (bad,) = folder("utf8", [("bad.txt", b"The envoy \xff\xfe met.\n")])
    r = check("invalid utf-8", ["audit", d, "--format", "json"], 0, docs=["good"])
    expect_skip("invalid utf-8", r, bad, "not valid UTF-8 at byte 10")
    check("invalid utf-8 text", ["audit", d], 0, out=[f"{bad}: skipped: not valid UTF-8"])

    d, (bad,) = folder("nul", [("nul.txt", b"The envoy\x00 met on Friday.\n")])
    r = check("nul byte", ["audit", d, "--format", "json"], 0, docs=["good"])
    expect_skip("nul byte", r, bad, "NUL byte at byte 9")

    # A 50 MB single line: skipped by the default 5 MB limit, read with a
    # larger one. Its words are long so that the extractors have little to
    # do (runaway text of short words is covered below at a smaller size).
    big_dir = os.path.join(tmp, "big")
    big = write("big/huge.txt", "")
    with open(big, "wb") as f:
        chunk = (b"x" * 999 + b" ") * 1000  # 1 MB
        for _ in range(50):
            f.write(chunk)
        f.write(b"The envoy arrived on Friday.")
    write("big/good.txt", GOOD)
    r = check("50 MB line, default limit", ["audit", big_dir, "--format", "json"], 0,
              docs=["good"], max_seconds=60)
    expect_skip("50 MB line, default limit", r, big, "larger than the 5 MB limit")
    check("50 MB line, default limit, text", ["audit", big], 0,
          out=[f"{big}: skipped: larger than"])
    r = check("50 MB line, --max-bytes", ["audit", big_dir, "--max-bytes", "60000000",
                                          "--format", "json"], 0,
              docs=["good", "huge"], max_seconds=60)
    if r is not None and skipped_reason(r, big) is not None:
        failures.append(f"50 MB line, --max-bytes: still skipped: {skipped_reason(r, big)}")

    # Text with no sentence end, of short words that many extractors look
    # at: time grows linearly with the size (it was quadratic).
    runaway = {"percent": b"5% to ", "quotes": b'"lorem "ipsum ', "dates": b"on Monday 3 May, ",
               "hyphens": b"lorem-ipsum-dolor-", "names": b"Lorem Ipsum Dolor ",
               "unicode": "\u00e9\u2014\u201c".encode()}
    for name, unit in runaway.items():
        d, _ = folder(f"runaway-{name}", [("long.txt", b"date 2025-10-31\n" + unit * (400000 // len(unit)))])
        check(f"runaway {name}", ["audit", d, "--format", "json"], 0, docs=["good", "long"],
              max_seconds=60)

    # Markup that never ends or nests without end: read, never a crash.
    deep = "<html><body>" + "<div>" * 100000 + "<p>The envoy arrived on Monday.</p>"
    d, (nested, unclosed, comment, script) = folder("html", [
        ("nested.html", deep),
        ("unclosed.html", "<html><body><p>The envoy arrived on Tuesday <b class=\"x"),
        ("comment.html", "<p>The envoy arrived on Wednesday.</p><!-- never closed <p>x"),
        ("script.html", "<p>The envoy arrived on Thursday.</p><script>var x = '<p>';"),
    ])
    r = check("broken html", ["audit", d, "--format", "json"], 0,
              docs=["good", "nested", "comment", "script"], max_seconds=60)
    for path in (nested, unclosed, comment, script):
        reason = skipped_reason(r, path)
        read = any(doc["path"] == path for doc in (r or {}).get("documents", []))
        if not read and not reason:
            failures.append(f"broken html: {path} neither read nor listed as skipped")

    # Front matter that never closes.
    d, (bad,) = folder("frontmatter", [
        ("open.md", '+++\ntitle = "Envoy arrives"\npublished = 2025-10-31\nThe envoy arrived.\n')])
    r = check("open front matter", ["audit", d, "--format", "json"], 0, docs=["good"])
    expect_skip("open front matter", r, bad, "never closed")

    # JSON Lines with broken lines: the good records are read, each bad line
    # is listed as FILE:LINE.
    records = "\n".join([
        json.dumps({"id": "rec1", "text": "The envoy arrived on Friday.",
                    "published": "2025-10-31"}),
        '{"id": "rec2", "text": "unterminated',
        "not json at all",
        json.dumps({"id": "rec4", "title": "no text"}),
        json.dumps(["an", "array"]),
        json.dumps({"id": "rec6", "text": "The envoy left on Saturday.",
                    "published": "2025-11-01"}),
        '{"id": "rec7", "text": "bad \\ud800 surrogate"}',
    ]) + "\n"
    d, (bad,) = folder("jsonl", [("records.jsonl", records)])
    r = check("broken jsonl", ["audit", d, "--format", "json"], 0, docs=["good", "rec1", "rec6"])
    for line in (2, 3, 4, 5):
        if skipped_reason(r, f"{bad}:{line}") is None:
            failures.append(f"broken jsonl: {bad}:{line} not listed as skipped")
    check("broken jsonl text", ["audit", d], 0,
          out=[f"{bad}:2: skipped: not valid JSON", f"{bad}:3: skipped:"])

    # Rules: an invalid pattern is an error at path:line:col with the rule
    # id; a pattern that backtracks catastrophically in other engines loads
    # (RE2 is linear) and runs in linear time.
    rules_bad = os.path.join(tmp, "rules-bad")
    write("rules-bad/boilerplate.toml",
          '[[boilerplate]]\nid = "broken"\npattern = "(?P<x>unclosed"\n'
          'examples = ["unclosed"]\n')
    check("invalid pattern", ["rules", "check", "--rules", rules_bad], 2,
          err=[os.path.join(rules_bad, "boilerplate.toml") + ":3:11: error:", "[broken]"])
    check("invalid pattern audit", ["audit", os.path.join(tmp, "utf8"), "--rules", rules_bad],
          2, err=["boilerplate.toml:3:11: error:"])
    # Regression: integers of align.toml went into an int unchecked:
    # 2147483648 days wrapped to a negative window and overflowed (UBSan)
    # when added to a day number; now an error at path:line:col.
    rules_wide = os.path.join(tmp, "rules-wide")
    write("rules-wide/align.toml", "[align]\nstory_window_days = 2147483648\n")
    check("out-of-range align count", ["audit", os.path.join(tmp, "utf8"), "--rules", rules_wide],
          2, err=[os.path.join(rules_wide, "align.toml") + ":2:21: error: 'story_window_days'",
                  "[align]"])
    # Regression: a temporal rule's shift went into an int unchecked, and
    # shift = 2147483647 overflowed when added to the publication day.
    with open("rules/temporal.toml") as f:
        temporal = f.read()
    assert "\nshift = -2\n" in temporal
    rules_shift = os.path.join(tmp, "rules-shift")
    shifted = write("rules-shift/temporal.toml",
                    temporal.replace("\nshift = -2\n", "\nshift = 2147483647\n"))
    shift_line = temporal[:temporal.index("\nshift = -2\n")].count("\n") + 2
    check("out-of-range temporal shift", ["rules", "check", "--rules", rules_shift], 2,
          err=[f"{shifted}:{shift_line}:9: error: 'shift': expected a number",
               "[relative-day-before-yesterday]"])
    # Regression: a time unit's factor was taken as it was: inf or 1e308
    # gave durations like 'P-9223372036854775808D' (a float-to-int
    # conversion out of range), nan gave 'PnanD'.
    unit = 'day = { granularity = "day", words = ["day", "days"] }'
    assert unit in temporal
    for factor in ("inf", "nan", "1e308", "0"):
        rules_factor = os.path.join(tmp, f"rules-factor-{factor}")
        factored = write(f"rules-factor-{factor}/temporal.toml", temporal.replace(
            unit, unit[:-2] + f", factor = {factor} }}"))
        check(f"temporal unit factor {factor}", ["rules", "check", "--rules", rules_factor], 2,
              err=[f"{factored}:", "error: 'factor': expected a number above 0", "[temporal.units]"])
    # Regression: number words took inf or nan ('million = inf'): every
    # figure in millions became 'inf' and equal to every other, so their
    # disagreements vanished while 'rules check' said OK.
    with open("rules/lexicon.toml") as f:
        lexicon = f.read()
    assert "\nmillion = 1_000_000\n" in lexicon
    for bad in ("inf", "nan", "1e308"):
        rules_scale = os.path.join(tmp, f"rules-scale-{bad}")
        scaled = write(f"rules-scale-{bad}/lexicon.toml",
                       lexicon.replace("\nmillion = 1_000_000\n", f"\nmillion = {bad}\n"))
        line = lexicon[:lexicon.index("\nmillion = 1_000_000\n")].count("\n") + 2
        check(f"number word {bad}", ["rules", "check", "--rules", rules_scale], 2,
              err=[f"{scaled}:{line}:11: error: 'million': expected a finite number",
                   "[numbers.scales]"])
    # Regression: nan and inf passed the checks of align fractions and of
    # figure factors and multipliers ('x < 0 || x > 1' is false for nan):
    # story_threshold = nan grouped no story, so no finding at all.
    for n, (rel, text, where) in enumerate((
            ("align.toml", "[align]\nstory_threshold = nan\n", ":2:19: error: 'story_threshold'"),
            ("figures.toml", '[[figures.multiplier]]\nid = "m"\nvalue = inf\nwords = ["x"]\n',
             ":3:9: error: 'value'"),
            ("figures.toml", '[[figures.unit]]\nid = "u"\nkind = "measure"\nfactor = inf\n'
             'after = ["blobs"]\n', ":4:10: error: 'factor'"))):
        rules_nan = os.path.join(tmp, f"rules-nan-{n}")
        path = write(os.path.relpath(os.path.join(rules_nan, rel), tmp), text)
        check(f"non-finite {rel} {where}", ["rules", "check", "--rules", rules_nan], 2,
              err=[path + where])
    rules_slow = os.path.join(tmp, "rules-slow")
    write("rules-slow/boilerplate.toml",
          "[[boilerplate]]\nid = \"nested-plus\"\npattern = '''(a+)+b'''\n"
          'examples = ["aab"]\ncounter_examples = ["The envoy arrived."]\n')
    check("backtracking pattern loads", ["rules", "check", "--rules", rules_slow], 0,
          out=["rule files OK"])
    d, _ = folder("slow", [("aaa.txt", "date 2025-10-31\n" + "a" * 500 + "\n" +
                            ("a" * 590 + "\n") * 2000)])
    check("backtracking pattern runs", ["audit", d, "--rules", rules_slow,
                                         "--format", "json"], 0, docs=["good"], max_seconds=60)

    # An unreadable file: listed with the reason. Root reads it anyway.
    d, (bad,) = folder("unreadable", [("secret.txt", GOOD)])
    if os.geteuid() == 0:
        print("skip unreadable file: running as root, where chmod 000 does not stop reading")
    else:
        os.chmod(bad, 0)
        r = check("unreadable file", ["audit", d, "--format", "json"], 0, docs=["good"])
        expect_skip("unreadable file", r, bad, "cannot read: Permission denied")
        os.chmod(bad, 0o644)

    # A symlink loop inside a folder, and one named on the command line.
    d, _ = folder("loop", [])
    os.symlink("b", os.path.join(d, "a.txt"))
    os.symlink("a.txt", os.path.join(d, "b"))
    os.symlink(".", os.path.join(d, "self"))
    r = check("symlink loop", ["audit", d, "--format", "json"], 0, docs=["good"])
    expect_skip("symlink loop", r, os.path.join(d, "a.txt"), "symbolic link loop")
    check("symlink loop named", ["audit", os.path.join(d, "a.txt"),
                                 os.path.join(d, "good.txt")], 0, out=["a.txt: skipped:"])

    # An empty folder: nothing to read is said, not an error.
    empty = os.path.join(tmp, "empty")
    os.makedirs(empty)
    check("empty folder", ["audit", empty], 0, err=["no article was read"])

    # A missing path is a usage error naming it.
    missing = os.path.join(tmp, "no", "such", "article.txt")
    check("missing path", ["audit", os.path.join(tmp, "utf8"), missing], 2, err=[missing])

if failures:
    print("\n".join(failures))
    print(f"{len(failures)} bad-input case(s) failed")
    sys.exit(1)
print("all bad-input cases passed")
