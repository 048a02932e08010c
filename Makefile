# campaign-batch developer commands. `make run` is the demo, `make test` the whole suite.
# Plain output: -B (batch mode) and style.color=never turn Maven's colours off, and .mvn/jvm.config sets
# jansi.noreset, without which Maven 3.8's console library still writes a reset sequence (ESC[0m) on each stream.
MVN ?= mvn -B -Dstyle.color=never
JAR := target/campaign-batch.jar
SOURCES := pom.xml $(shell find src/main -type f 2>/dev/null)

.PHONY: build test run bench bench-quick bench-compile clean

build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -q -DskipTests package

test:
	$(MVN) verify

run: $(JAR)
	java -jar $(JAR) run --simulate --input input-samples/clean-campaigns.csv --account demo-account

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
