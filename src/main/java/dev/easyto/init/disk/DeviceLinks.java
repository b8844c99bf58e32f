package dev.easyto.init.disk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The links an Amazon NVMe disk or partition gets, as paths under {@code /dev} and targets relative
 * to the link's directory, which stay right wherever {@code /dev} is mounted:
 *
 * <ul>
 *   <li>{@code /dev/<ec2 name>} to the disk, {@code /dev/<ec2 name><N>} to partition N, or {@code
 *       /dev/<ec2 name>p<N>} when the EC2 name ends with a digit ({@code /dev/xvdb1} but {@code
 *       /dev/ephemeral0p1}), as upstream and amazon-ec2-utils make them;
 *   <li>{@code /dev/disk/by-id/nvme-<model>_<serial>} and {@code …-part<N>}, as systemd-udev's
 *       60-persistent-storage.rules makes them for every NVMe disk (model and serial from sysfs,
 *       whitespace and anything else udev would not put in a link name replaced by {@code _}): on
 *       EBS {@code nvme-Amazon_Elastic_Block_Store_vol0123…}. There is no udev here to make them.
 * </ul>
 */
public final class DeviceLinks {
    private DeviceLinks() {}

    /** A symbolic link to make: {@code path} absolute in the init's namespace, {@code target} relative. */
    public record Link(String path, String target) {}

    private static final String BY_ID = "/dev/disk/by-id/";
    private static final String FROM_BY_ID = "../../";

    /** The links of the whole disk {@code kernelName} ({@code nvme1n1}). */
    public static List<Link> forDisk(String kernelName, NvmeController controller) {
        List<Link> links = new ArrayList<>();
        // An EC2 name that is the kernel's own (xvda on a Xen instance) is the node itself.
        controller
                .ec2Name()
                .filter(name -> !name.equals(kernelName))
                .ifPresent(name -> links.add(new Link("/dev/" + name, kernelName)));
        byId(controller).ifPresent(id -> links.add(new Link(BY_ID + id, FROM_BY_ID + kernelName)));
        return links;
    }

    /**
     * The links of partition {@code number} ({@code nvme1n1p2}, 2) of a disk whose controller is
     * {@code controller}.
     */
    public static List<Link> forPartition(String kernelName, int number, NvmeController controller) {
        List<Link> links = new ArrayList<>();
        controller.ec2Name().ifPresent(name -> links.add(new Link("/dev/" + partitionName(name, number), kernelName)));
        byId(controller).ifPresent(id -> links.add(new Link(BY_ID + id + "-part" + number, FROM_BY_ID + kernelName)));
        return links;
    }

    /** {@code sdf1}, or {@code ephemeral0p1} where a digit would run into the number. */
    static String partitionName(String ec2Name, int number) {
        boolean endsWithDigit = Character.isDigit(ec2Name.charAt(ec2Name.length() - 1));
        return ec2Name + (endsWithDigit ? "p" : "") + number;
    }

    /** {@code nvme-<model>_<serial>}; none when either is empty, as udev's rule needs both. */
    static Optional<String> byId(NvmeController controller) {
        if (controller.model().isEmpty() || controller.serial().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("nvme-" + udevEscaped(controller.model()) + "_" + udevEscaped(controller.serial()));
    }

    /**
     * What udev does to a value substituted into a link name: whitespace becomes {@code _}, and so
     * does any character outside its plain set (ASCII letters and digits, {@code #+-.:=@_}); the
     * slash too, since a serial must stay one path component.
     */
    static String udevEscaped(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "#+-.:=@_".indexOf(c) >= 0;
            escaped.append(plain ? c : '_');
        }
        String result = escaped.toString();
        // "." and ".." would name directories, not links.
        return result.equals(".") || result.equals("..") ? result.replace('.', '_') : result;
    }
}
