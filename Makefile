JAVA_HOME ?= /usr/lib/jvm/temurin-25-jdk-amd64
export JAVA_HOME
MVN ?= mvn -B -ntp
JAVA := $(JAVA_HOME)/bin/java
APP := $(JAVA) -jar target/quarkus-app/quarkus-run.jar
SAMPLE := src/test/sample
SAMPLE_ARGS := --user-data $(SAMPLE)/user-data.yaml --metadata $(SAMPLE)/metadata.json --root $(SAMPLE)/overlay

.PHONY: build native test run fmt clean sandbox vm bench

# The application in the standard Quarkus layout: java -jar target/quarkus-app/quarkus-run.jar <subcommand>
build:
	$(MVN) -q package -DskipTests

# The native executable, target/*-runner, and target/native/ (easyto-init with what it needs beside
# it): mvn package -Dnative with GRAALVM_HOME when that is a GraalVM or Mandrel for JDK 25, else
# with the test-only graalvm-here stand-in (src/native-test/graalvm-home.sh), whose dynamically
# linked output finds its JDK libraries in $ORIGIN/lib (src/native-test/native-dist.sh). Linked
# against glibc, it also needs src/main/c/mount-proc-first.c to start as PID 1. About 5 minutes
# and 6 GB on an idle machine.
native:
	@home=$$(sh src/native-test/graalvm-home.sh) || exit 2; \
		if [ -f "$$home/lib/graalvm-here/libjvm.so" ]; then \
			GRAALVM_HERE_RPATH='$$ORIGIN/lib:'"$$home/lib/graalvm-here:$$home/lib"; export GRAALVM_HERE_RPATH; \
		fi; \
		mkdir -p target && cc -O2 -Wall -Werror -c -o target/mount-proc-first.o src/main/c/mount-proc-first.c && \
		$(MVN) package -Dnative -DskipTests -Dquarkus.native.graalvm-home="$$home" \
			-Dquarkus.native.additional-build-args-append=-H:NativeLinkerOption=$(CURDIR)/target/mount-proc-first.o && \
		sh src/native-test/native-dist.sh "$$home"

# Every test: formatting check, compile with warnings as errors, unit, CLI and property tests, the
# sandbox scenarios and the VM boots (skipped without QEMU or the cached kernel).
test:
	$(MVN) verify

# The main job on the embedded sample: validate the sample user data, print the plan, then boot
# the sample image with the init as PID 1 in a sandbox against the mock IMDS (needs root).
run: build
	$(APP) validate $(SAMPLE_ARGS)
	$(APP) plan $(SAMPLE_ARGS)
	sh src/test/sandbox/run-scenario.sh $(SAMPLE)

# One scenario booted in the sandbox: SCENARIO is a name under src/test/scenarios or a directory.
# Runs as root; see src/test/sandbox/run-scenario.sh for INIT_COMMAND, VERBOSE=1, KEEP=1.
sandbox:
	@test -n "$(SCENARIO)" || { echo "usage: make sandbox SCENARIO=<name or path>" >&2; exit 2; }
	@if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -d target/test-classes ]; then $(MVN) -q package -DskipTests; fi
	@if [ -d "src/test/scenarios/$(SCENARIO)" ]; then dir="src/test/scenarios/$(SCENARIO)"; else dir="$(SCENARIO)"; fi; \
		sh src/test/sandbox/run-scenario.sh "$$dir"

# One scenario booted in a QEMU virtual machine (TCG) with Debian's kernel: SCENARIO is a name under
# src/test/scenarios or src/native-test/vm/scenarios, or a directory. Runs as root; fetches the
# kernel into a cache on first use. See src/native-test/vm/run-vm.sh for KEEP=1, VERBOSE=1.
vm:
	@test -n "$(SCENARIO)" || { echo "usage: make vm SCENARIO=<name or path>" >&2; exit 2; }
	@if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -d target/test-classes ]; then $(MVN) -q package -DskipTests; fi
	sh src/native-test/vm/fetch-kernel.sh
	@if [ -d "src/test/scenarios/$(SCENARIO)" ]; then dir="src/test/scenarios/$(SCENARIO)"; \
		elif [ -d "src/native-test/vm/scenarios/$(SCENARIO)" ]; then dir="src/native-test/vm/scenarios/$(SCENARIO)"; \
		else dir="$(SCENARIO)"; fi; \
		sh src/native-test/vm/run-vm.sh "$$dir"

# Boot speed and memory: the benchmark scenario booted RUNS times in the sandbox (needs root).
RUNS ?= 5
bench: build
	sh src/test/bench/boot-bench.sh $(RUNS)

fmt:
	$(MVN) -q spotless:apply

clean:
	$(MVN) -q clean
