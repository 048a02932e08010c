# campaign-batch developer commands. `make run` is the demo, `make test` the whole suite.
MVN ?= mvn -B
JAR := target/campaign-batch.jar
SOURCES := pom.xml $(shell find src/main -type f 2>/dev/null)

.PHONY: build test run bench bench-quick clean

build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -q -DskipTests package

test:
	$(MVN) verify

run: $(JAR)
	java -jar $(JAR) run --simulate --input input-samples/clean-campaigns.csv --account demo-account

clean:
	$(MVN) -q clean
	rm -rf data out
