#!/usr/bin/env python3
"""One short libFuzzer run of one target, as a meson test (suite 'fuzz'):
seeded with the fixture articles, the golden reports and the hand-made
seeds in tests/fuzz/corpus/TARGET; new inputs go to a scratch folder that
is thrown away. Fails on any crash, leak, sanitizer report or timeout, and
prints where libFuzzer left the crashing input.
Usage: smoke.py BINARY TARGET SECONDS SOURCE_ROOT"""
import os
import subprocess
import sys
import tempfile

binary, target, seconds, root = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
seeds = {
    "report_json": [os.path.join(root, "tests", "golden")],
    "rules": [os.path.join(root, "rules")],
}.get(target, sorted(os.path.join(root, "fixtures", d)
                     for d in os.listdir(os.path.join(root, "fixtures"))))
own = os.path.join(root, "tests", "fuzz", "corpus", target)
if os.path.isdir(own):
    seeds.append(own)
artifacts = os.path.join(os.getcwd(), "fuzz-artifacts", target) + "/"
os.makedirs(artifacts, exist_ok=True)
env = dict(os.environ, CONCORD_RULES=os.path.join(root, "rules"),
           ASAN_OPTIONS="detect_leaks=1:abort_on_error=1",
           UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1")
with tempfile.TemporaryDirectory() as scratch:
    proc = subprocess.run([binary, f"-max_total_time={seconds}", "-timeout=10",
                           "-rss_limit_mb=2048", "-print_final_stats=1",
                           f"-artifact_prefix={artifacts}", scratch, *seeds],
                          capture_output=True, text=True, env=env)
log = proc.stderr
for line in log.splitlines():
    if line.startswith(("#", "stat::number_of_executed_units", "SUMMARY", "==")) and (
            "DONE" in line or "stat::" in line or "ERROR" in line or "SUMMARY" in line):
        print(line)
if proc.returncode != 0:
    print(log[-6000:])
    print(f"{target}: libFuzzer exited {proc.returncode}; the input is in {artifacts}")
    sys.exit(1)
print(f"{target}: no crash in {seconds} s")
