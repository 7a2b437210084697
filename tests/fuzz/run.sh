#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (build-fuzz/) and runs each for
# SECONDS (default 60), seeded with the fixture articles and golden reports
# (copied to build-fuzz/seed/<target>/) and tests/fuzz/corpus/<target>/ when
# it exists.
# New inputs go to build-fuzz/corpus/<target>/, crashes and timeouts to
# build-fuzz/artifacts/<target>/; the script fails when any target fails.
# Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
build=build-fuzz
if [ ! -f "$build/build.ninja" ]; then
  CXX=${CXX:-clang++} meson setup "$build" -Dfuzz=true -Dtests=false --buildtype=debugoptimized \
    >/dev/null || exit 2
fi
ninja -C "$build" || exit 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(article_text article_html jsonl rules extract report_json)
export CONCORD_RULES="$PWD/rules"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
status=0
for t in "${targets[@]}"; do
  mkdir -p "$build/corpus/$t" "$build/artifacts/$t"
  seed="$build/seed/$t"
  rm -rf "$seed" && mkdir -p "$seed"
  case "$t" in
    article_text|extract) cp fixtures/*/*.txt fixtures/*/*.md "$seed/" 2>/dev/null ;;
    article_html) cp fixtures/*/*.html "$seed/" 2>/dev/null ;;
    jsonl) cp fixtures/*/*.jsonl "$seed/" 2>/dev/null ;;
    report_json) cp tests/golden/*.json "$seed/" 2>/dev/null ;;
  esac
  dirs=("$build/corpus/$t" "$seed")
  [ -d "tests/fuzz/corpus/$t" ] && dirs+=("tests/fuzz/corpus/$t")
  echo "== $t: ${seconds} s" >&2
  "$build/tests/fuzz/${t}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$build/artifacts/$t/" \
    "${dirs[@]}" > "$build/artifacts/$t.log" 2>&1
  rc=$?
  grep -E "^(#[0-9]+ *DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)" \
    "$build/artifacts/$t.log" >&2
  if [ $rc -ne 0 ]; then
    echo "$t FAILED (exit $rc): see $build/artifacts/$t.log and $build/artifacts/$t/" >&2
    status=1
  fi
done
exit $status
