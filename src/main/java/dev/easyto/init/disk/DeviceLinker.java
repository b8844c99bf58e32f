package dev.easyto.init.disk;

import static dev.easyto.init.linux.LinuxConstants.O_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.O_NONBLOCK;
import static dev.easyto.init.linux.LinuxConstants.O_RDONLY;

import dev.easyto.init.fs.FileErrors;
import dev.easyto.init.fs.Root;
import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.NvmeCalls;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import dev.easyto.init.log.Failures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * EC2 device names for Amazon NVMe disks (upstream-behaviour §3.4): each block device is asked
 * Identify Controller, and an EBS or instance-store one gets its {@link DeviceLinks} and the I/O
 * timeout amazon-ec2-utils gives it. For the disks present at boot ({@link #linkPresent}) and those
 * that appear later ({@link #added}, from the uevent listener). A device that fails is logged and
 * skipped; nothing here throws.
 *
 * <p>Safety: every device is opened read-only and only asked Identify Controller, which changes
 * nothing on it. The only writes are symbolic links under {@code /dev} and the {@code io_timeout}
 * attribute of Amazon NVMe disks; a device that is not Amazon's gets neither. Synchronized: the boot
 * scan and the listener may meet the same device, and each link is checked before it is made.
 */
public final class DeviceLinker {
    /** amazon-ec2-utils' 70-ec2-nvme-devices.rules: EBS I/O never times out (the maximum, in ms). */
    static final String EBS_IO_TIMEOUT_MS = "4294967295";

    /** The same rules' value for instance store. */
    static final String INSTANCE_STORE_IO_TIMEOUT_MS = "90000";

    private final Root root;
    private final FileCalls fileCalls;
    private final NvmeCalls nvmeCalls;
    private final SymbolicLinks symbolicLinks;

    /** What a scan found: block devices asked, Amazon NVMe disks among them, links made or right. */
    public record Summary(int devices, int amazonDisks, int links) {}

    /** A partition of a disk: its kernel name and number. */
    record Partition(String name, int number) {}

    public DeviceLinker(Root root, FileCalls fileCalls, NvmeCalls nvmeCalls) {
        this.root = root;
        this.fileCalls = fileCalls;
        this.nvmeCalls = nvmeCalls;
        this.symbolicLinks = new SymbolicLinks(root);
    }

    /** Every disk under {@code /sys/block} and its partitions. */
    public synchronized Summary linkPresent() {
        List<String> disks;
        try (Stream<Path> entries = Files.list(root.resolve("/sys/block"))) {
            disks = entries.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            Console.warn("device names: unable to list /sys/block: %s", FileErrors.describe(e));
            return new Summary(0, 0, 0);
        }
        int amazon = 0;
        int links = 0;
        for (String disk : disks) {
            int made = linkDisk(disk, partitionsOf(disk), false);
            if (made >= 0) {
                amazon++;
                links += made;
            }
        }
        return new Summary(disks.size(), amazon, links);
    }

    /** A uevent: an {@code add} of a block disk or partition gets its links; anything else, nothing. */
    public synchronized void added(Uevent event) {
        if (!event.isAdd() || !event.isBlock()) {
            return;
        }
        Optional<String> name = event.devname();
        if (name.isEmpty()) {
            return;
        }
        OptionalInt partition = event.partition();
        boolean isPartition = partition.isPresent()
                || event.devtype().filter("partition"::equals).isPresent();
        if (!isPartition) {
            Console.info("uevent: block device %s added", name.get());
            linkDisk(name.get(), List.of(), true);
            return;
        }
        Optional<String> disk = event.parentName();
        if (disk.isEmpty() || partition.isEmpty()) {
            Console.info("uevent: partition %s added, without its disk or number: no EC2 name", name.get());
            return;
        }
        Console.info("uevent: partition %s of %s added", name.get(), disk.get());
        identify(disk.get(), true)
                .ifPresent(controller ->
                        makeAll(name.get(), DeviceLinks.forPartition(name.get(), partition.getAsInt(), controller)));
    }

    /**
     * Links a disk and the partitions given; returns how many links, or -1 for a disk that is not
     * an Amazon NVMe one.
     */
    private int linkDisk(String disk, List<Partition> partitions, boolean hotplug) {
        Optional<NvmeController> amazon = identify(disk, hotplug);
        if (amazon.isEmpty()) {
            return -1;
        }
        NvmeController controller = amazon.get();
        int links = makeAll(disk, DeviceLinks.forDisk(disk, controller));
        for (Partition partition : partitions) {
            links += makeAll(
                    partition.name(), DeviceLinks.forPartition(partition.name(), partition.number(), controller));
        }
        setIoTimeout(disk, controller.amazonKind().orElseThrow());
        return links;
    }

    /** The Identify Controller answer of an Amazon NVMe device; empty, and a log line, otherwise. */
    private Optional<NvmeController> identify(String name, boolean hotplug) {
        byte[] identify;
        String device = root.resolve("/dev/" + name).toString();
        try {
            // Read-only, and O_NONBLOCK so that an optical drive is not waited for (nor its tray
            // closed): the ioctl is all that is done with the descriptor.
            int fd = fileCalls.open(device, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
            try {
                identify = nvmeCalls.identifyController(fd);
            } finally {
                fileCalls.close(fd);
            }
        } catch (SyscallException e) {
            // ENOTTY or EINVAL: not NVMe, the usual answer, like an empty drive's ENOMEDIUM.
            notNamed(hotplug, "%s: not an NVMe device (%s)", name, e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            Console.warn("device names: %s: %s", name, Failures.describe(e));
            return Optional.empty();
        }
        Optional<NvmeController> controller = NvmeController.parse(identify);
        if (controller.isEmpty()) {
            notNamed(hotplug, "%s: no Identify Controller data", name);
            return Optional.empty();
        }
        if (controller.get().amazonKind().isEmpty()) {
            // Once per device, even at boot: a VM's console shows the disks seen (QEMU's NVMe
            // controllers are vendor 0x1b36) and why they have no EC2 name.
            Console.info(
                    "device names: %s: NVMe %s, not Amazon: no EC2 name",
                    name, controller.get().describe());
            return Optional.empty();
        }
        return controller;
    }

    private static void notNamed(boolean hotplug, String format, Object... args) {
        if (hotplug) {
            Console.info("device names: " + format, args);
        } else {
            Console.debug("device names: " + format, args);
        }
    }

    private int makeAll(String kernelName, List<DeviceLinks.Link> links) {
        int made = 0;
        for (DeviceLinks.Link link : links) {
            try {
                symbolicLinks.make(link);
                Console.info("device names: %s -> %s", link.path(), kernelName);
                made++;
            } catch (IOException | RuntimeException e) {
                Console.warn(
                        "device names: unable to link %s to %s: %s", link.path(), kernelName, FileErrors.describe(e));
            }
        }
        return made;
    }

    /**
     * The block layer's request timeout of an Amazon disk, as amazon-ec2-utils' udev rules set it;
     * there is no udev here to do it. Written in place (a sysfs attribute cannot be replaced by a
     * rename) and never created: a kernel without the attribute gets a warning.
     */
    private void setIoTimeout(String disk, NvmeController.Kind kind) {
        String value = kind == NvmeController.Kind.EBS ? EBS_IO_TIMEOUT_MS : INSTANCE_STORE_IO_TIMEOUT_MS;
        Path attribute = root.resolve("/sys/block/" + disk + "/queue/io_timeout");
        try {
            Files.write(
                    attribute,
                    value.getBytes(StandardCharsets.US_ASCII),
                    StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            Console.info("device names: %s io_timeout set to %s ms", disk, value);
        } catch (IOException | RuntimeException e) {
            Console.warn("device names: unable to set %s io_timeout: %s", disk, FileErrors.describe(e));
        }
    }

    /** The subdirectories of {@code /sys/block/<disk>} with a {@code partition} file: its number. */
    private List<Partition> partitionsOf(String disk) {
        List<Partition> partitions = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root.resolve("/sys/block/" + disk))) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                Path number = entry.resolve("partition");
                if (name.startsWith(disk) && Files.isRegularFile(number)) {
                    partitionNumber(Files.readString(number, StandardCharsets.US_ASCII))
                            .ifPresent(n -> partitions.add(new Partition(name, n)));
                }
            }
        } catch (IOException | RuntimeException e) {
            Console.warn("device names: unable to list the partitions of %s: %s", disk, FileErrors.describe(e));
        }
        return partitions;
    }

    static OptionalInt partitionNumber(String text) {
        String value = text.strip();
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        int number = Integer.parseInt(value);
        return number > 0 ? OptionalInt.of(number) : OptionalInt.empty();
    }
}
