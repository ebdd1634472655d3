#!/bin/sh
# run-unit.sh — every cmocka unit test (built with AddressSanitizer + UBSan), as TAP lines.
# A test program that dies without reporting (a sanitizer abort) counts as one failure.
set -u
cd "$(dirname "$0")/.."
export CMOCKA_MESSAGE_OUTPUT=TAP
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for t in build/asan/tests/test_*; do
    case "$t" in *.d) continue ;; esac
    name=$(basename "$t")
    out=$("$t" 2>&1)
    rc=$?
    printf '%s\n' "$out" | sed -n "s/^\(not ok\|ok\) [0-9]* - /\1 - $name: /p"
    if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^not ok'; then
        echo "not ok - $name: exited with status $rc"
        printf '%s\n' "$out" | grep -E 'ERROR|runtime error|SUMMARY' | head -5 | sed 's/^/# /'
    fi
    [ $rc -ne 0 ] && status=1
    printf '%s\n' "$out" | grep -A3 '^not ok' | grep '^#' | head -20
done
exit $status
