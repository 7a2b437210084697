#!/usr/bin/env python3
"""`meson install` into a temporary DESTDIR, then the installed binary, run
from another folder with CONCORD_RULES unset, finds the installed rules
(bin/../share/concord/rules) and the installed man page formats cleanly.
Usage: install_test.py BUILD_DIR SOURCE_DIR"""
import os
import shutil
import subprocess
import sys
import tempfile

BUILD, SOURCE = (os.path.abspath(p) for p in sys.argv[1:3])
failures = []


def find(root, rel_suffix):
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            if p.endswith(rel_suffix):
                return p
    return None


with tempfile.TemporaryDirectory() as dest:
    proc = subprocess.run(["meson", "install", "-C", BUILD, "--destdir", dest, "--no-rebuild",
                           "--quiet"], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"meson install failed: {proc.stdout}{proc.stderr}")
    binary = find(dest, "/bin/concord")
    policy = find(dest, "/share/concord/rules/policy.toml")
    page = find(dest, "/man1/concord.1")
    for what, path in (("binary", binary), ("rules", policy), ("man page", page)):
        if path is None:
            failures.append(f"no installed {what} under {dest}")
    if binary and policy:
        rules_dir = os.path.dirname(policy)
        if os.path.realpath(rules_dir) != os.path.realpath(
                os.path.join(os.path.dirname(binary), "..", "share", "concord", "rules")):
            failures.append(f"rules at {rules_dir}, not bin/../share/concord/rules")
        installed = sorted(os.listdir(rules_dir))
        shipped = sorted(f for f in os.listdir(os.path.join(SOURCE, "rules"))
                         if f.endswith(".toml"))
        if [f for f in installed if f.endswith(".toml")] != shipped:
            failures.append(f"installed rules {installed} differ from the source's {shipped}")
        env = {k: v for k, v in os.environ.items() if k != "CONCORD_RULES"}
        env["NO_COLOR"] = "1"
        with tempfile.TemporaryDirectory() as elsewhere:
            def run(*args):
                return subprocess.run([binary, *args], capture_output=True, text=True,
                                      cwd=elsewhere, env=env)
            r = run("rules", "check")
            if r.returncode != 0 or "rule files OK" not in r.stdout:
                failures.append(f"installed rules check: exit {r.returncode}: {r.stderr}")
            r = run("audit", os.path.join(SOURCE, "fixtures", "seeds"))
            if r.returncode != 1 or "[title-outdated]" not in r.stdout:
                failures.append(f"installed audit: exit {r.returncode}: {r.stderr[:300]}")
            # The rules read are the installed ones (not the source tree's,
            # whose path is compiled in as a last resort): a broken installed
            # file is reported under its installed path.
            with open(policy, "a") as f:
                f.write("\n[no_such_section]\n")
            r = run("rules", "check")
            if r.returncode != 2 or policy not in r.stderr:
                failures.append(f"the installed binary does not read {rules_dir}: "
                                f"exit {r.returncode}: {r.stderr[:300]}")
    if page:
        if shutil.which("man") is None:
            print("skip man page check: no man on PATH")
        else:
            r = subprocess.run(["man", "--warnings", "-l", page], capture_output=True, text=True,
                               env=dict(os.environ, MANPAGER="cat", MANWIDTH="80"))
            if r.returncode != 0 or "EXIT STATUS" not in r.stdout or "concord audit" not in r.stdout:
                failures.append(f"man -l {page}: exit {r.returncode}: {r.stderr[:300]}")
            elif r.stderr.strip():
                failures.append(f"man -l {page} warns: {r.stderr[:300]}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("installed binary, rules and man page work")
