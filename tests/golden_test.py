#!/usr/bin/env python3
"""Golden test: runs `concord audit` over one fixture folder and compares the
JSON and text reports with the files pinned in tests/golden/.

Update mode: CONCORD_UPDATE_GOLDEN=1 meson test -C build --suite golden
rewrites the pinned files from the current output (review the diff!).
"""
import difflib
import os
import subprocess
import sys


def run(binary, args):
    proc = subprocess.run([binary] + args, capture_output=True, text=True,
                          env=dict(os.environ, NO_COLOR="1"))
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr)
        sys.exit(f"concord {' '.join(args)} exited {proc.returncode}")
    return proc.stdout


def main():
    binary, fixture = sys.argv[1], sys.argv[2]
    name = os.path.basename(fixture.rstrip("/"))
    update = os.environ.get("CONCORD_UPDATE_GOLDEN") == "1"
    failed = False
    for fmt, ext in (("json", "json"), ("text", "txt")):
        got = run(binary, ["audit", fixture, "--format", fmt, "-j", "2"])
        golden = os.path.join("tests", "golden", f"{name}.{ext}")
        if update:
            with open(golden, "w", encoding="utf-8") as f:
                f.write(got)
            print(f"updated {golden}")
            continue
        with open(golden, encoding="utf-8") as f:
            want = f.read()
        if got != want:
            failed = True
            sys.stdout.writelines(difflib.unified_diff(
                want.splitlines(True), got.splitlines(True), golden, "actual"))
    # The output must not depend on the number of threads.
    one = run(binary, ["audit", fixture, "--format", "json", "-j", "1"])
    two = run(binary, ["audit", fixture, "--format", "json", "-j", "2"])
    if one != two:
        failed = True
        print("output differs between -j 1 and -j 2")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
