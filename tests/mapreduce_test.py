#!/usr/bin/env python3
"""Map and reduce: `concord extract --format claims` over parts of the input,
then `concord compare` over all the lines, must give exactly the report that
one `concord audit` gives, whatever the order of the lines and however the
input was split between mappers."""
import os
import random
import shutil
import subprocess
import sys
import tempfile

BINARY = sys.argv[1]
failures = []


def run(args, stdin=None):
    proc = subprocess.run([BINARY] + args, input=stdin, capture_output=True,
                          text=True, env=dict(os.environ, NO_COLOR="1"))
    return proc.returncode, proc.stdout, proc.stderr


def mapper(paths):
    code, out, err = run(["extract", "--format", "claims", "-j", "2"] + paths)
    if code != 0:
        sys.exit(f"extract {paths} exited {code}: {err}")
    return out.splitlines(keepends=True)


def files_under(path):
    found = []
    for root, _, names in os.walk(path):
        found += [os.path.join(root, n) for n in names]
    return sorted(found)


def expect_same(name, audit_args, reducer_inputs, options, tmp):
    """reducer_inputs: a list of line lists, one file each ([] means stdin)."""
    want = run(["audit"] + audit_args + options)
    paths = []
    for i, lines in enumerate(reducer_inputs):
        path = os.path.join(tmp, f"part-{i}")
        with open(path, "w") as f:
            f.writelines(lines)
        paths.append(path)
    if len(paths) == 1:  # one reducer reading its standard input
        with open(paths[0]) as f:
            got = run(["compare"] + options, stdin=f.read())
    else:
        got = run(["compare"] + paths + options)
    if got[:2] != want[:2]:
        failures.append(f"{name} {' '.join(options)}: compare differs from audit "
                        f"(exit {got[0]} vs {want[0]})\n  stderr: {got[2][:500]}")


def check_corpus(name, args, tmp):
    rng = random.Random(7)
    lines = mapper(args)
    inputs = [p for a in args for p in (files_under(a) if os.path.isdir(a) else [a])]
    half = len(inputs) // 2
    two_mappers = mapper(inputs[:half]) + mapper(inputs[half:])
    shuffled = list(lines)
    rng.shuffle(shuffled)
    cut = len(shuffled) // 3
    for options in (["--format", "json"], ["--format", "text"],
                    ["--format", "json", "--memory", "0"]):
        expect_same(f"{name} sorted", args, [sorted(lines)], options, tmp)
        expect_same(f"{name} shuffled", args, [shuffled], options, tmp)
        expect_same(f"{name} two files", args, [shuffled[:cut], shuffled[cut:]], options, tmp)
        expect_same(f"{name} two mappers", args, [sorted(two_mappers)], options, tmp)
    # Report options act on compare as on audit.
    for options in (["--format", "json", "--kinds", "title,date"],
                    ["--format", "text", "--min-severity", "error", "--fail-on", "never"],
                    ["--format", "markdown"], ["--format", "sarif"]):
        expect_same(f"{name} options", args, [sorted(lines)], options, tmp)
    # audit itself does not depend on the order of its inputs.
    forward = run(["audit", "--format", "json"] + inputs)
    backward = run(["audit", "--format", "json"] + inputs[::-1])
    if forward[:2] != backward[:2]:
        failures.append(f"{name}: audit depends on the order of its inputs")


with tempfile.TemporaryDirectory() as tmp:
    # The mapper streams each input's lines as it finishes, in input order:
    # the same bytes whatever -j, to stdout or (atomically) to -o.
    # (--max-bytes skips the longer articles: skips stream in their place.)
    one = run(["extract", "--format", "claims", "-j", "1", "--max-bytes", "3000", "fixtures"])
    two = run(["extract", "--format", "claims", "-j", "2", "--max-bytes", "3000", "fixtures"])
    if one[1] != two[1] or one[0] != two[0]:
        failures.append("extract --format claims: output depends on -j")
    out_path = os.path.join(tmp, "claims.jsonl")
    three = run(["extract", "--format", "claims", "-j", "2", "-o", out_path, "fixtures"])
    with open(out_path) as f:
        written = f.read()
    if three[0] != 0 or written != run(["extract", "--format", "claims", "fixtures"])[1]:
        failures.append("extract --format claims -o FILE differs from standard output")
    if not any(l.startswith("~skipped\t") for l in one[1].splitlines()):
        failures.append("extract --format claims: a skipped input is not listed")
    if not any(not l.startswith("~skipped\t") for l in one[1].splitlines()):
        failures.append("extract --format claims --max-bytes 3000: no document read")
    check_corpus("fixtures", ["fixtures"], tmp)
    check_corpus("seeds", ["fixtures/seeds"], tmp)

    # Skipped inputs travel, and ids that clash across mappers are made
    # unique as one run would ("a/x", "b/x").
    corpus = os.path.join(tmp, "corpus")
    for sub, seed in (("a", "000_e4a8731c2083a7a7.txt"), ("b", "001_ffe35b7e82ac0cbd.txt")):
        os.makedirs(os.path.join(corpus, sub))
        shutil.copy(os.path.join("fixtures/seeds", seed), os.path.join(corpus, sub, "x.txt"))
    shutil.copy("fixtures/seeds/002_00fb8c8187489961.txt", os.path.join(corpus, "a", "y.txt"))
    with open(os.path.join(corpus, "a", "empty.txt"), "w"):
        pass
    with open(os.path.join(corpus, "b", "blob.txt"), "wb") as f:
        f.write(b"\x00\x01\x02binary")
    lines = mapper([os.path.join(corpus, "a")]) + mapper([os.path.join(corpus, "b")])
    if not any(line.startswith("~skipped\t") for line in lines):
        failures.append("skipped inputs: no ~skipped line")
    for options in (["--format", "json"], ["--format", "text"]):
        expect_same("clashing ids", [os.path.join(corpus, "a"), os.path.join(corpus, "b")],
                    [sorted(lines)], options, tmp)

    # A mapper fed JSON Lines records on standard input (its share of a
    # .jsonl corpus): the reducer's report equals audit's of the same stdin.
    records = "".join(open(p).read() for p in sorted(files_under("fixtures"))
                      if p.endswith(".jsonl"))
    code, out, err = run(["extract", "--format", "claims", "-"], stdin=records)
    lines = out.splitlines(keepends=True)
    if code != 0 or len(lines) < 4:
        failures.append(f"stdin records: exit {code}, {len(lines)} lines, {err[:300]}")
    want = run(["audit", "--format", "json", "-"], stdin=records)
    got = run(["compare", "--format", "json"], stdin="".join(sorted(lines)))
    if got[:2] != want[:2] or '"path": "-"' not in want[1]:
        failures.append("stdin records: compare differs from audit -")

    # Bad lines stop the reducer with the file and line, never a crash.
    bad = os.path.join(tmp, "bad.jsonl")
    with open(bad, "w") as f:
        f.write(sorted(lines)[0] + "\n" + "key\t{\"schema\": \"concord.claims/1\", \"doc\": 1}\n")
    code, _, err = run(["compare", bad])
    if code != 2 or f"{bad}:3: doc: expected an object" not in err:
        failures.append(f"bad line: exit {code}, stderr {err!r}")
    code, _, err = run(["compare"], stdin="garbage\n")
    if code != 2 or "stdin:1: not valid JSON" not in err:
        failures.append(f"garbage on stdin: exit {code}, stderr {err!r}")
    code, _, err = run(["compare", os.path.join(tmp, "missing")])
    if code != 2 or "cannot read" not in err:
        failures.append(f"missing file: exit {code}, stderr {err!r}")
    # Regression: std::cin took a read error on standard input (a folder
    # given as one, a closed descriptor) for its end: the reducer printed
    # an empty report and exited 0.
    folder = os.open(tmp, os.O_RDONLY)
    proc = subprocess.run([BINARY, "compare", "-"], stdin=folder, capture_output=True, text=True)
    os.close(folder)
    if proc.returncode != 2 or "stdin: cannot read" not in proc.stderr:
        failures.append(f"unreadable stdin: exit {proc.returncode}, stderr {proc.stderr!r}")
    # A folder named as a claims file is a read error too.
    code, _, err = run(["compare", tmp])
    if code != 2 or f"{tmp}: cannot read" not in err:
        failures.append(f"folder as a claims file: exit {code}, stderr {err!r}")
    code, _, err = run(["extract", "--format", "yaml", "fixtures/seeds"])
    if code != 2 or "expected jsonl or claims" not in err:
        failures.append(f"extract bad format: exit {code}, stderr {err!r}")

for f in failures:
    print("FAIL", f)
print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)
