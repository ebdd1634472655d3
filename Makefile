# Makefile — the ECoC-SME portal.
#
#   make run      install what is missing, build, and run the whole stack on http://127.0.0.1:8080
#   make check    install what is missing, build, and run every test; ends with "N passed, N failed"
#   make bench    the benchmark (make bench-data first builds its 100 000-listing database)
#   make fuzz     run each fuzz target for FUZZ_S seconds (default 60)
#   make soak     the long reliability tests
#   make format   clang-format every C/C++ file; make check-format fails on a difference
#
# Outputs go to build/ (normal) and build/asan/ (AddressSanitizer + UBSan, used by the tests).

VERSION    := $(shell git describe --always --dirty 2>/dev/null || echo dev)
CC         ?= gcc
CXX        ?= g++
WARN       := -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wcast-qual -Wstrict-prototypes \
              -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral -Wno-format-truncation
CPPFLAGS   := -D_GNU_SOURCE -Icore -I/usr/include/postgresql -DPORTAL_VERSION='"$(VERSION)"'
HARDEN     := -D_FORTIFY_SOURCE=2 -fstack-protector-strong
CFLAGS     := -std=c17 -O2 -g $(WARN) $(HARDEN) -MMD -MP
CXXFLAGS   := -std=c++17 -O2 -g -Wall -Wextra -Werror $(HARDEN) -MMD -MP
SAN        := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
ASAN_CFLAGS   := -std=c17 -O1 -g $(WARN) $(SAN) -MMD -MP
ASAN_CXXFLAGS := -std=c++17 -O1 -g -Wall -Wextra -Werror $(SAN) -MMD -MP
LIBS       := -lm -lfcgi -lpq -lsodium -ljansson -lctemplate -lstdc++ -lpthread -ldl
PLUGIN_FLAGS := -fPIC -fvisibility=hidden
PLUGIN_LDFLAGS := -shared -Wl,-z,defs

CORE_SRC   := $(filter-out core/main.c,$(wildcard core/*.c core/pages/*.c))
CORE_OBJ   := $(CORE_SRC:%.c=build/%.o) build/core/tpl_shim.o build/gen/migrations.o
ASAN_OBJ   := $(CORE_SRC:%.c=build/asan/%.o) build/asan/core/tpl_shim.o build/asan/gen/migrations.o
REGIONS    := kaunas rijeka timisoara matera leeuwarden
PLUGINS    := $(REGIONS:%=build/plugins/%.so)
ASAN_PLUGINS := $(REGIONS:%=build/asan/plugins/%.so)
UNIT_SRC   := $(wildcard tests/unit/test_*.c)
UNIT_BIN   := $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)
SQL        := $(sort $(wildcard sql/[0-9][0-9][0-9]_*.sql))

.PHONY: all deps run check unit e2e bench bench-data fuzz soak screenshots format check-format clean
.DEFAULT_GOAL := all

all: build/portal $(PLUGINS)

deps:
	@deploy/install-deps.sh

# --- the program -----------------------------------------------------------------------------

build/gen/migrations.c: $(SQL) core/gen_migrations.sh
	@mkdir -p $(@D)
	core/gen_migrations.sh $(SQL) > $@.tmp && mv $@.tmp $@

build/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

build/gen/migrations.o: build/gen/migrations.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

build/core/tpl_shim.o: core/tpl_shim.cc
	@mkdir -p $(@D)
	$(CXX) $(CPPFLAGS) $(CXXFLAGS) -c $< -o $@

build/libcore.a: $(CORE_OBJ)
	ar rcs $@ $^

build/portal: build/core/main.o build/libcore.a
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

# One shared object per region: plugins/<region>/*.c, hidden visibility, no undefined symbols
# (a plugin reaches the core only through the host API it is handed).
.SECONDEXPANSION:
build/plugins/%.so: $$(wildcard plugins/%/*.c) $$(wildcard plugins/%/*.h) core/portal_plugin.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Iplugins/$* $(CFLAGS) $(PLUGIN_FLAGS) $(PLUGIN_LDFLAGS) \
		-o $@ $(filter %.c,$^)

# --- the sanitizer build, for the tests ------------------------------------------------------

build/asan/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ASAN_CFLAGS) -c $< -o $@

build/asan/gen/migrations.o: build/gen/migrations.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ASAN_CFLAGS) -c $< -o $@

build/asan/core/tpl_shim.o: core/tpl_shim.cc
	@mkdir -p $(@D)
	$(CXX) $(CPPFLAGS) $(ASAN_CXXFLAGS) -c $< -o $@

build/asan/libcore.a: $(ASAN_OBJ)
	ar rcs $@ $^

build/asan/portal: build/asan/core/main.o build/asan/libcore.a
	$(CC) $(ASAN_CFLAGS) -o $@ $^ $(LIBS)

build/asan/plugins/%.so: $$(wildcard plugins/%/*.c) $$(wildcard plugins/%/*.h) core/portal_plugin.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Iplugins/$* $(ASAN_CFLAGS) $(PLUGIN_FLAGS) -shared \
		-o $@ $(filter %.c,$^)

build/asan/tests/%: tests/unit/%.c build/asan/libcore.a $(wildcard plugins/*/*.c)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Iplugins -Itests/unit $(ASAN_CFLAGS) -o $@ $< \
		$(if $(findstring bizid,$*),$(wildcard plugins/*/bizid.c)) build/asan/libcore.a \
		$(LIBS) -lcmocka

# Plugins that must not load (tests/plugins/broken.c), one per way of being wrong.
BROKEN     := abi size no_symbol incomplete init
TEST_PLUGINS := $(BROKEN:%=build/test-plugins/broken_%.so)

build/test-plugins/broken_%.so: tests/plugins/broken.c core/portal_plugin.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -DBROKEN_$(shell echo $* | tr a-z A-Z) $(CFLAGS) $(PLUGIN_FLAGS) \
		$(PLUGIN_LDFLAGS) -o $@ $<

# --- fuzzing ---------------------------------------------------------------------------------
# One libFuzzer target per parser of outside input (tests/fuzz/fuzz_*.c), built with clang under
# build/fuzz/: the core, the template shim and the regions' business-ID checks instrumented for
# coverage (fuzzer-no-link) with AddressSanitizer and UBSan, each target linked with libFuzzer.
#   make fuzz          each target for FUZZ_S seconds on var/fuzz/<target>/corpus, a copy of its
#                      seeds (tests/fuzz/corpus/<target>/); summary in var/fuzz/summary.txt
#   make fuzz-replay   each target once over its seeds and tests/fuzz/regressions/<target>/, as
#                      TAP lines; `make check` runs it (tests/run-all.sh)
FUZZ_S       ?= 60
FUZZ_CC      := clang
FUZZ_CXX     := clang++
FUZZ_SAN     := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer
# gcc's warnings are the gate (make all); clang's own extra ones are shown here but not fatal, so
# that one of them in a page does not stop `make check`.
FUZZ_CFLAGS  := -std=c17 -O1 -g $(WARN) -Wno-error -Wno-unknown-warning-option $(FUZZ_SAN) -MMD -MP
FUZZ_CXXFLAGS := -std=c++17 -O1 -g -Wall -Wextra -Wno-error $(FUZZ_SAN) -MMD -MP
FUZZ_LDFLAGS := -fsanitize=fuzzer,address,undefined
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN     := $(FUZZ_TARGETS:%=build/fuzz/%)
FUZZ_OBJ     := $(CORE_SRC:%.c=build/fuzz/%.o) build/fuzz/core/tpl_shim.o \
                build/fuzz/gen/migrations.o
FUZZ_BIZID   := $(REGIONS:%=build/fuzz/plugins/%/bizid.o)

.PHONY: fuzz fuzz-replay

build/fuzz/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) -Iplugins $(FUZZ_CFLAGS) -c $< -o $@

build/fuzz/gen/migrations.o: build/gen/migrations.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -c $< -o $@

build/fuzz/core/tpl_shim.o: core/tpl_shim.cc
	@mkdir -p $(@D)
	$(FUZZ_CXX) $(CPPFLAGS) $(FUZZ_CXXFLAGS) -c $< -o $@

build/fuzz/libcore.a: $(FUZZ_OBJ)
	ar rcs $@ $^

build/fuzz/fuzz_bizid: $(FUZZ_BIZID)
.PRECIOUS: build/fuzz/tests/fuzz/%.o

# Linked by the C++ driver: the shim's UBSan checks (vptr) need the C++ part of the runtime.
build/fuzz/fuzz_%: build/fuzz/tests/fuzz/fuzz_%.o build/fuzz/libcore.a
	$(FUZZ_CXX) $(FUZZ_LDFLAGS) -o $@ $(filter %.o,$^) build/fuzz/libcore.a $(LIBS)

fuzz: $(FUZZ_BIN)
	@tests/fuzz/run.sh fuzz $(FUZZ_S) $(FUZZ_TARGETS)

fuzz-replay: $(FUZZ_BIN)
	@tests/fuzz/run.sh replay $(FUZZ_TARGETS)

# `make check` builds the targets; tests/run-all.sh replays them with the other suites, so a
# failure is counted in its "N passed, N failed" instead of stopping make before the tests.
check: $(FUZZ_BIN)
# --- end of fuzzing --------------------------------------------------------------------------

# The sixth region, never shipped: proves a new region needs nothing from core/ (docs/plugins.md).
TEST_PLUGINS += build/test-plugins/oulu.so

build/test-plugins/oulu.so: tests/plugins/oulu/oulu.c core/portal_plugin.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(PLUGIN_FLAGS) $(PLUGIN_LDFLAGS) -o $@ $<

# --- the two commands ------------------------------------------------------------------------

run: deps all
	@deploy/dev/run.sh

check: deps all build/asan/portal $(ASAN_PLUGINS) $(UNIT_BIN) $(TEST_PLUGINS)
	@tests/run-all.sh

unit: $(UNIT_BIN)
	@tests/run-unit.sh

e2e: all build/asan/portal $(ASAN_PLUGINS) $(TEST_PLUGINS)
	@tests/run-e2e.sh

format:
	clang-format -i core/*.c core/*.h core/*.cc core/pages/*.c core/pages/*.h plugins/*/*.c \
		plugins/*/*.h tests/unit/*.c

check-format:
	@clang-format --dry-run -Werror core/*.c core/*.h core/*.cc core/pages/*.c \
		core/pages/*.h plugins/*/*.c plugins/*/*.h tests/unit/*.c

clean:
	rm -rf build

# --- browser tests and screenshots ------------------------------------------------------------
# make browser       only the browser tests (tests/browser/run.sh): a throw-away stack on 127.0.0.1,
#                    Debian's chromium driven headless by npm's playwright-core (npm ci from
#                    tests/browser/package-lock.json), axe-core; BROWSER_ARGS=WORD runs the tests
#                    whose name contains WORD.  `make check` runs them too (tests/run-all.sh).
# make screenshots   every page type at desktop (1280×900) and phone (390×844) size, into
#                    docs/screenshots/ (README.md shows four of them).
.PHONY: browser
browser: deps all build/asan/portal $(ASAN_PLUGINS)
	@tests/browser/run.sh test $(BROWSER_ARGS)

screenshots: deps all
	@tests/browser/run.sh screenshots
# --- end of browser tests and screenshots ----------------------------------------------------

# --- benchmark -------------------------------------------------------------------------------
# make bench       the benchmark (tests/bench/run.sh, README "Speed"): the real stack on 127.0.0.1
#                  driven by wrk at 64 connections, measured against the smallest libfcgi responder
#                  behind the same nginx; writes var/bench/results.json and the README's table.
#                  BENCH_SECONDS (10) per scenario; the database is built once and kept.
# make bench-data  only (re)build the benchmark database: BENCH_LISTINGS (100000), BENCH_CALLS
#                  (10000), BENCH_SEED (1); rebuilt when one of them or the generator changes.
BENCH_BIN := build/bench/baseline

build/bench/baseline: tests/bench/baseline.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $< -lfcgi

bench: all $(BENCH_BIN)
	@tests/bench/run.sh all

bench-data: all $(BENCH_BIN)
	@tests/bench/run.sh data
# --- end of benchmark --------------------------------------------------------------------------

# --- soak ------------------------------------------------------------------------------------
# make soak   the long reliability tests (tests/soak/run.py; README "Soak tests", figures in
#             docs/reliability.md "Outages"), on a stack of their own: PostgreSQL fast-restarted
#             SOAK_FAULTS times and stopped SOAK_STOPS times (10-30 s) under load, SOAK_FAULTS
#             worker kills, SOAK_OVERLOAD_S seconds of 2 000 connections (then 30 s of wrk if it is
#             installed), the queue's bounds, a backup taken while clients write, LeakSanitizer
#             over the whole run.  SOAK_BUILD=release runs build/portal instead of the ASan build.
#             Prints "N passed, N failed"; the figures also go to var/soak/last-run.txt.
SOAK_FAULTS     ?= 10
SOAK_STOPS      ?= 3
SOAK_OVERLOAD_S ?= 60
SOAK_BUILD      ?= asan

soak: deps all build/asan/portal $(ASAN_PLUGINS)
	@SOAK_FAULTS=$(SOAK_FAULTS) SOAK_STOPS=$(SOAK_STOPS) SOAK_OVERLOAD_S=$(SOAK_OVERLOAD_S) \
		SOAK_BUILD=$(SOAK_BUILD) /usr/bin/python3 tests/soak/run.py
# --- end of soak -------------------------------------------------------------------------------

-include $(shell find build -name '*.d' 2>/dev/null)
