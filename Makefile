# The two commands: `make run` and `make test`. Each installs what is missing first.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test setup build app server size bench fuzz clean

run: setup build
	BASTAMA_DIST_DIR=dist ./target/release/bastama-server

test:
	scripts/setup.sh --test
	scripts/test.sh

setup:
	scripts/setup.sh

build: app server

# The web app, release build, split into its areas' chunks, into dist/.
app:
	scripts/build-app.sh

server:
	cargo build --release --locked -p bastama-server

# What each route's first load takes, raw / gzip / brotli, against its limit.
size: app
	node scripts/size-report.mjs dist

# Benchmarks, each figure with how it was measured; writes bench/*.md.
bench:
	scripts/setup.sh --bench
	scripts/build-app.sh
	node scripts/size-report.mjs dist --json bench/size.json | tee bench/size.txt
	scripts/with-postgres.sh scripts/bench-ballots.sh
	scripts/with-postgres.sh scripts/bench-box.sh
	scripts/with-postgres.sh scripts/bench-roll.sh
	scripts/bench-search.sh

# Coverage-guided fuzzing of request parsing (cargo fuzz; installs nightly), FUZZ_SECONDS long.
FUZZ_SECONDS ?= 300
fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf dist target/app
