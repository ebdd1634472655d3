#!/bin/sh
# run-e2e.sh — only the end-to-end tests (make e2e); ARGS filter tests by name.
cd "$(dirname "$0")/.." && exec /usr/bin/python3 tests/e2e/run.py "$@"
