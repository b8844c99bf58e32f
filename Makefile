JAVA_HOME ?= /usr/lib/jvm/temurin-25-jdk-amd64
export JAVA_HOME
MVN ?= mvn -B -ntp
JAVA := $(JAVA_HOME)/bin/java
APP := $(JAVA) -jar target/quarkus-app/quarkus-run.jar
SAMPLE := src/test/sample
SAMPLE_ARGS := --user-data $(SAMPLE)/user-data.yaml --metadata $(SAMPLE)/metadata.json --root $(SAMPLE)/root

.PHONY: build test run fmt clean

# The application in the standard Quarkus layout: java -jar target/quarkus-app/quarkus-run.jar <subcommand>
build:
	$(MVN) -q package -DskipTests

# Every test: formatting check, compile with warnings as errors, unit, CLI and property tests.
test:
	$(MVN) verify

# The main job on the embedded sample: validate the sample user data, then print the plan.
run: build
	$(APP) validate $(SAMPLE_ARGS)
	$(APP) plan $(SAMPLE_ARGS)

fmt:
	$(MVN) -q spotless:apply

clean:
	$(MVN) -q clean
