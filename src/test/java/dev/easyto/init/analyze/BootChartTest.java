package dev.easyto.init.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The chart parsed back as XML: one bar per phase, where the trace puts it on the time axis. */
class BootChartTest {
    private static final double PIXEL = 0.01;

    @Test
    void oneBarPerPhaseAtItsOffset() throws Exception {
        RecordedBoot boot = Traces.read(Traces.SAMPLE);
        Document svg = parse(BootChart.svg(boot));
        assertEquals("svg", svg.getDocumentElement().getTagName());
        assertEquals("http://www.w3.org/2000/svg", svg.getDocumentElement().getNamespaceURI());
        List<Element> bars = bars(svg);
        assertEquals(boot.phases().size(), bars.size());
        // The axis runs from PID 1's start (-2327 ms) to the hand-over (1357 ms).
        double perMs = (double) BootChart.PLOT_WIDTH / (1357 + 2327);
        for (Element bar : bars) {
            PhaseRun phase = boot.phase(bar.getAttribute("data-phase")).orElseThrow();
            assertEquals(BootChart.PLOT_LEFT + (phase.startedMs() + 2327) * perMs, number(bar, "x"), PIXEL);
            assertEquals(Math.max(2, phase.durationMs() * perMs), number(bar, "width"), PIXEL);
            assertEquals(phase.startedMs(), Long.parseLong(bar.getAttribute("data-start-ms")));
            assertEquals(phase.durationMs(), Long.parseLong(bar.getAttribute("data-duration-ms")));
        }
        Set<String> names = new HashSet<>();
        bars.forEach(bar -> names.add(bar.getAttribute("data-phase")));
        assertEquals(boot.phases().size(), names.size());
    }

    @Test
    void phasesAreRowsInTheOrderTheyStarted() throws Exception {
        RecordedBoot boot = Traces.read(Traces.SAMPLE);
        List<Element> bars = bars(parse(BootChart.svg(boot)));
        for (int i = 1; i < bars.size(); i++) {
            assertTrue(number(bars.get(i), "y") > number(bars.get(i - 1), "y"));
            assertTrue(number(bars.get(i), "x") >= number(bars.get(i - 1), "x"));
        }
        // Parallel phases overlap in time: set-hostname starts before fetch-user-data ends.
        Element fetch = bar(bars, "fetch-user-data");
        Element hostname = bar(bars, "set-hostname");
        assertTrue(number(hostname, "x") < number(fetch, "x") + number(fetch, "width"));
    }

    @Test
    void theCriticalChainAndTheHandOverAreMarked() throws Exception {
        RecordedBoot boot = Traces.read(Traces.SAMPLE);
        Document svg = parse(BootChart.svg(boot));
        List<String> critical = new ArrayList<>();
        for (Element bar : bars(svg)) {
            if (classes(bar).contains("critical")) {
                critical.add(bar.getAttribute("data-phase"));
                assertEquals(BootChart.CRITICAL, bar.getAttribute("fill"));
            } else {
                assertEquals(BootChart.DONE, bar.getAttribute("fill"));
            }
        }
        assertEquals(
                Set.copyOf(CriticalChain.of(boot).phases().stream()
                        .map(PhaseRun::name)
                        .toList()),
                Set.copyOf(critical));
        Element end = byClass(svg, "line", "end").getFirst();
        double atHandOver = BootChart.PLOT_LEFT + BootChart.PLOT_WIDTH;
        assertEquals(atHandOver, number(end, "x1"), PIXEL);
        assertEquals(BootChart.HANDED_OVER, end.getAttribute("stroke"));
        Element preBoot = byClass(svg, "rect", "pre-boot").getFirst();
        assertEquals(BootChart.PLOT_LEFT, number(preBoot, "x"), PIXEL);
    }

    @Test
    void failedAndSkippedPhasesAreDistinct() throws Exception {
        RecordedBoot boot = Traces.read(Traces.FAILED);
        List<Element> bars = bars(parse(BootChart.svg(boot)));
        assertEquals(boot.phases().size(), bars.size());
        Element failed = bar(bars, "parse-user-data");
        assertTrue(classes(failed).contains("failed"));
        assertEquals(BootChart.FAILED, failed.getAttribute("fill"));
        long skipped = bars.stream().filter(b -> classes(b).contains("skipped")).count();
        assertEquals(7, skipped);
        bars.stream()
                .filter(b -> classes(b).contains("skipped"))
                .forEach(b -> assertEquals(BootChart.SKIPPED, b.getAttribute("fill")));
        Element title =
                (Element) bar(bars, "volumes").getElementsByTagName("title").item(0);
        assertTrue(title.getTextContent().contains("skipped: parse-user-data failed"), title.getTextContent());
    }

    @Test
    void textFromTheTraceIsEscaped() throws Exception {
        RecordedBoot boot = new RecordedBoot(
                1,
                0,
                java.util.OptionalLong.empty(),
                10,
                false,
                List.of(new PhaseRun("a<b>", List.of(), 0, 5, Outcome.FAILED, "\"x\" & <y> \u0001")),
                false);
        Document svg = parse(BootChart.svg(boot));
        assertEquals("a<b>", bars(svg).getFirst().getAttribute("data-phase"));
        assertTrue(svg.getDocumentElement().getTextContent().contains("failed: \"x\" & <y>"));
    }

    /** The README's chart is this renderer's drawing of the sample boot; on a change, copy the new one. */
    @Test
    void theReadmesChartIsCurrent() throws Exception {
        String current = BootChart.svg(Traces.read(Traces.SAMPLE));
        Path rendered = Files.createDirectories(Path.of("target")).resolve("sample-boot-chart.svg");
        Files.writeString(rendered, current, StandardCharsets.UTF_8);
        assertEquals(
                Files.readString(Path.of("docs/sample-boot-chart.svg"), StandardCharsets.UTF_8),
                current,
                "docs/sample-boot-chart.svg is not what the chart draws now: cp " + rendered + " docs/");
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> bars(Document svg) {
        return byClass(svg, "rect", "phase");
    }

    private static List<Element> byClass(Document svg, String tag, String className) {
        NodeList nodes = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (classes(element).contains(className)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element bar(List<Element> bars, String phase) {
        return bars.stream()
                .filter(b -> b.getAttribute("data-phase").equals(phase))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> classes(Element element) {
        return List.of(element.getAttribute("class").split(" ", -1));
    }

    private static double number(Element element, String attribute) {
        return Double.parseDouble(element.getAttribute(attribute));
    }
}
