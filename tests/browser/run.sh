#!/bin/sh
# run.sh — the browser tests, or the screenshots, against a throw-away real stack.
#
#   tests/browser/run.sh [test] [SUBSTRING...]   the browser tests (make check, make browser):
#                                                TAP lines, then "# browser: N passed, N failed"
#   tests/browser/run.sh screenshots             every page type at desktop and phone size into
#                                                docs/screenshots/ (make screenshots)
#
# Starts PostgreSQL + nginx + the portal with the demo data on 127.0.0.1 (tests/browser/stack.py,
# through tests/e2e/harness.py), drives Debian's chromium (/usr/bin/chromium) headless with npm's
# playwright-core, and stops the stack at the end, whatever happened.  Installs the npm packages
# (npm ci, from package-lock.json) when they are missing or older than the lock file.  Never
# hangs: the stack must answer within STACK_WAIT_S (180) seconds, the tests finish within
# BROWSER_TIMEOUT_S (600) seconds or are killed, and the stack stops itself after 1500 seconds
# or when this script is gone.
#
# Settings: BROWSER_PORTAL (build/asan/portal for the tests, build/portal for the screenshots),
# BROWSER_PLUGINS (the matching plugin directory), BROWSER_CONCURRENCY (2), BROWSER_BUDGET_S
# (420: no test starts after that), CHROMIUM (/usr/bin/chromium).
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo" || exit 1

mode=test
case "${1:-}" in
    test) shift ;;
    screenshots) mode=screenshots; shift ;;
esac

fail() {
    echo "not ok - browser tests: $1"
    shift
    for l in "$@"; do echo "#   $l"; done
    echo "# browser: 0 passed, 1 failed"
    exit 1
}

# --- the tools --------------------------------------------------------------------------------
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM
[ -x "$CHROMIUM" ] || fail "Debian's chromium is installed ($CHROMIUM)" "make deps installs it (deploy/install-deps.sh)"
command -v node >/dev/null 2>&1 || fail "Node.js is installed" "make deps installs it (deploy/install-deps.sh)"
command -v npm >/dev/null 2>&1 || fail "npm is installed" "make deps installs it (deploy/install-deps.sh)"
if [ ! -f "$here/node_modules/.package-lock.json" ] || [ ! -d "$here/node_modules/playwright-core" ] ||
   [ ! -d "$here/node_modules/axe-core" ] ||
   [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
    echo "# browser: installing playwright-core and axe-core (npm ci)"
    mkdir -p "$repo/var"
    if ! (cd "$here" && timeout 300 npm ci --no-audit --no-fund --loglevel=error >"$repo/var/npm-ci.log" 2>&1); then
        fail "npm ci installs playwright-core and axe-core" "$(tail -5 "$repo/var/npm-ci.log" 2>/dev/null)"
    fi
fi

if [ "$mode" = screenshots ]; then
    portal=${BROWSER_PORTAL:-build/portal}
    plugins=${BROWSER_PLUGINS:-build/plugins}
else
    portal=${BROWSER_PORTAL:-build/asan/portal}
    plugins=${BROWSER_PLUGINS:-build/asan/plugins}
fi
[ -x "$portal" ] || fail "the portal is built ($portal)" "run it through make check / make screenshots"

# --- the stack --------------------------------------------------------------------------------
mkdir -p var/test
info="$repo/var/test/browser-stack-$$.json"
stack_log="$repo/var/test/browser-stack-$$.log"
rm -f "$info"
python3 "$here/stack.py" "$info" --portal "$portal" --plugins "$plugins" --max-seconds 1500 \
    >"$stack_log" 2>&1 &
stack_pid=$!
stopped=0

stop_stack() {
    [ "$stopped" = 1 ] && return
    stopped=1
    kill -TERM "$stack_pid" 2>/dev/null
    i=0
    while kill -0 "$stack_pid" 2>/dev/null && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
    kill -KILL "$stack_pid" 2>/dev/null
    wait "$stack_pid" 2>/dev/null
    # The stack's own verdicts (it started; the sanitizers stayed silent).
    grep -E '^(ok|not ok|#)' "$stack_log" 2>/dev/null
}
trap 'stop_stack; exit 130' INT TERM
trap 'stop_stack' EXIT

waited=0
while [ ! -s "$info" ]; do
    if ! kill -0 "$stack_pid" 2>/dev/null; then
        fail "the stack started (PostgreSQL, nginx, portal)" "$(tail -5 "$stack_log")"
    fi
    if [ $waited -ge $((${STACK_WAIT_S:-180} * 5)) ]; then
        fail "the stack started within ${STACK_WAIT_S:-180} s" "$(tail -5 "$stack_log")"
    fi
    sleep 0.2
    waited=$((waited + 1))
done
base=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["base_url"])' "$info")
run_dir=$(python3 -c 'import json, os, sys; print(os.path.dirname(json.load(open(sys.argv[1]))["dir"]))' "$info")
case "$base" in http://127.0.0.1:*) ;; *) fail "the stack listens on 127.0.0.1 only ($base)" ;; esac

# --- the browser ------------------------------------------------------------------------------
export BROWSER_BASE_URL="$base"
limit=${BROWSER_TIMEOUT_S:-600}
if [ "$mode" = screenshots ]; then
    timeout -k 10 "$limit" node "$here/screenshots.js" "$@"
    rc=$?
else
    timeout -k 10 "$limit" node "$here/suite.js" "$@"
    rc=$?
fi
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    echo "not ok - browser tests: finished within ${limit} s (killed)"
fi

stop_stack
if [ $rc -eq 0 ] && ! grep -q '^not ok' "$stack_log"; then
    rm -rf "$run_dir" "$info" "$stack_log"
else
    echo "# browser: the stack's logs are in $run_dir and $stack_log"
    [ $rc -eq 0 ] && rc=1
fi
exit $rc
