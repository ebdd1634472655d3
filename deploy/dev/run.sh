#!/bin/sh
# run.sh — `make run`: the whole portal on http://127.0.0.1:${PORT:-8080}, with demo data, until
# Ctrl-C (or SIGTERM), which stops everything this script started.  Data stays in var/ for the
# next run.  Settings: PORT (8080), PGPORT (54329), DEMO_PASSWORD (ecoc-demo-password).
set -eu

cd "$(dirname "$0")/../.."
repo=$(pwd)
VAR=$repo/var
PORT=${PORT:-8080}
PGPORT=${PGPORT:-54329}
export DEMO_PASSWORD=${DEMO_PASSWORD:-ecoc-demo-password}
stack=deploy/dev/stack.sh
portal_pid=""
mail_pid=""

stop_all() {
    trap - INT TERM EXIT
    echo
    echo "Stopping the portal, nginx and PostgreSQL..."
    [ -n "$mail_pid" ] && kill -TERM "$mail_pid" 2>/dev/null && wait "$mail_pid" 2>/dev/null
    [ -n "$portal_pid" ] && kill -TERM "$portal_pid" 2>/dev/null && wait "$portal_pid" 2>/dev/null
    $stack nginx-stop "$VAR"
    $stack pg-stop "$VAR"
    echo "Stopped. Your data is kept in var/; run \`make run\` again to continue."
    exit 0
}
trap stop_all INT TERM EXIT

mkdir -p "$VAR/run" "$VAR/mail" "$VAR/log"
chmod 755 "$VAR" "$VAR/run"

echo "Starting PostgreSQL (port $PGPORT, data in var/pg)..."
$stack pg-start "$VAR" "$PGPORT"

export PORTAL_DATABASE_URL="$($stack pg-url "$VAR" "$PGPORT" ecoc_app)"
export PORTAL_ADMIN_DATABASE_URL="$($stack pg-url "$VAR" "$PGPORT" ecoc_owner)"
export PORTAL_SOCKET="$VAR/run/portal.sock"
export PORTAL_SOCKET_MODE=0660
export PORTAL_PUBLIC_URL="http://127.0.0.1:$PORT"
export PORTAL_MAIL_MODE=dir
export PORTAL_MAIL_DIR="$VAR/mail"

build/portal migrate
build/portal demo-data --if-empty

echo "Starting the portal and nginx..."
build/portal serve 2>>"$VAR/log/portal.log" &
portal_pid=$!
i=0
while [ ! -S "$PORTAL_SOCKET" ] && [ $i -lt 100 ]; do
    kill -0 "$portal_pid" 2>/dev/null || { tail -5 "$VAR/log/portal.log"; exit 1; }
    sleep 0.1
    i=$((i + 1))
done
$stack nginx-start "$VAR" "$PORT" "$PORTAL_SOCKET"

# Deliver the outbox every 10 seconds into var/mail/ (mail_mode=dir), logging only the runs that
# did something.  On TERM the loop ends at once, or after the mail-send under way has finished.
(
    sleep_pid=""
    trap '[ -n "$sleep_pid" ] && kill "$sleep_pid" 2>/dev/null; exit 0' TERM
    while :; do
        out=$(build/portal mail-send 2>&1) || true
        case $out in
        "sent 0, failed 0, "*) ;;
        *) printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$out" >>"$VAR/log/mail.log" ;;
        esac
        sleep 10 &
        sleep_pid=$!
        wait "$sleep_pid" || true
    done
) &
mail_pid=$!

cat <<TEXT

  The ECoC-SME portal is running:  http://127.0.0.1:$PORT/

  Demo accounts (password: $DEMO_PASSWORD):
    super@portal.example                 super admin
    admin@<region>.example               region admin      (region: kaunas, rijeka, timisoara,
    sme@<region>.example                 SME member         matera, leeuwarden)
    organiser@<region>.example           event organiser

  E-mails the portal sends are delivered to var/mail/ every 10 seconds (log: var/log/mail.log).
  Log: var/log/portal.log.   Press Ctrl-C to stop.

TEXT
while kill -0 "$portal_pid" 2>/dev/null; do
    sleep 1 &
    wait $! || true
done
echo "The portal stopped by itself; see var/log/portal.log"
