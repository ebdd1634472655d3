#!/bin/bash
# run.sh — the benchmark (`make bench`) and its database (`make bench-data`); README "Speed".
#
#   run.sh all    the database if needed, then the whole benchmark
#   run.sh data   only the database (re-created when its size, seed, generator or schema change)
#   run.sh profile [SCENARIO]   perf record over the machine while wrk drives one scenario
#
# A private stack under var/bench/ built on deploy/dev/stack.sh, on 127.0.0.1 only, with ports of
# its own: PostgreSQL, the portal (build/portal, one worker per core, log_level warn), nginx
# (access_log off) with two server blocks generated from the same portal-locations.conf: the
# portal's, and the baseline's — the smallest libfcgi responder (build/bench/baseline, two
# processes started by spawn-fcgi on its own unix socket).  wrk drives each scenario at
# BENCH_CONNECTIONS connections after a short warm-up; the figures go to var/bench/results.json
# (tests/bench/bench.py) and the README's table.  Everything started here is stopped at the end,
# on failure too.  Exit status 1 only when the harness itself fails, never for a missed target.
#
# Settings (environment): BENCH_SECONDS (10) per scenario, BENCH_CLASS_SECONDS (5) per term
# class, BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (64), BENCH_THREADS (2), BENCH_RSS_REQUESTS
# (200000) and BENCH_RSS_MAX_SECONDS (600) for the memory run, BENCH_LISTINGS (100000),
# BENCH_CALLS (10000), BENCH_SEED (1), BENCH_PGPORT (54361), BENCH_PORT (18380),
# BENCH_BASELINE_PORT (18381), BENCH_README (1: write the table into README.md).
set -eu

cd "$(dirname "$0")/../.."
repo=$(pwd)
mode=${1:-all}
B=$repo/var/bench
STACK=$repo/deploy/dev/stack.sh
PGPORT=${BENCH_PGPORT:-54361}
PORT=${BENCH_PORT:-18380}
BASE_PORT=${BENCH_BASELINE_PORT:-18381}
LISTINGS=${BENCH_LISTINGS:-100000}
CALLS=${BENCH_CALLS:-10000}
SEED=${BENCH_SEED:-1}
DURATION=${BENCH_SECONDS:-10}
CLASS_DURATION=${BENCH_CLASS_SECONDS:-5}
WARMUP=${BENCH_WARMUP_SECONDS:-2}
CONNS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
RSS_REQUESTS=${BENCH_RSS_REQUESTS:-200000}
RSS_MAX=${BENCH_RSS_MAX_SECONDS:-600}
PASSWORD=${DEMO_PASSWORD:-ecoc-demo-password}
export DEMO_PASSWORD=$PASSWORD
URL=http://127.0.0.1:$PORT
BASE_URL=http://127.0.0.1:$BASE_PORT
RAW=$B/raw
PATHS=$B/paths

say() { printf 'bench: %s\n' "$*" >&2; }
die() {
    say "$*"
    exit 1
}

# --- tools ------------------------------------------------------------------------------------
need=""
for t in wrk:wrk spawn-fcgi:spawn-fcgi curl:curl python3:python3 nginx:nginx; do
    command -v "${t%%:*}" >/dev/null 2>&1 || need="$need ${t#*:}"
done
if [ -n "$need" ]; then
    if [ "$(id -u)" -eq 0 ]; then
        say "installing$need"
        apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends $need >/dev/null
    else
        die "missing:$need — run: sudo apt-get install -y$need"
    fi
fi
for f in build/portal build/bench/baseline; do
    [ -x "$f" ] || die "$f is missing: run \`make bench\`"
done

# --- stopping everything ------------------------------------------------------------------------
portal_pid=""
pg_up=0
nginx_up=0
stop_all() {
    rc=$?
    trap - EXIT INT TERM
    if [ -n "$portal_pid" ] && kill -0 "$portal_pid" 2>/dev/null; then
        kill -TERM "$portal_pid" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$portal_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$portal_pid" 2>/dev/null || true
        wait "$portal_pid" 2>/dev/null || true
    fi
    if [ -f "$B/run/baseline.pid" ]; then
        for p in $(cat "$B/run/baseline.pid"); do kill -TERM "$p" 2>/dev/null || true; done
        rm -f "$B/run/baseline.pid"
    fi
    [ "$nginx_up" = 1 ] && "$STACK" nginx-stop "$B" || true
    [ "$pg_up" = 1 ] && "$STACK" pg-stop "$B" || true
    [ "$rc" -ne 0 ] && say "failed (exit $rc); logs in var/bench/ (portal.log, nginx/error.log)"
    exit "$rc"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

mkdir -p "$B/run" "$B/mail" "$RAW" "$PATHS"
chmod 755 "$B" "$B/run"

psql_owner() { "$STACK" psql "$B" "$PGPORT" ecoc_owner -v ON_ERROR_STOP=1 "$@"; }

# --- the database -------------------------------------------------------------------------------
# The stamp names what the database holds; another size, seed, generator or schema re-creates it.
stamp() {
    printf 'listings=%s calls=%s seed=%s generator=%s schema=%s\n' "$LISTINGS" "$CALLS" "$SEED" \
        "$(cat core/demo_bulk.c core/demo_bulk.h | sha256sum | cut -c1-16)" \
        "$(cat sql/[0-9][0-9][0-9]_*.sql | sha256sum | cut -c1-16)"
}

database() {
    want=$(stamp)
    if [ -f "$B/data.stamp" ] && [ "$(cat "$B/data.stamp")" = "$want" ] &&
        [ -f "$B/pg/data/PG_VERSION" ]; then
        "$STACK" pg-start "$B" "$PGPORT" fast
        pg_up=1
        say "reusing the benchmark database ($want)"
        return
    fi
    say "creating the benchmark database ($want)"
    "$STACK" pg-stop "$B" || true
    if [ -e "$B/pg" ]; then
        real=$(cd "$B/pg" && pwd -P)
        rm -rf "$real"
        rm -rf "$B/pg"
    fi
    rm -f "$B/data.stamp"
    "$STACK" pg-start "$B" "$PGPORT" fast
    pg_up=1
    export PORTAL_ADMIN_DATABASE_URL="$("$STACK" pg-url "$B" "$PGPORT" ecoc_owner)"
    build/portal migrate >"$B/migrate.log" 2>&1 || die "portal migrate failed: $(tail -3 "$B/migrate.log")"
    t0=$(date +%s)
    build/portal demo-data --listings "$LISTINGS" --calls "$CALLS" --seed "$SEED"
    # The matchmaking windows are index-only scans: they need the visibility map.
    tables=$(psql_owner -At -c "SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables
                                WHERE schemaname = 'public'")
    psql_owner -q -c "VACUUM ANALYZE $tables" >/dev/null
    say "database loaded in $(($(date +%s) - t0)) s"
    echo "$want" >"$B/data.stamp"
}

database
export PORTAL_ADMIN_DATABASE_URL="$("$STACK" pg-url "$B" "$PGPORT" ecoc_owner)"
build/portal migrate >"$B/migrate.log" 2>&1 || die "portal migrate failed: $(tail -3 "$B/migrate.log")"
[ "$mode" = data ] && exit 0

# --- the portal, the baseline, nginx ---------------------------------------------------------
workers=$(nproc)
unset PORTAL_CONFIG
export PORTAL_DATABASE_URL="$("$STACK" pg-url "$B" "$PGPORT" ecoc_app)"
export PORTAL_SOCKET="$B/run/portal.sock"
export PORTAL_SOCKET_MODE=0660
export PORTAL_WORKERS=$workers
export PORTAL_LOG_LEVEL=warn
export PORTAL_PUBLIC_URL=$URL
export PORTAL_MAIL_MODE=dir
export PORTAL_MAIL_DIR="$B/mail"
export PORTAL_TEMPLATE_DIR="$repo/templates"
export PORTAL_PLUGIN_DIR="$repo/build/plugins"
export PORTAL_PLUGIN_TEMPLATE_DIR="$repo/plugins"
export PORTAL_COMMON_PASSWORDS="$repo/deploy/common-passwords.txt"
rm -f "$PORTAL_SOCKET" "$B/run/baseline.sock"
: >"$B/portal.log"
# From var/bench/cores with core dumps on: a worker that crashes leaves its core there.
rm -rf "$B/cores"
mkdir -p "$B/cores"
(
    cd "$B/cores"
    ulimit -c unlimited 2>/dev/null || true
    exec "$repo/build/portal" serve 2>>"$B/portal.log"
) &
portal_pid=$!
for _ in $(seq 300); do
    [ -S "$PORTAL_SOCKET" ] && break
    kill -0 "$portal_pid" 2>/dev/null || die "the portal exited: $(tail -3 "$B/portal.log")"
    sleep 0.1
done
[ -S "$PORTAL_SOCKET" ] || die "the portal did not open its socket"

spawn-fcgi -s "$B/run/baseline.sock" -M 0660 -F 2 -P "$B/run/baseline.pid" -- \
    "$repo/build/bench/baseline" >/dev/null

"$STACK" nginx-start "$B" "$PORT" "$PORTAL_SOCKET" off
nginx_up=1
# The baseline's server block: the same locations file, pointing at the baseline's upstream.
ng="$(cd "$B" && pwd -P)/nginx"
sed 's/portal_fcgi/baseline_fcgi/g' deploy/nginx/portal-locations.conf >"$ng/baseline-locations.conf"
python3 - "$ng/nginx.conf" "$PORTAL_SOCKET" "$B/run/baseline.sock" "$PORT" "$BASE_PORT" \
    "$repo/deploy/nginx/portal-locations.conf" "$ng/baseline-locations.conf" <<'PY'
# Copies the portal's upstream and server blocks that stack.sh generated (whatever settings they
# carry: zone, max_conns, listen backlog, ...), renamed for the baseline.
import re, sys
conf, sock, base_sock, port, base_port, locations, base_locations = sys.argv[1:]
text = open(conf).read()

def block(start):
    i = text.index("{", start)
    depth = 0
    for j in range(i, len(text)):
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            return text[start:j + 1]
    raise SystemExit("run.sh: unbalanced nginx.conf")

up = block(text.index("upstream portal_fcgi"))
srv = block(text.index("server {"))
up2 = up.replace("portal_fcgi", "baseline_fcgi").replace(sock, base_sock)
srv2 = re.sub(rf"127\.0\.0\.1:{port}\b", f"127.0.0.1:{base_port}", srv)
srv2 = srv2.replace(locations, base_locations)
assert up2 != up and srv2 != srv and base_locations in srv2, "unexpected nginx.conf layout"
body = text.rstrip()
assert body.endswith("}")
open(conf, "w").write(body[:-1] + "    " + up2 + "\n    " + srv2 + "\n}\n")
PY
nginx -t -q -c "$ng/nginx.conf" -p "$ng" || die "nginx refuses the baseline block"
nginx -s reload -c "$ng/nginx.conf" -p "$ng" 2>/dev/null
for _ in $(seq 100); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE_URL/" || true)" = 200 ] && break
    sleep 0.1
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE_URL/")" = 200 ] || die "the baseline does not answer"

# Every worker builds its search index at start: wait until each answers /healthz with all of it.
documents=$(psql_owner -At -c "SELECT count(*) FROM listing_index")
ok=0
for _ in $(seq 600); do
    h=$(curl -s -m 5 "$URL/healthz" || true)
    n=$(printf '%s' "$h" | python3 -c 'import json,sys
try:
    d = json.load(sys.stdin); s = d.get("search_index")
    print(-1 if s is None else s.get("documents", 0)) if d.get("status") == "ok" else print(-2)
except Exception:
    print(-2)')
    if [ "$n" -ge "$documents" ] || [ "$n" = -1 ]; then ok=$((ok + 1)); else ok=0; fi
    [ $ok -ge $((4 * workers)) ] && break
    sleep 0.2
done
if [ $ok -lt $((4 * workers)) ]; then
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/healthz")" = 200 ] ||
        die "the portal is not healthy: $(curl -s "$URL/healthz")"
    say "warning: not every worker reports all $documents listings in its search index yet"
fi
say "stack up: portal $URL ($workers workers), baseline $BASE_URL, $documents public listings"

# --- the scenarios' paths -------------------------------------------------------------------------
psql_owner -At -c "SELECT id FROM calls WHERE status = 'open' AND deadline > now()
                   ORDER BY md5(id::text) LIMIT 200" >"$RAW/call_ids.txt"
psql_owner -At -c "SELECT c.id FROM calls c JOIN memberships m ON m.org_id = c.org_id
                   JOIN persons p ON p.id = m.person_id
                   WHERE p.email = 'bench-organiser@bench.example' AND c.status = 'open'
                     AND c.deadline > now() ORDER BY c.id LIMIT 20" >"$RAW/organiser_calls.txt"
psql_owner -At -c "SELECT li.listing_id FROM listing_index li JOIN memberships m ON m.org_id = li.org_id
                   JOIN persons p ON p.id = m.person_id
                   WHERE p.email = 'bench-sme@bench.example'
                   ORDER BY li.listing_id LIMIT 20" >"$RAW/sme_listings.txt"
[ -s "$RAW/organiser_calls.txt" ] || die "the bench organiser has no open call (re-create the data)"
[ -s "$RAW/sme_listings.txt" ] || die "the bench SME has no public listing (re-create the data)"
psql_owner -At -c "SELECT slug FROM (VALUES ('kaunas'), ('rijeka'), ('timisoara'), ('matera'),
                   ('leeuwarden')) r(slug)" >"$RAW/regions.txt"
python3 tests/bench/bench.py paths "$B" tests/bench/terms.txt
psql_owner -At -F '|' -f "$PATHS/mix_counts.sql" >"$RAW/mix_counts.txt"
echo "$documents" >"$RAW/documents.txt"

# --- running wrk ------------------------------------------------------------------------------
# drain: after a run, wait until the portal has answered what nginx had queued for it (a slow
# scenario such as login leaves requests in the socket's backlog that would delay the next one).
drain() {
    for _ in $(seq 300); do
        t=$(curl -s -o /dev/null -m 30 -w '%{time_total}' "$URL/healthz" || echo 9)
        awk -v t="$t" 'BEGIN { exit !(t < 0.05) }' && return 0
        sleep 0.1
    done
    say "warning: the portal is still busy 30 s after a run"
}

# wrk_run NAME PATHS_FILE BASE_URL SECONDS [VAR=VALUE...]: wrk's report to raw/NAME.txt.
wrk_run() {
    name=$1 paths=$2 base=$3 secs=$4
    shift 4
    first=$(head -1 "$paths")
    env BENCH_PATHS="$paths" BENCH_URL="$base" BENCH_THREADS="$THREADS" "$@" \
        wrk -t"$THREADS" -c"$CONNS" -d"${secs}s" --timeout "${WRK_TIMEOUT:-10}s" --latency \
        -s tests/bench/paths.lua "$base$first" >"$RAW/$name.txt" 2>"$RAW/$name.err" ||
        die "wrk failed on $name: $(cat "$RAW/$name.err")"
    kill -0 "$portal_pid" 2>/dev/null ||
        die "the portal (pid $portal_pid) is gone during $name: $(tail -3 "$B/portal.log")"
    drain
}

organiser=(BENCH_LOGIN_EMAIL=bench-organiser@bench.example BENCH_LOGIN_PASSWORD="$PASSWORD")
sme=(BENCH_LOGIN_EMAIL=bench-sme@bench.example BENCH_LOGIN_PASSWORD="$PASSWORD")
login=(BENCH_METHOD=POST BENCH_CTYPE=application/json
    "BENCH_BODY={\"email\":\"bench-sme@bench.example\",\"password\":\"$PASSWORD\"}")

# scenario NAME: runs it for SECONDS (the label says where the report goes).
scenario() {
    label=$1 name=$2 secs=$3
    case $name in
    baseline) wrk_run "$label" "$PATHS/baseline.txt" "$BASE_URL" "$secs" ;;
    listings_page | search_html | search_json | call_page)
        wrk_run "$label" "$PATHS/$name.txt" "$URL" "$secs" ;;
    call_matches) wrk_run "$label" "$PATHS/call_matches.txt" "$URL" "$secs" "${organiser[@]}" ;;
    listing_matches) wrk_run "$label" "$PATHS/listing_matches.txt" "$URL" "$secs" "${sme[@]}" ;;
    login) WRK_TIMEOUT=30 wrk_run "$label" "$PATHS/login.txt" "$URL" "$secs" "${login[@]}" ;;
    esac
}

# login last: argon2id keeps the workers busy for a while after its run.
SCENARIOS="listings_page search_html search_json call_page call_matches listing_matches login"

# Each scenario's first path, once, as a client would see it (the status is in the results).
preflight() {
    : >"$RAW/preflight.txt"
    for name in $SCENARIOS; do
        p=$(head -1 "$PATHS/$name.txt")
        case $name in
        call_matches | listing_matches)
            [ "$name" = call_matches ] && who=bench-organiser || who=bench-sme
            jar="$B/run/$name.cookies"
            curl -s -o /dev/null -c "$jar" -H 'Content-Type: application/json' \
                --data "{\"email\":\"$who@bench.example\",\"password\":\"$PASSWORD\"}" \
                "$URL/api/v1/session"
            code=$(curl -s -o "$RAW/preflight_$name.body" -w '%{http_code}' -b "$jar" "$URL$p") ;;
        login)
            code=$(curl -s -o "$RAW/preflight_$name.body" -w '%{http_code}' \
                -H 'Content-Type: application/json' \
                --data "{\"email\":\"bench-sme@bench.example\",\"password\":\"$PASSWORD\"}" "$URL$p") ;;
        *) code=$(curl -s -o "$RAW/preflight_$name.body" -w '%{http_code}' "$URL$p") ;;
        esac
        echo "$name $code $p" >>"$RAW/preflight.txt"
    done
    cat "$RAW/preflight.txt" | sed 's/^/  preflight: /' >&2
}

# rss LABEL: VmRSS of every worker (the portal master's children).
rss() {
    : >"$RAW/rss_$1.txt"
    for pid in $(ps -o pid= --ppid "$portal_pid"); do
        kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
        [ -n "$kib" ] && echo "$pid $kib" >>"$RAW/rss_$1.txt"
    done
    # The search index each worker reports (several samples: each answers for itself).
    : >"$RAW/healthz_$1.txt"
    for _ in $(seq $((4 * workers))); do
        curl -s -m 5 "$URL/healthz" >>"$RAW/healthz_$1.txt" || true
        echo >>"$RAW/healthz_$1.txt"
    done
}

# run.sh profile [SCENARIO]: perf over the whole machine while wrk drives one scenario
# (listings_page by default) for BENCH_SECONDS; reports in var/bench/profile/.
if [ "$mode" = profile ]; then
    target=${2:-listings_page}
    command -v perf >/dev/null 2>&1 || die "perf is missing (Debian package linux-perf)"
    P=$B/profile
    mkdir -p "$P"
    scenario "warmup_$target" "$target" "$WARMUP"
    say "profiling $target for ${DURATION} s (perf record -a -g, cpu-clock)"
    perf record -a -g -e cpu-clock -F 999 -o "$P/perf.data" -- sleep "$DURATION" \
        >"$P/record.log" 2>&1 &
    perf_pid=$!
    sleep 0.2
    scenario "profile_$target" "$target" "$DURATION"
    wait "$perf_pid" || true
    cp "$RAW/profile_$target.txt" "$P/wrk.txt"
    perf report -i "$P/perf.data" --stdio --no-children --sort comm >"$P/by_process.txt" 2>/dev/null
    perf report -i "$P/perf.data" --stdio --no-children --comm portal --sort dso,sym \
        -g none --percent-limit 0.5 >"$P/portal_symbols.txt" 2>/dev/null
    perf report -i "$P/perf.data" --stdio --no-children --sort comm,dso \
        -g none --percent-limit 0.5 >"$P/by_dso.txt" 2>/dev/null
    # The workers alone with DWARF call graphs (the build keeps no frame pointers): inclusive
    # time per function, to see what a request's phases cost.
    workers_csv=$(ps -o pid= --ppid "$portal_pid" | tr -s ' \n' ',' | sed 's/^,//; s/,$//')
    perf record -F 499 --call-graph dwarf,16384 -e cpu-clock -p "$workers_csv" \
        -o "$P/perf.workers.data" -- sleep "$DURATION" >"$P/record_workers.log" 2>&1 &
    perf_pid=$!
    sleep 0.2
    scenario "profile2_$target" "$target" "$DURATION"
    wait "$perf_pid" || true
    perf report -i "$P/perf.workers.data" --stdio --children --sort sym -g none \
        --percent-limit 1.5 >"$P/portal_inclusive.txt" 2>/dev/null
    grep -E "Requests/sec|50%|99%" "$P/wrk.txt" >&2
    say "profile written to var/bench/profile/ (by_process.txt, portal_symbols.txt, ...)"
    exit 0
fi

preflight
say "warm-up: ${WARMUP} s per scenario"
for name in baseline $SCENARIOS; do
    [ "$name" = login ] && continue
    scenario "warmup_$name" "$name" "$WARMUP"
done
for c in common frequent medium rare; do
    wrk_run "warmup_class_$c" "$PATHS/class_${c}_html.txt" "$URL" 1
    wrk_run "warmup_class_${c}_json" "$PATHS/class_${c}_json.txt" "$URL" 1
done
rss warm
say "memory run: $RSS_REQUESTS requests on the listings page (at most $RSS_MAX s)"
# wrk runs for its whole -d unless interrupted: each thread stops after its share of the requests
# and leaves a marker file (paths.lua); once all have, SIGINT makes wrk report and exit.
rm -f "$B/run/stop."*
env BENCH_PATHS="$PATHS/listings_page.txt" BENCH_URL="$URL" BENCH_THREADS="$THREADS" \
    BENCH_STOP_AFTER="$RSS_REQUESTS" BENCH_STOP_FILE="$B/run/stop" \
    wrk -t"$THREADS" -c"$CONNS" -d"${RSS_MAX}s" --timeout 10s --latency -s tests/bench/paths.lua \
    "$URL$(head -1 "$PATHS/listings_page.txt")" >"$RAW/rss_run.txt" 2>"$RAW/rss_run.err" &
wrk_pid=$!
while kill -0 "$wrk_pid" 2>/dev/null; do
    if [ "$(ls "$B/run/stop."* 2>/dev/null | wc -l)" -ge "$THREADS" ]; then
        kill -INT "$wrk_pid" 2>/dev/null || true
        break
    fi
    sleep 0.2
done
wait "$wrk_pid" || true
grep -q "requests in" "$RAW/rss_run.txt" || die "wrk failed on the memory run: $(cat "$RAW/rss_run.err")"
kill -0 "$portal_pid" 2>/dev/null || die "the portal is gone during the memory run"
drain
rss after

say "measuring: ${DURATION} s per scenario, ${CLASS_DURATION} s per term class"
cat /proc/loadavg >"$RAW/loadavg_start.txt"
scenario baseline baseline "$DURATION"
for name in $SCENARIOS; do
    [ "$name" = login ] && continue
    say "  $name"
    scenario "$name" "$name" "$DURATION"
done
for c in common frequent medium rare; do
    say "  term class $c"
    wrk_run "class_${c}_html" "$PATHS/class_${c}_html.txt" "$URL" "$CLASS_DURATION"
    wrk_run "class_${c}_json" "$PATHS/class_${c}_json.txt" "$URL" "$CLASS_DURATION"
done
say "  login"
scenario login login "$DURATION"
cat /proc/loadavg >"$RAW/loadavg_end.txt"
rss end

# Workers that died during the run (the master restarts them): counted, with backtraces.
grep -c "died of signal" "$B/portal.log" >"$RAW/worker_deaths.txt" || true
cores=$(ls "$B/cores" 2>/dev/null | head -3)
if [ -n "$cores" ] && command -v gdb >/dev/null 2>&1; then
    for c in $cores; do
        echo "== $c"
        gdb -batch -ex bt "$repo/build/portal" "$B/cores/$c" 2>/dev/null | grep '^#' | head -25
    done >"$B/cores/backtraces.txt"
    say "workers crashed: backtraces in var/bench/cores/backtraces.txt"
fi

python3 tests/bench/bench.py results "$B" tests/bench/terms.txt
if [ "${BENCH_README:-1}" = 1 ]; then
    python3 tests/bench/bench.py readme "$B/results.json" README.md
fi
