package dev.easyto.init.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.HostTools;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart of a real sandbox boot (the sample image's), opened in a browser: Debian's headless
 * Chromium takes a screenshot, which must show the chart's bars in their colours. Skipped without
 * {@code chromium} (Debian package {@code chromium}; {@code bin/setup-machine} installs it).
 */
class BootChartBrowserTest {
    private static final long TIMEOUT_SECONDS = 90;

    @TempDir
    Path dir;

    @Test
    void aRealBootsChartRendersInChromium() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        HostTools.require(
                "browser",
                Files.isExecutable(chromium),
                "no chromium (apt-get install --no-install-recommends chromium)");
        Path svg = dir.resolve("boot.svg");
        Files.writeString(svg, BootChart.svg(Traces.read(Traces.SAMPLE)), StandardCharsets.UTF_8);
        Path png = dir.resolve("boot.png");
        Path profile = Files.createDirectory(dir.resolve("profile"));
        Process browser = new ProcessBuilder(List.of(
                        chromium.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--screenshot=" + png,
                        "--window-size=1200,800",
                        svg.toUri().toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile())
                .start();
        if (!browser.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            browser.destroyForcibly().waitFor();
            throw new AssertionError("chromium took over " + TIMEOUT_SECONDS + " s:\n" + log());
        }
        assertEquals(0, browser.exitValue(), this::log);
        assertTrue(Files.size(png) > 0, this::log);
        BufferedImage image = ImageIO.read(new File(png.toString()));
        assertEquals(1200, image.getWidth());
        long done = count(image, BootChart.DONE);
        long critical = count(image, BootChart.CRITICAL);
        long preBoot = count(image, BootChart.PRE_BOOT);
        long white = count(image, "#ffffff");
        long pixels = (long) image.getWidth() * image.getHeight();
        // Bars of a few hundred pixels each, in their colours, on a page that is not all one colour.
        assertTrue(done > 500, () -> "done bars: " + done + " pixels");
        assertTrue(critical > 2000, () -> "critical chain bars: " + critical + " pixels");
        assertTrue(preBoot > 5000, () -> "before-the-boot bar: " + preBoot + " pixels");
        assertTrue(white < pixels * 0.95, () -> white + " of " + pixels + " pixels are white");
    }

    /** Pixels within a small distance of a colour, as a browser may blend edges. */
    private static long count(BufferedImage image, String colour) {
        int wanted = Integer.parseInt(colour.substring(1), 16);
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (close(rgb >> 16, wanted >> 16) && close(rgb >> 8, wanted >> 8) && close(rgb, wanted)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean close(int a, int b) {
        return Math.abs((a & 0xff) - (b & 0xff)) <= 6;
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("chromium.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
