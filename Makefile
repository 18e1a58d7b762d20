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

# The web app's two bundles, release build, into dist/.
app:
	scripts/build-app.sh

server:
	cargo build --release --locked -p bastama-server

# Files the first page loads, raw / gzip / brotli, against the 250 KB gzip budget.
size: app
	node scripts/size-report.mjs dist
	node scripts/size-report.mjs dist vote/index.html
	node scripts/size-report.mjs dist admin/index.html
	node scripts/size-report.mjs dist account-app/index.html
	node scripts/size-report.mjs dist register-app/index.html
	node scripts/size-report.mjs dist stats-app/index.html
	node scripts/size-report.mjs dist propose-app/index.html
	node scripts/size-report.mjs dist cards-app/index.html
	# The map's pages also load Leaflet (about 50 KB gzip), and only they do.
	node scripts/size-report.mjs dist map-app/index.html --budget-kb 300
	node scripts/size-report.mjs dist place-app/index.html --budget-kb 300

# Benchmarks, each figure with how it was measured; writes bench/*.md.
bench:
	scripts/setup.sh --bench
	scripts/build-app.sh
	node scripts/size-report.mjs dist --json bench/size.json | tee bench/size.txt
	scripts/with-postgres.sh scripts/bench-ballots.sh
	scripts/bench-search.sh

# Coverage-guided fuzzing of request parsing (cargo fuzz; installs nightly), FUZZ_SECONDS long.
FUZZ_SECONDS ?= 300
fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf dist target/wasm-opt
