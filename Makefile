JAVA_HOME ?= /usr/lib/jvm/temurin-25-jdk-amd64
export JAVA_HOME
# moto_server usually comes through pyenv, whose shims a non-login shell's PATH lacks; ip, chroot
# and friends live in sbin, which a CI shell's PATH may lack too.
PYENV_SHIMS := $(or $(PYENV_ROOT),$(HOME)/.pyenv)/shims
export PATH := $(PATH):$(PYENV_SHIMS):/root/.pyenv/shims:/usr/sbin:/sbin
MVN ?= mvn -B -ntp
SAMPLE := src/test/sample
SAMPLE_ARGS := --user-data $(SAMPLE)/user-data.yaml --metadata $(SAMPLE)/metadata.json --root $(SAMPLE)/overlay

.PHONY: build native release release-native test run fmt clean sandbox vm bench setup dev dev-smoke

# The application in the standard Quarkus layout: java -jar target/quarkus-app/quarkus-run.jar <subcommand>
build:
	$(MVN) -q package -DskipTests

# What building and testing need on a Debian 12 machine (as root): packages, the VM kernel, and
# checks for what no package gives (the JDK 25, moto_server). Safe to run again.
setup:
	sh bin/setup-machine

# The native executable, target/*-runner, and target/native/ (easyto-init with what it needs beside
# it): mvn package -Dnative with GRAALVM_HOME when that is a GraalVM or Mandrel for JDK 25, else
# with the test-only graalvm-here stand-in (src/native-test/graalvm-home.sh), whose dynamically
# linked output finds its JDK libraries in $ORIGIN/lib (src/native-test/native-dist.sh). Linked
# against glibc, it also needs src/main/c/mount-proc-first.c to start as PID 1; and
# src/main/c/block-signals-first.c spares it the re-exec of the signal take-over. About 5 minutes
# and 6 GB on an idle machine.
native:
	@home=$$(sh src/native-test/graalvm-home.sh) || exit 2; \
		if [ -f "$$home/lib/graalvm-here/libjvm.so" ]; then \
			GRAALVM_HERE_RPATH='$$ORIGIN/lib:'"$$home/lib/graalvm-here:$$home/lib"; export GRAALVM_HERE_RPATH; \
		fi; \
		mkdir -p target && cc -O2 -Wall -Werror -c -o target/mount-proc-first.o src/main/c/mount-proc-first.c && \
		cc -O2 -Wall -Werror -c -o target/block-signals-first.o src/main/c/block-signals-first.c && \
		$(MVN) package -Dnative -DskipTests -Dquarkus.native.graalvm-home="$$home" \
			-Dquarkus.native.additional-build-args-append=-H:NativeLinkerOption=$(CURDIR)/target/mount-proc-first.o,-H:NativeLinkerOption=$(CURDIR)/target/block-signals-first.o && \
		sh src/native-test/native-dist.sh "$$home"

# The JVM release, target/release/easyto-init-jvm-<version>.tar.gz, laid out for /.easyto: a
# jlink'ed Java 25 runtime, the application (Quarkus aot-jar layout), an AOT cache trained here and
# checked to be used, and /.easyto/sbin/init as the launcher (src/release/jvm-release.sh).
# 30 to 50 s here; make vm ARTIFACT=jvm-release boots it.
release:
	sh src/release/jvm-release.sh

# The native release, target/release/easyto-init-<version>-linux-amd64: the fully static (musl)
# executable, built in a container from docker/Dockerfile (Mandrel builder image for JDK 25) by
# docker or podman. We have neither, so here this fails, saying so (src/release/native-release.sh).
release-native:
	sh src/release/native-release.sh

# Every test: formatting check, compile with warnings as errors, unit, CLI and property tests, the
# sandbox scenarios and the VM boots on the JVM build (one of them on the JVM release, which is
# built first: make release); dev mode started, its user data edited and
# the rerun seen (make dev-smoke); then the native executable (make native) and
# the integration tests again on it (failsafe's execution `native`: the commands, every sandbox
# scenario, the VM boots). A missing prerequisite fails them, naming it; EASYTO_SKIP (e.g.
# EASYTO_SKIP=vm,sandbox,native) is the only way to skip a layer, and each run ends by listing
# what was skipped and why.
test: setup release
	$(MVN) verify
	sh src/test/dev/dev-smoke.sh
	@case ",$(EASYTO_SKIP)," in \
		*,native,*) echo "easyto-init tests: skipped: the native executable and its integration tests (EASYTO_SKIP=native)" ;; \
		*) $(MAKE) --no-print-directory native && \
			$(MVN) failsafe:integration-test@native failsafe:verify@native ;; \
	esac

# The main job on the embedded sample: validate the sample user data, print the plan, then boot
# the sample image with the init as PID 1 in a sandbox against the mock IMDS (needs root) and print
# the blame of its boot. The console, the boot trace and its chart stay in target/run/.
RUN_DIR := target/run
run: setup build
	bin/easyto-init validate $(SAMPLE_ARGS)
	bin/easyto-init plan $(SAMPLE_ARGS)
	@rm -rf $(RUN_DIR) && mkdir -p $(RUN_DIR)
	@{ KEEP=1 sh src/test/sandbox/run-scenario.sh $(SAMPLE) 2>&1; echo $$? >$(RUN_DIR)/status; } | tee $(RUN_DIR)/console.log \
		| grep --line-buffered -v '^run-scenario: kept ' || true
	@work=$$(sed -n 's/^run-scenario: kept //p' $(RUN_DIR)/console.log); \
	if [ -f "$$work/out/boot-trace.json" ]; then \
		cp "$$work/out/boot-trace.json" $(RUN_DIR)/boot-trace.json; \
		echo; bin/easyto-init analyze blame $(RUN_DIR)/boot-trace.json; \
		bin/easyto-init analyze plot $(RUN_DIR)/boot-trace.json >$(RUN_DIR)/boot-chart.svg; \
		echo "run: console, boot trace and chart in $(RUN_DIR)/ (console.log, boot-trace.json, boot-chart.svg)"; \
	fi; \
	if [ -n "$$work" ]; then rm -rf --one-file-system "$$work"; fi; \
	status=$$(cat $(RUN_DIR)/status); rm -f $(RUN_DIR)/status; exit "$$status"

# One scenario booted in the sandbox: SCENARIO is a name under src/test/scenarios or a directory;
# ARTIFACT=native boots the native executable (make native) instead of the JVM application.
# Runs as root; see src/test/sandbox/run-scenario.sh for INIT_COMMAND, VERBOSE=1, KEEP=1.
sandbox:
	@test -n "$(SCENARIO)" || { echo "usage: make sandbox SCENARIO=<name or path>" >&2; exit 2; }
	@if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -d target/test-classes ]; then $(MVN) -q package -DskipTests; fi
	@if [ -d "src/test/scenarios/$(SCENARIO)" ]; then dir="src/test/scenarios/$(SCENARIO)"; else dir="$(SCENARIO)"; fi; \
		ARTIFACT=$(or $(ARTIFACT),jvm) sh src/test/sandbox/run-scenario.sh "$$dir"

# One scenario booted in a QEMU virtual machine (TCG) with Debian's kernel: SCENARIO is a name under
# src/test/scenarios or src/native-test/vm/scenarios, or a directory. ARTIFACT=native boots the
# native executable (make native), ARTIFACT=jvm-release the JVM release tarball (make release),
# the default the application on a jlink'ed JVM. Runs as root; fetches the kernel into a cache on
# first use. See src/native-test/vm/run-vm.sh for KEEP=1, VERBOSE=1.
vm:
	@test -n "$(SCENARIO)" || { echo "usage: make vm SCENARIO=<name or path> [ARTIFACT=jvm|native|jvm-release]" >&2; exit 2; }
	@if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -d target/test-classes ]; then $(MVN) -q package -DskipTests; fi
	@if [ "$(ARTIFACT)" = native ] && [ ! -x target/native/easyto-init ]; then \
		echo "make vm: no native executable; run: make native" >&2; exit 2; fi
	@if [ "$(ARTIFACT)" = jvm-release ] && ! ls target/release/easyto-init-jvm-*.tar.gz >/dev/null 2>&1; then \
		echo "make vm: no JVM release tarball; run: make release" >&2; exit 2; fi
	sh src/native-test/vm/fetch-kernel.sh
	@if [ -d "src/test/scenarios/$(SCENARIO)" ]; then dir="src/test/scenarios/$(SCENARIO)"; \
		elif [ -d "src/native-test/vm/scenarios/$(SCENARIO)" ]; then dir="src/native-test/vm/scenarios/$(SCENARIO)"; \
		else dir="$(SCENARIO)"; fi; \
		ARTIFACT="$(or $(ARTIFACT),jvm)" sh src/native-test/vm/run-vm.sh "$$dir"

# Quarkus dev mode rehearsing the boot for USER_DATA (optionally SCENARIO=<dir>, IMAGE=<dir>), as any
# user: the mock IMDS and, for AWS sources, moto_server on loopback; the boot into target/dev-root,
# its blame and plan printed; an edit of the inputs rehearses again, [s] after a code change.
dev:
	@sh src/test/dev/dev-mode.sh

# make dev as a person uses it: the sample's plan, an edit of its user data, the plan again.
dev-smoke:
	@sh src/test/dev/dev-smoke.sh

# Boot speed, memory and size, JVM and native side by side: the benchmark scenario booted RUNS
# times per artifact in the sandbox, alternating (needs root, and make native first); prints a
# table and writes target/bench.json (src/test/bench/boot-bench.sh).
RUNS ?= 20
bench: build
	@test -x target/native/easyto-init || { echo "make bench: no native executable in target/native; run: make native" >&2; exit 2; }
	sh src/test/bench/boot-bench.sh $(RUNS)

fmt:
	$(MVN) -q spotless:apply

clean:
	$(MVN) -q clean
