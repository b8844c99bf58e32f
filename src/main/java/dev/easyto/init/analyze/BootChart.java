package dev.easyto.init.analyze;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code analyze plot}: the boot as a self-contained SVG timeline, one row per phase in the order
 * they started, so that phases that ran in parallel lie side by side on the time axis. The
 * critical chain is drawn in its own colour, failed and skipped phases in theirs, and a line marks
 * the hand-over to the command (or the failure); when the trace knows PID 1's start, a first row
 * shows the time before the boot (JVM start and re-exec). Each phase's bar is a {@code rect} of
 * class {@code phase} with {@code data-phase}, {@code data-start-ms} and {@code data-duration-ms},
 * and its details as a tooltip.
 */
public final class BootChart {
    public static final int WIDTH = 1200;
    /** Where the time axis starts, in pixels from the left. */
    public static final int PLOT_LEFT = 260;
    /** How wide the time axis is, in pixels. */
    public static final int PLOT_WIDTH = WIDTH - PLOT_LEFT - 30;

    static final String DONE = "#4c78a8";
    static final String CRITICAL = "#f58518";
    static final String FAILED = "#e45756";
    static final String SKIPPED = "#d3d3d3";
    static final String PRE_BOOT = "#9d9d9d";
    static final String HANDED_OVER = "#2f9e44";

    private static final int TOP = 100;
    private static final int ROW = 22;
    private static final int BAR = 14;
    private static final double MIN_BAR = 2;
    private static final double SKIPPED_BAR = 6;
    private static final int SHOWN_NOTE = 90;

    private BootChart() {}

    /** The time axis: from PID 1's start (or the boot's) to the end of the trace. */
    public record Axis(long fromMs, long toMs) {
        public static Axis of(RecordedBoot boot) {
            long from = Math.min(0, boot.pid1StartedMs().orElse(0));
            long to = boot.totalMs();
            for (PhaseRun phase : boot.phases()) {
                to = Math.max(to, phase.endedMs());
            }
            return new Axis(from, Math.max(to, from + 1));
        }

        /** Where a time of the boot is drawn, in pixels from the left. */
        public double x(long ms) {
            return PLOT_LEFT + (ms - fromMs) * (double) PLOT_WIDTH / (toMs - fromMs);
        }
    }

    public static String svg(RecordedBoot boot) {
        Axis axis = Axis.of(boot);
        CriticalChain chain = CriticalChain.of(boot);
        Set<String> critical = new HashSet<>();
        chain.phases().forEach(p -> critical.add(p.name()));
        List<PhaseRun> phases = new ArrayList<>(boot.phases());
        phases.sort(Comparator.comparingLong(PhaseRun::startedMs).thenComparing(PhaseRun::name));
        long pid1Started = boot.pid1StartedMs().orElse(0);
        int rows = phases.size() + (pid1Started < 0 ? 1 : 0);
        int bottom = TOP + rows * ROW;
        int height = bottom + 44;

        Svg svg = new Svg();
        svg.tag("svg")
                .set("xmlns", "http://www.w3.org/2000/svg")
                .set("width", WIDTH)
                .set("height", height)
                .set("viewBox", "0 0 " + WIDTH + " " + height)
                .set("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif")
                .set("font-size", 12)
                .open();
        svg.tag("title").text("easyto-init boot chart");
        svg.tag("rect")
                .set("width", WIDTH)
                .set("height", height)
                .set("fill", "#ffffff")
                .empty();
        String date = Instant.ofEpochMilli(boot.bootStartedEpochMs())
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        svg.tag("text")
                .set("x", 10)
                .set("y", 24)
                .set("font-size", 16)
                .set("font-weight", "bold")
                .text("easyto-init boot, " + date);
        svg.tag("text").set("x", 10).set("y", 44).text("Boot " + Summary.ending(boot));
        legend(svg);
        for (int row = 0; row < rows; row += 2) {
            svg.tag("rect")
                    .set("x", 0)
                    .set("y", TOP + row * ROW)
                    .set("width", WIDTH)
                    .set("height", ROW)
                    .set("fill", "#f4f6f8")
                    .empty();
        }
        grid(svg, axis, bottom);

        int row = 0;
        if (pid1Started < 0) {
            label(svg, row, "before the boot", -pid1Started + " ms");
            double x = axis.x(pid1Started);
            svg.tag("rect")
                    .set("class", "pre-boot")
                    .set("x", x)
                    .set("y", barY(row))
                    .set("width", axis.x(0) - x)
                    .set("height", BAR)
                    .set("fill", PRE_BOOT)
                    .open();
            svg.tag("title").text("PID 1 started " + -pid1Started + " ms before the boot: JVM start and re-exec");
            svg.close("rect");
            row++;
        }
        for (PhaseRun phase : phases) {
            bar(svg, boot, axis, row, phase, critical.contains(phase.name()));
            row++;
        }
        endMarker(svg, boot, axis, chain, bottom);
        svg.close("svg");
        return svg.toString();
    }

    private static void legend(Svg svg) {
        String[][] items = {
            {"done", DONE},
            {"critical chain", CRITICAL},
            {"failed", FAILED},
            {"skipped", SKIPPED},
            {"before the boot", PRE_BOOT}
        };
        double x = 10;
        for (String[] item : items) {
            svg.tag("rect")
                    .set("x", x)
                    .set("y", 56)
                    .set("width", 12)
                    .set("height", 12)
                    .set("fill", item[1])
                    .set("stroke", "#666666")
                    .set("stroke-width", 0.5)
                    .empty();
            svg.tag("text").set("x", x + 17).set("y", 66.5).text(item[0]);
            x += 30 + 7.2 * item[0].length();
        }
        svg.tag("line")
                .set("x1", x)
                .set("y1", 55)
                .set("x2", x)
                .set("y2", 69)
                .set("stroke", HANDED_OVER)
                .set("stroke-width", 2)
                .empty();
        svg.tag("text").set("x", x + 6).set("y", 66.5).text("hand-over to the command");
    }

    /** Vertical lines at round times (1, 2 or 5 times a power of ten apart), labelled above the rows. */
    private static void grid(Svg svg, Axis axis, int bottom) {
        long span = axis.toMs() - axis.fromMs();
        long step = 1;
        while (span / step > 12) {
            // 1, 2, 5, 10, 20, 50, ...
            step = Long.toString(step).charAt(0) == '2' ? step / 2 * 5 : step * 2;
        }
        for (long t = Math.ceilDiv(axis.fromMs(), step) * step; t <= axis.toMs(); t += step) {
            double x = axis.x(t);
            svg.tag("line")
                    .set("x1", x)
                    .set("y1", TOP - 6)
                    .set("x2", x)
                    .set("y2", bottom)
                    .set("stroke", t == 0 ? "#555555" : "#dddddd")
                    .empty();
            svg.tag("text")
                    .set("x", x)
                    .set("y", TOP - 10)
                    .set("text-anchor", "middle")
                    .set("fill", "#555555")
                    .set("font-size", 11)
                    .text(step >= 1000 ? t / 1000 + " s" : t + " ms");
        }
        svg.tag("line")
                .set("x1", PLOT_LEFT)
                .set("y1", bottom)
                .set("x2", PLOT_LEFT + PLOT_WIDTH)
                .set("y2", bottom)
                .set("stroke", "#555555")
                .empty();
    }

    private static void label(Svg svg, int row, String name, String figure) {
        double y = textY(row);
        svg.tag("text").set("x", 10).set("y", y).text(name);
        svg.tag("text")
                .set("x", PLOT_LEFT - 10)
                .set("y", y)
                .set("text-anchor", "end")
                .set("fill", "#555555")
                .text(figure);
    }

    private static double barY(int row) {
        return TOP + row * ROW + (ROW - BAR) / 2.0;
    }

    private static double textY(int row) {
        return TOP + row * ROW + 15.5;
    }

    private static void bar(Svg svg, RecordedBoot boot, Axis axis, int row, PhaseRun phase, boolean critical) {
        String outcome = Summary.outcome(boot, phase);
        label(
                svg,
                row,
                phase.name(),
                switch (phase.outcome()) {
                    case OK -> phase.durationMs() + " ms";
                    case FAILED -> "failed, " + phase.durationMs() + " ms";
                    case SKIPPED -> "skipped";
                });
        double x = axis.x(phase.startedMs());
        double width =
                phase.outcome() == Outcome.SKIPPED ? SKIPPED_BAR : Math.max(MIN_BAR, axis.x(phase.endedMs()) - x);
        Svg.Tag rect = svg.tag("rect")
                .set(
                        "class",
                        "phase " + phase.outcome().name().toLowerCase(Locale.ROOT) + (critical ? " critical" : ""))
                .set("data-phase", phase.name())
                .set("data-start-ms", phase.startedMs())
                .set("data-duration-ms", phase.durationMs())
                .set("x", x)
                .set("y", barY(row))
                .set("width", width)
                .set("height", BAR);
        switch (phase.outcome()) {
            case OK -> rect.set("fill", critical ? CRITICAL : DONE);
            case FAILED -> rect.set("fill", FAILED);
            case SKIPPED -> rect.set("fill", SKIPPED).set("stroke", "#777777").set("stroke-dasharray", "2 2");
        }
        rect.open();
        svg.tag("title")
                .text(phase.name() + ": started at " + phase.startedMs() + " ms, took " + phase.durationMs() + " ms, "
                        + outcome + (critical ? " (critical chain)" : ""));
        svg.close("rect");
        if (phase.outcome() != Outcome.OK) {
            String note = outcome.length() > SHOWN_NOTE ? outcome.substring(0, SHOWN_NOTE) + "..." : outcome;
            double end = x + width;
            boolean roomAfter = end < PLOT_LEFT + PLOT_WIDTH * 0.55;
            svg.tag("text")
                    .set("x", roomAfter ? end + 5 : x - 5)
                    .set("y", textY(row))
                    .set("text-anchor", roomAfter ? "start" : "end")
                    .set("fill", phase.outcome() == Outcome.FAILED ? "#b02a37" : "#666666")
                    .set("font-size", 11)
                    .text(note);
        }
    }

    /** The hand-over to the command, or where the boot failed or was cut short. */
    private static void endMarker(Svg svg, RecordedBoot boot, Axis axis, CriticalChain chain, int bottom) {
        String colour = switch (boot.ending()) {
            case COMPLETED -> HANDED_OVER;
            case FAILED -> FAILED;
            case CUT_SHORT -> PRE_BOOT;
        };
        double x = axis.x(chain.endMs());
        svg.tag("line")
                .set("class", "end")
                .set("x1", x)
                .set("y1", TOP - 6)
                .set("x2", x)
                .set("y2", bottom + 6)
                .set("stroke", colour)
                .set("stroke-width", 2)
                .empty();
        boolean right = x > PLOT_LEFT + PLOT_WIDTH / 2.0;
        svg.tag("text")
                .set("x", x)
                .set("y", bottom + 22)
                .set("text-anchor", right ? "end" : "start")
                .set("fill", colour)
                .set("font-weight", "bold")
                .text(chain.end() + " @" + chain.endMs() + " ms"
                        + Summary.sincePid1(boot, chain.endMs())
                                .map(since -> " (" + since + ")")
                                .orElse(""));
    }

    /** Just enough of an XML writer: one element at a time, every value escaped. */
    private static final class Svg {
        private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        private int depth;

        Tag tag(String name) {
            return new Tag(name);
        }

        void close(String name) {
            depth--;
            out.append("  ".repeat(depth)).append("</").append(name).append(">\n");
        }

        @Override
        public String toString() {
            return out.toString();
        }

        final class Tag {
            private final String name;
            private final StringBuilder attributes = new StringBuilder();

            Tag(String name) {
                this.name = name;
            }

            Tag set(String attribute, Object value) {
                attributes
                        .append(' ')
                        .append(attribute)
                        .append("=\"")
                        .append(escape(shown(value)))
                        .append('"');
                return this;
            }

            void empty() {
                start().append("/>\n");
            }

            void open() {
                start().append(">\n");
                depth++;
            }

            void text(String text) {
                start().append('>')
                        .append(escape(text))
                        .append("</")
                        .append(name)
                        .append(">\n");
            }

            private StringBuilder start() {
                return out.append("  ".repeat(depth)).append('<').append(name).append(attributes);
            }
        }

        private static String shown(Object value) {
            if (value instanceof Double d) {
                return String.format(Locale.ROOT, "%.2f", d).replaceAll("\\.?0+$", "");
            }
            return String.valueOf(value);
        }

        private static String escape(String text) {
            StringBuilder escaped = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '&' -> escaped.append("&amp;");
                    case '<' -> escaped.append("&lt;");
                    case '>' -> escaped.append("&gt;");
                    case '"' -> escaped.append("&quot;");
                    default -> escaped.append(c < 0x20 ? ' ' : c);
                }
            }
            return escaped.toString();
        }
    }
}
