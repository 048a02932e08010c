# campaign-batch developer commands. `make run` is the demo, `make test` the whole suite.
MVN ?= mvn -B
JAR := target/campaign-batch.jar
SOURCES := pom.xml $(shell find src/main -type f 2>/dev/null)

.PHONY: build test run bench bench-quick bench-csv bench-compile clean

build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -q -DskipTests package

test:
	$(MVN) verify

# The job streams its input and stages it on disk: 256 MB of Java heap whatever the input's size (BENCHMARKS.md).
JAVA_OPTS ?= -Xmx256m

run: $(JAR)
	java $(JAVA_OPTS) -jar $(JAR) run --simulate --input input-samples/clean-campaigns.csv --account demo-account

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

# Only the CSV cases of issue 13's targets (1M, 100k and 10M rows) with the targets table
bench-csv: bench-compile
	$(BENCH_RUN) csv $(BENCH_ARGS)

clean:
	$(MVN) -q clean
	rm -rf data out
