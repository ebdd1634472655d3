#!/bin/sh
# install-deps.sh — installs the Debian 12 packages the portal needs to build, run and be tested,
# if any is missing.  As root it runs apt-get (after apt-get update); otherwise it prints the
# exact command to run and stops.  Used by `make run` and `make check`; safe to run repeatedly.
set -eu

PACKAGES="gcc g++ make pkg-config clang libclang-rt-14-dev
libfcgi-dev libpq-dev libctemplate-dev libsodium-dev libjansson-dev libcmocka-dev
postgresql-15 postgresql-contrib nginx-light python3 python3-yaml curl ca-certificates
chromium fonts-dejavu-core"

# The browser tests (tests/browser/) drive Debian's chromium with npm's playwright-core, which
# tests/browser/run.sh installs with `npm ci`.  Node.js and npm come from Debian's nodejs and npm
# unless a Node.js of its own (with its npm) is installed already, as on the project's machines:
# Debian's npm would replace it.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    PACKAGES="$PACKAGES nodejs npm"
fi

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -n "$missing" ]; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "install-deps: installing:$missing"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q
        # shellcheck disable=SC2086
        apt-get install -y -q --no-install-recommends $missing
    else
        echo "install-deps: these Debian packages are missing:$missing" >&2
        echo "install-deps: run:  sudo apt-get update && sudo apt-get install -y$missing" >&2
        exit 1
    fi
fi

# The Debian nginx package starts a system nginx on port 80 where it can; the portal never uses
# it and must not depend on it, so nothing here touches it.
exit 0
