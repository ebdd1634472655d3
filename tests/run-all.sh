#!/bin/sh
# run-all.sh — `make check`: the unit tests, the end-to-end tests over real HTTP against a
# throw-away stack, then the browser tests; prints every result and ends with
# "N passed, N failed".  Exit status 0 only when nothing failed.
set -u
cd "$(dirname "$0")/.."
mkdir -p var/test
log=var/test/results.tap
: >"$log"

suite() {
    title=$1
    shift
    echo "== $title"
    "$@" 2>&1 | tee -a "$log" | grep -E '^(not ok|ok|#)' || true
}

suite "format" sh -c 'if make -s check-format >/dev/null 2>&1; then echo "ok - clang-format: every file is formatted"; else echo "not ok - clang-format: run make format"; fi'
suite "unit tests (ASan + UBSan)" tests/run-unit.sh
suite "fuzz targets over their seeds and regressions (libFuzzer, ASan + UBSan)" make -s fuzz-replay
suite "end-to-end tests (PostgreSQL + nginx + portal over HTTP)" /usr/bin/python3 tests/e2e/run.py
[ -x tests/browser/run.sh ] && suite "browser tests (Chromium)" tests/browser/run.sh

passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^not ok ' "$log")
echo
grep '^not ok ' "$log" | sed 's/^/FAILED: /'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
