package dev.easyto.init.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlameTest {

    @Test
    void parallelPhasesLongestFirst() {
        assertEquals("""
                boot at 2026-11-30T02:21:20Z: completed in 1357 ms, command handed over 3684 ms after PID 1 started

                  time     start  phase            outcome
                550 ms   +513 ms  resolve-env      done
                310 ms   +154 ms  fetch-user-data  done
                295 ms   +163 ms  set-hostname     done
                213 ms  +1065 ms  volumes          done
                 88 ms    +66 ms  network          done
                 65 ms    +20 ms  read-metadata    done
                 40 ms   +465 ms  parse-user-data  done
                 35 ms    +17 ms  base-mounts      done
                 10 ms   +513 ms  load-modules     done
                  8 ms  +1280 ms  init-scripts     done
                  7 ms   +506 ms  merge-spec       done
                  7 ms  +1063 ms  build-command    done
                  1 ms    +69 ms  test-mode        done
                  1 ms   +466 ms  write-user-data  done
                  1 ms   +523 ms  set-sysctls      done
                """, Blame.render(Traces.read(Traces.SAMPLE)));
    }

    @Test
    void aFailedPhaseAndThePhasesItSkipped() {
        String blame = Blame.render(Traces.read(Traces.FAILED));
        List<String> lines = blame.lines().toList();
        assertEquals(
                "boot at 2026-11-30T02:21:54Z: failed after 596 ms: parse-user-data failed: InvalidYaml: "
                        + "user-data:3:12: invalid YAML: mapping values are not allowed here",
                lines.get(0));
        assertEquals(
                " 51 ms  +545 ms  parse-user-data  failed: InvalidYaml: user-data:3:12: invalid YAML: mapping values"
                        + " are not allowed here",
                lines.get(7));
        assertEquals(
                List.of(
                        "  0 ms  +596 ms  build-command    skipped: parse-user-data failed",
                        "  0 ms  +596 ms  init-scripts     skipped: parse-user-data failed",
                        "  0 ms  +596 ms  load-modules     skipped: parse-user-data failed",
                        "  0 ms  +596 ms  merge-spec       skipped: parse-user-data failed",
                        "  0 ms  +596 ms  resolve-env      skipped: parse-user-data failed",
                        "  0 ms  +596 ms  set-sysctls      skipped: parse-user-data failed",
                        "  0 ms  +596 ms  volumes          skipped: parse-user-data failed"),
                lines.subList(11, 18));
    }

    @Test
    void aSkipNamesEveryFailureBehindIt() {
        RecordedBoot boot =
                Traces.boot(false, 30, "a 0 10 FAILED", "b 0 20 FAILED", "c 20 20 SKIPPED a", "d 20 20 SKIPPED b c");
        assertEquals(
                " 0 ms  +20 ms  d      skipped: b, a failed",
                Blame.render(boot).lines().toList().getLast());
    }

    @Test
    void aBootCutShort() {
        String blame = Blame.render(Traces.read(Traces.CUT_SHORT));
        assertEquals(
                "boot at 2026-11-30T02:21:20Z: cut short after 460 ms: no phase failed, but the trace was written"
                        + " before every phase had run",
                blame.lines().findFirst().orElseThrow());
        assertEquals(8, blame.lines().count());
    }
}
