package dev.easyto.init.analyze;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code analyze blame}: the phases by how long they took, longest first, each with its start
 * and how it ended, as {@code systemd-analyze blame} lists units.
 */
public final class Blame {
    private Blame() {}

    /** The phases, longest first; equally long ones by start, then name. */
    public static List<PhaseRun> ranked(RecordedBoot boot) {
        List<PhaseRun> ranked = new ArrayList<>(boot.phases());
        ranked.sort(Comparator.comparingLong(PhaseRun::durationMs)
                .reversed()
                .thenComparingLong(PhaseRun::startedMs)
                .thenComparing(PhaseRun::name));
        return ranked;
    }

    public static String render(RecordedBoot boot) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"time", "start", "phase", "outcome"});
        for (PhaseRun phase : ranked(boot)) {
            rows.add(new String[] {
                phase.durationMs() + " ms", "+" + phase.startedMs() + " ms", phase.name(), Summary.outcome(boot, phase)
            });
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder(Summary.of(boot)).append("\n\n");
        String format = "%" + widths[0] + "s  %" + widths[1] + "s  %-" + widths[2] + "s  %s";
        for (String[] row : rows) {
            out.append(String.format(Locale.ROOT, format, (Object[]) row).stripTrailing())
                    .append('\n');
        }
        return out.toString();
    }
}
