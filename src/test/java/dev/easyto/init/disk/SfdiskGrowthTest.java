package dev.easyto.init.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.HostTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table util-linux's sfdisk made, on a sparse file that then grows from 32 to 256 MiB, grown
 * here; afterwards sfdisk itself must verify the table and read the new geometry back. A regular
 * file is a disk of 512-byte blocks to sfdisk.
 */
class SfdiskGrowthTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void sfdiskAcceptsTheGrownTable() throws Exception {
        HostTools.require("vm", HostTools.onPath("sfdisk"), "sfdisk is not on PATH (apt-get install fdisk)");
        Path image = dir.resolve("disk.img");
        GptImages.grow(image, 32 * MIB);
        sfdisk(List.of("sfdisk", "--quiet", image.toString()), "label: gpt\nstart=2048, size=32768, name=root\n");
        GptImages.grow(image, 256 * MIB);

        GptTable table;
        try (FileDisk disk = new FileDisk(image)) {
            table = GptTable.read(disk, 512, 256 * MIB / 512);
            GptGrowth.Grow grow = assertInstanceOf(GptGrowth.Grow.class, GptGrowth.plan(table, 1));
            GptGrowth.apply(disk, table, grow);
        }

        String verify = sfdisk(List.of("sfdisk", "--verify", image.toString()), "");
        assertTrue(verify.contains("\nNo errors detected.\n"), verify);
        // Only the alignment's remainder is left free: from the 1 MiB boundary to the last usable LBA.
        assertTrue(verify.contains("A total of 2015 free sectors is available in 1 segment."), verify);
        String dump = sfdisk(List.of("sfdisk", "-d", image.toString()), "");
        long sectors = 256 * MIB / 512;
        long lastUsable = sectors - 34;
        assertEquals(String.valueOf(lastUsable), field(dump, "last-lba: (\\d+)"));
        long end = 2048 + Long.parseLong(field(dump, "start=\\s*2048, size=\\s*(\\d+)")) - 1;
        assertEquals(255 * MIB / 512 - 1, end, "partition ends on the last 1 MiB boundary before the backup");
        assertEquals(0, (end + 1) % 2048);

        try (FileDisk disk = new FileDisk(image)) {
            GptTable again = GptTable.read(disk, 512, sectors);
            assertInstanceOf(GptGrowth.Nothing.class, GptGrowth.plan(again, 1));
        }
    }

    private static String field(String dump, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(dump);
        if (!matcher.find()) {
            throw new AssertionError("no " + regex + " in sfdisk -d:\n" + dump);
        }
        return matcher.group(1);
    }

    private String sfdisk(List<String> command, String input) throws IOException, InterruptedException {
        Path out = dir.resolve("sfdisk.out");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        String output = Files.readString(out);
        assertEquals(0, process.exitValue(), command + ":\n" + output);
        return output;
    }
}
