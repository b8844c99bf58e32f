package dev.easyto.init.analyze;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code analyze critical-chain}: the phases that decided when the boot ended, as {@code
 * systemd-analyze critical-chain} follows units. The command is handed over once every phase is
 * done, so the chain starts at the phase that ended last (for a failed boot, the phase that
 * failed it) and steps, each time, to the phase it waited for that ended last, down to one that
 * waited for none.
 *
 * @param end what the chain leads to: {@code command}, {@code boot failed} or {@code boot cut short}
 * @param endMs when that happened, from the boot's start
 * @param phases the chain, from the phase next to {@code end} down to the first
 */
public record CriticalChain(String end, long endMs, List<PhaseRun> phases) {

    public CriticalChain {
        phases = List.copyOf(phases);
    }

    private static final Comparator<PhaseRun> LAST_ENDED =
            Comparator.comparingLong(PhaseRun::endedMs).thenComparing(PhaseRun::name, Comparator.reverseOrder());

    public static CriticalChain of(RecordedBoot boot) {
        Map<String, PhaseRun> byName = boot.byName();
        Optional<PhaseRun> last;
        String end;
        long endMs;
        switch (boot.ending()) {
            case FAILED -> {
                last = boot.firstFailure();
                end = "boot failed";
                endMs = last.orElseThrow().endedMs();
            }
            case COMPLETED -> {
                last = boot.phases().stream().max(LAST_ENDED);
                end = "command";
                endMs = boot.totalMs();
            }
            default -> {
                last = boot.phases().stream()
                        .filter(p -> p.outcome() == Outcome.OK)
                        .max(LAST_ENDED);
                end = "boot cut short";
                endMs = boot.totalMs();
            }
        }
        List<PhaseRun> chain = new ArrayList<>();
        PhaseRun current = last.orElse(null);
        while (current != null && !chain.contains(current)) {
            chain.add(current);
            current = current.after().stream()
                    .map(byName::get)
                    .filter(p -> p != null && p.outcome() == Outcome.OK)
                    .max(LAST_ENDED)
                    .orElse(null);
        }
        return new CriticalChain(end, endMs, chain);
    }

    public static String render(RecordedBoot boot) {
        CriticalChain chain = of(boot);
        StringBuilder out = new StringBuilder(Summary.of(boot)).append("\n\n");
        out.append("The time when a phase started is printed after \"@\", how long it took after \"+\".\n\n");
        out.append(chain.end()).append(" @").append(chain.endMs()).append(" ms");
        Summary.sincePid1(boot, chain.endMs())
                .ifPresent(since -> out.append(" (").append(since).append(')'));
        out.append('\n');
        String indent = "";
        for (PhaseRun phase : chain.phases()) {
            out.append(indent)
                    .append("└─")
                    .append(phase.name())
                    .append(" @")
                    .append(phase.startedMs())
                    .append(" ms +")
                    .append(phase.durationMs())
                    .append(" ms");
            if (phase.outcome() == Outcome.FAILED) {
                out.append(" (").append(Summary.outcome(boot, phase)).append(')');
            }
            out.append('\n');
            indent += "  ";
        }
        return out.toString();
    }
}
