# campaign-batch developer commands. `make run` is the demo, `make test` the whole suite.
MVN ?= mvn -B
JAR := target/campaign-batch.jar
SOURCES := pom.xml $(shell find src/main -type f 2>/dev/null)

.PHONY: build test run bench bench-quick bench-compile clean

build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -q -DskipTests package

test:
	$(MVN) verify

# The demo ends by tracking: a few seconds after the run, the simulated campaigns' devices are on their way
# (the simulator runs a campaign for 30 s). Exit code 3 of track (some devices failed, as the simulator makes a
# few do) is part of the demo; 1 (the API could not be read) is not.
run: $(JAR)
	java -jar $(JAR) run --simulate --input input-samples/clean-campaigns.csv --account demo-account
	@echo "--- 5 s later: where the devices stand (track --open)"
	@sleep 5
	java -jar $(JAR) track --open; test $$? -ne 1

# Benchmarks (see BENCHMARKS.md): inputs are generated once under target/bench/input; each case runs in a child JVM.
# The runtime libraries come from the executable jar itself (BOOT-INF/lib), so no extra Maven plugin is needed.
BENCH_LIB := target/bench/lib
BENCH_RUN = java -cp 'target/test-classes:target/classes:$(BENCH_LIB)/*' io.github.campaignbatch.bench.BenchMain

bench-compile: $(JAR)
	$(MVN) -o -q test-compile
	rm -rf $(BENCH_LIB) && mkdir -p $(BENCH_LIB)
	cd $(BENCH_LIB) && jar xf ../../campaign-batch.jar BOOT-INF/lib && mv BOOT-INF/lib/*.jar . && rm -rf BOOT-INF

bench: bench-compile
	$(BENCH_RUN) full $(BENCH_ARGS)

bench-quick: bench-compile
	$(BENCH_RUN) quick $(BENCH_ARGS)

clean:
	$(MVN) -q clean
	rm -rf data out
