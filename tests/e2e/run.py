#!/usr/bin/env python3
"""run.py — runs the end-to-end tests and prints TAP ("ok - name" / "not ok - name").

Every tests/e2e/test_*.py module holds functions test_*(stack).  They share one stack (demo data
loaded) unless a module sets NEEDS_OWN_STACK = True, in which case it gets a fresh one.  A test
that changes the stack (stops PostgreSQL, say) puts it back before it returns.

  python3 tests/e2e/run.py [SUBSTRING...]   only the tests whose name contains a substring
"""

import importlib.util
import os
import shutil
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


def load_modules():
    here = os.path.dirname(os.path.abspath(__file__))
    mods = []
    for name in sorted(os.listdir(here)):
        if name.startswith("test_") and name.endswith(".py"):
            spec = importlib.util.spec_from_file_location(name[:-3], os.path.join(here, name))
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            mods.append(mod)
    return mods


def tests_of(mod, filters):
    out = []
    for name in dir(mod):
        fn = getattr(mod, name)
        full = f"{mod.__name__}.{name}"
        if name.startswith("test_") and callable(fn) and (
                not filters or any(f in full for f in filters)):
            out.append((full, fn, fn.__code__.co_firstlineno))
    return sorted(out, key=lambda t: t[2])


def run_tests(stack, tests, counts):
    for full, fn, _ in tests:
        t0 = time.time()
        try:
            fn(stack)
            counts[0] += 1
            print(f"ok - {full} ({time.time() - t0:.1f}s)", flush=True)
        except Exception as e:  # a failing test, whatever it raised
            counts[1] += 1
            print(f"not ok - {full}", flush=True)
            detail = str(e) if isinstance(e, harness.TestFailure) else traceback.format_exc()
            for line in detail.splitlines()[-15:]:
                print(f"#   {line}", flush=True)


def main():
    filters = sys.argv[1:]
    counts = [0, 0]
    mods = load_modules()
    shared = None
    try:
        for mod in mods:
            tests = tests_of(mod, filters)
            if not tests:
                continue
            if getattr(mod, "NEEDS_OWN_STACK", False):
                own = harness.Stack(mod.__name__.replace("test_", "")).start(
                    demo=getattr(mod, "DEMO", True))
                try:
                    run_tests(own, tests, counts)
                finally:
                    own.stop()
                    reports = own.sanitizer_reports()
                    if reports:
                        counts[1] += 1
                        print(f"not ok - {mod.__name__}: sanitizers reported problems")
                        for line in reports[:10]:
                            print(f"#   {line}")
                continue
            if shared is None:
                shared = harness.Stack("shared").start()
            run_tests(shared, tests, counts)
    finally:
        if shared is not None:
            shared.stop()
            reports = shared.sanitizer_reports()
            if reports:
                print("not ok - sanitizers (ASan, UBSan, LeakSanitizer) stayed silent in the portal")
                for line in reports[:10]:
                    print(f"#   {line}")
                counts[1] += 1
            else:
                print("ok - sanitizers (ASan, UBSan, LeakSanitizer) stayed silent in the portal")
                counts[0] += 1
    print(f"# e2e: {counts[0]} passed, {counts[1]} failed")
    run_dir = os.path.join(harness.REPO, "var", "test", f"run-{os.getpid()}")
    if counts[1] == 0:
        shutil.rmtree(run_dir, ignore_errors=True)  # the logs stay when something failed
    else:
        print(f"# logs of the failed run: {run_dir}")
    return 1 if counts[1] else 0


if __name__ == "__main__":
    sys.exit(main())
