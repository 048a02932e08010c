# campaign-batch developer commands. `make run` is the demo, `make test` the whole suite.
# Plain output: -B (batch mode) and style.color=never turn Maven's colours off, and .mvn/jvm.config sets
# jansi.noreset, without which Maven 3.8's console library still writes a reset sequence (ESC[0m) on each stream.
MVN ?= mvn -B -Dstyle.color=never
JAR := target/campaign-batch.jar
SOURCES := pom.xml $(shell find src/main -type f 2>/dev/null)

.PHONY: build test run rollout bench bench-quick bench-csv bench-compile bench-peer-check clean

# Start-up: the jar is extracted (Spring Boot's tools jar mode) and a class-data-sharing archive is recorded from a
# training run (validate of the sample on a throw-away H2 database), so that `make run` loads its ~9,000 classes
# from the archive instead of parsing them out of nested jars (see README, "Start-up"). target/campaign-batch.jar
# itself is unchanged and runs without the archive.
CDS_DIR := target/cds
CDS_JAR := $(CDS_DIR)/campaign-batch.jar
CDS_ARCHIVE := $(CDS_DIR)/campaign-batch.jsa
CDS_TRAINING := target/cds-training
# -Xlog: a stale archive (another JDK) is skipped silently instead of printing a warning
JAVA_CDS = java $(JAVA_OPTS) -XX:SharedArchiveFile=$(CDS_ARCHIVE) -Xlog:cds=off -Xlog:cds+dynamic=off -jar $(CDS_JAR)

build: $(CDS_ARCHIVE)

$(JAR): $(SOURCES)
	$(MVN) -q -DskipTests package

$(CDS_ARCHIVE): $(JAR)
	rm -rf $(CDS_DIR) $(CDS_TRAINING) && mkdir -p $(CDS_TRAINING)
	java -Djarmode=tools -jar $(JAR) extract --destination $(CDS_DIR)
	CAMPAIGN_BATCH_DATA_DIR=$(abspath $(CDS_TRAINING)) \
	CAMPAIGN_BATCH_DB_URL='jdbc:h2:file:$(abspath $(CDS_TRAINING))/db;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;FILE_LOCK=FS' \
		java -XX:ArchiveClassesAtExit=$(CDS_ARCHIVE) -jar $(CDS_JAR) validate --input input-samples/clean-campaigns.csv \
		--account demo-account --report $(CDS_TRAINING)/report.csv >$(CDS_TRAINING)/training.log 2>&1 \
		|| [ $$? -eq 3 ] || (cat $(CDS_TRAINING)/training.log; exit 1)
	test -s $(CDS_ARCHIVE)

test:
	$(MVN) verify

# The job streams its input and stages it on disk: 256 MB of Java heap whatever the input's size (BENCHMARKS.md).
JAVA_OPTS ?= -Xmx256m

# The demo keeps its database under the project (./data, removed by make clean), not in ~/.campaign-batch.
# The demo ends by tracking: a few seconds after the run, the simulated campaigns' devices are on their way
# (the simulator runs a campaign for 30 s). Exit code 3 of track (some devices failed, as the simulator makes a
# few do) is part of the demo; 1 (the API could not be read) is not.
# The simulator enforces ThingSpace's pilot limit in the demos (CAMPAIGN_SIMULATOR_PILOT_LIMIT).
DEMO_ENV := CAMPAIGN_BATCH_DATA_DIR=$(CURDIR)/data CAMPAIGN_SIMULATOR_PILOT_LIMIT=true

run: $(CDS_ARCHIVE)
	$(DEMO_ENV) $(JAVA_CDS) run --simulate --input input-samples/clean-campaigns.csv --account demo-account
	@echo "--- 5 s later: where the devices stand (track --open)"
	@sleep 5
	$(DEMO_ENV) $(JAVA_CDS) track --open; test $$? -ne 1

# A rollout in waves (README, "Rollouts in waves"): two campaigns of 100 devices, pilots of 20, the gateway file made
# bad (half its devices fail). 35 s later the pilots have run their course at the simulator: track sends the tracker's
# next wave and halts the gateway's rollout (exit 3, part of the demo).
rollout: $(CDS_ARCHIVE)
	$(DEMO_ENV) CAMPAIGN_SIMULATOR_BAD_FILES=gateway-cfg-7.json:7.0:0.5 $(JAVA_CDS) run --simulate \
		--input input-samples/rollout-fleet.csv --account demo-account --pilot 20 --waves 50,100 --gate-success 0.8
	@echo "--- 35 s later: the pilots' gates (track --open)"
	@sleep 35
	$(DEMO_ENV) CAMPAIGN_SIMULATOR_BAD_FILES=gateway-cfg-7.json:7.0:0.5 $(JAVA_CDS) track --open; test $$? -ne 1

# Benchmarks (see BENCHMARKS.md): inputs are generated once under target/bench/input; each case runs in a child JVM.
# The runtime libraries come from the executable jar itself (BOOT-INF/lib), so no extra Maven plugin is needed.
BENCH_LIB := target/bench/lib
# The pandas peer of issue 24 (bench/peer_validate.py) runs with Debian's python3-pandas (and python3-openpyxl for XLSX).
PYTHON ?= /usr/bin/python3
BENCH_RUN = java -Dbench.python=$(PYTHON) -cp 'target/test-classes:target/classes:$(BENCH_LIB)/*' io.github.campaignbatch.bench.BenchMain

# Fails at once, before minutes of building and measuring, when the peer cannot run.
bench-peer-check:
	@timeout 60 $(PYTHON) -c 'import pandas' 2>/dev/null || { echo "make bench: $(PYTHON) cannot import pandas, which the pandas peer case needs (Debian: apt-get install python3-pandas python3-openpyxl; or make bench PYTHON=...)" >&2; exit 1; }

bench-compile: $(JAR)
	$(MVN) -o -q test-compile
	rm -rf $(BENCH_LIB) && mkdir -p $(BENCH_LIB)
	cd $(BENCH_LIB) && jar xf ../../campaign-batch.jar BOOT-INF/lib && mv BOOT-INF/lib/*.jar . && rm -rf BOOT-INF

bench: bench-peer-check bench-compile
	$(BENCH_RUN) full $(BENCH_ARGS)

bench-quick: bench-peer-check bench-compile
	$(BENCH_RUN) quick $(BENCH_ARGS)

# Only the CSV cases of issue 13's targets (1M, 100k and 10M rows) with the targets table
bench-csv: bench-peer-check bench-compile
	$(BENCH_RUN) csv $(BENCH_ARGS)

clean:
	$(MVN) -q clean
	rm -rf data out
