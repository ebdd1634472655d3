#!/bin/sh
# run.sh — the fuzz targets' two commands (see the fuzzing section of the Makefile):
#
#   tests/fuzz/run.sh fuzz SECONDS TARGET...  fuzzes each target for SECONDS on
#       var/fuzz/<target>/corpus (the seeds copied there first, so what the fuzzer adds never
#       lands in tests/fuzz/corpus); prints and writes to var/fuzz/summary.txt the number of
#       executions of each; a crash input is left as var/fuzz/<target>/crash-*
#   tests/fuzz/run.sh replay TARGET...        runs each target once over its seeds and
#       regressions, as TAP lines
#
# Exit status 0 only when no target crashed.
set -u
cd "$(dirname "$0")/../.."
mode=$1
shift
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0

case $mode in
fuzz)
    seconds=$1
    shift
    mkdir -p var/fuzz
    summary=var/fuzz/summary.txt
    {
        echo "# make fuzz, $(date -u '+%Y-%m-%d %H:%M UTC'), $seconds s per target, $(nproc) cores"
        printf '%-20s %12s %10s %8s  %s\n' target executions exec/s corpus result
    } >"$summary"
    for t in "$@"; do
        dir=var/fuzz/$t
        mkdir -p "$dir/corpus"
        cp -p tests/fuzz/corpus/"$t"/* "$dir/corpus/"
        build/fuzz/"$t" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
            -rss_limit_mb=2048 -artifact_prefix="$dir/" \
            "$dir/corpus" tests/fuzz/regressions/"$t" >"$dir/log.txt" 2>&1
        rc=$?
        execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log.txt" | tail -1)
        rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log.txt" | tail -1)
        files=$(find "$dir/corpus" -type f | wc -l)
        if [ $rc -eq 0 ]; then
            result=ok
        else
            result="CRASH, see $dir/log.txt and $(ls "$dir"/crash-* "$dir"/leak-* \
                "$dir"/timeout-* "$dir"/oom-* 2>/dev/null | head -1)"
            status=1
        fi
        printf '%-20s %12s %10s %8s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "$files" "$result" |
            tee -a "$summary"
    done
    echo "summary: $summary"
    ;;
replay)
    mkdir -p var/fuzz/replay
    for t in "$@"; do
        n=$(find tests/fuzz/corpus/"$t" tests/fuzz/regressions/"$t" -type f ! -name README.md |
            wc -l)
        out=$(build/fuzz/"$t" -runs=0 -timeout=10 -artifact_prefix=var/fuzz/replay/"$t"- \
            tests/fuzz/corpus/"$t" tests/fuzz/regressions/"$t" 2>&1)
        if [ $? -eq 0 ]; then
            echo "ok - fuzz replay: $t ($n inputs)"
        else
            echo "not ok - fuzz replay: $t ($n inputs)"
            printf '%s\n' "$out" | grep -E 'ERROR|runtime error|broken promise|SUMMARY|Test unit' |
                head -5 | sed 's/^/# /'
            status=1
        fi
    done
    ;;
*)
    echo "usage: $0 fuzz SECONDS TARGET... | replay TARGET..." >&2
    exit 2
    ;;
esac
exit $status
