#!/usr/bin/env python3
"""stack.py — a throw-away real stack (PostgreSQL + nginx + the portal, demo data loaded) for the
browser tests and the screenshots, through the end-to-end tests' harness (tests/e2e/harness.py).

  python3 tests/browser/stack.py INFO_FILE [--portal build/asan/portal]
                                 [--plugins build/asan/plugins] [--max-seconds 1200]

Starts the stack on 127.0.0.1, writes its base URL, its directory and the portal's log to
INFO_FILE (JSON, written atomically once the stack answers /healthz), then waits until it gets
SIGTERM or SIGINT, the process that started it is gone, or --max-seconds pass (so that it never outlives a
run that died), and stops everything it started.  On the way out it prints the sanitizer reports
of the portal's log as TAP lines ("ok - …" / "not ok - …") when the portal was a sanitizer build.
"""

import argparse
import json
import os
import signal
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "e2e"))
import harness  # noqa: E402

stopping = False


def on_signal(signum, frame):
    global stopping
    stopping = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("info_file")
    ap.add_argument("--portal", default="build/asan/portal")
    ap.add_argument("--plugins", default="build/asan/plugins")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--max-seconds", type=float, default=1200)
    ap.add_argument("--name", default="browser")
    args = ap.parse_args()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    stack = harness.Stack(args.name, portal=args.portal, plugin_dir=args.plugins,
                          workers=args.workers)
    try:
        stack.start()
    except Exception as e:  # noqa: BLE001 — whatever went wrong, stop what did start
        print(f"not ok - browser stack: the stack started (PostgreSQL, nginx, portal)", flush=True)
        print(f"#   {e}", flush=True)
        stack.stop()
        return 1
    info = {"base_url": f"http://127.0.0.1:{stack.port}", "dir": stack.dir,
            "log": stack.log_path, "pid": os.getpid()}
    tmp = args.info_file + ".tmp"
    with open(tmp, "w") as f:
        json.dump(info, f)
    os.replace(tmp, args.info_file)

    deadline = time.time() + args.max_seconds
    parent = os.getppid()
    try:
        while not stopping and time.time() < deadline:
            time.sleep(0.5)
            if os.getppid() != parent:
                break  # whoever started us is gone
            if stack.portal is not None and stack.portal.poll() is not None:
                print(f"not ok - browser stack: the portal kept running "
                      f"(exited with {stack.portal.returncode})", flush=True)
                for line in stack.log_tail(10).splitlines():
                    print(f"#   {line}", flush=True)
                break
    finally:
        stack.stop()
    if "asan" in args.portal:
        reports = stack.sanitizer_reports()
        if reports:
            print("not ok - browser stack: sanitizers (ASan, UBSan, LeakSanitizer) stayed silent "
                  "in the portal", flush=True)
            for line in reports[:10]:
                print(f"#   {line}", flush=True)
            print(f"#   log: {stack.log_path}", flush=True)
            return 1
        print("ok - browser stack: sanitizers (ASan, UBSan, LeakSanitizer) stayed silent in the "
              "portal", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
