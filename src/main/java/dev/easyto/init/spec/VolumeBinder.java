package dev.easyto.init.spec;

import dev.easyto.init.fs.MountOptions;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Binds a {@code volumes[]} item, and the mount it lands at, to a {@link Volume}. */
final class VolumeBinder {
    /** A path under /dev naming a device or a link to one; no {@code ..}. */
    static final Pattern DEVICE = Pattern.compile("/dev/(?!.*(^|/)\\.\\.(/|$))[A-Za-z0-9_][A-Za-z0-9_./:+-]*");

    /**
     * The names AttachVolume takes on current (HVM, Nitro) instances, from AWS's "device names on
     * Linux instances": sd[b-z], xvd[b-z] and xvd[b-c][a-z]; sda1 and xvda are the root's.
     */
    static final Pattern EC2_DEVICE = Pattern.compile("/dev/(sd[b-z]|xvd[b-z]|xvd[b-c][a-z])");

    private final NodeValues values;
    private final ReadLog log;

    VolumeBinder(NodeValues values) {
        this.values = values;
        this.log = values.log();
    }

    Volume volume(UnionItem item) {
        Mapping o = item.body();
        return switch (item.kind()) {
            case "ebs" -> ebs(o, item.path());
            case "s3" ->
                new Volume.S3(
                        o.string("bucket"),
                        o.has("key-prefix") ? o.string("key-prefix") : "",
                        o.object("mount", this::mount),
                        o.flag("optional"));
            case "ssm" -> new Volume.Ssm(o.string("path"), o.object("mount", this::mount), o.flag("optional"));
            case "secrets-manager" ->
                new Volume.SecretsManager(o.string("secret-id"), o.object("mount", this::mount), o.flag("optional"));
            case "template" ->
                new Volume.Template(
                        o.string("content"), o.any("variables"), o.flag("optional"), o.object("mount", this::mount));
            default -> throw new IllegalStateException(item.kind());
        };
    }

    private Volume.Ebs ebs(Mapping o, String path) {
        String device = o.string("device");
        Volume.Attachment attachment = o.object("attachment", this::attachment);
        if (device != null && device.isEmpty()) {
            log.error(o.valueNode("device"), path + ".device", "must not be empty");
        } else if (device != null && !DEVICE.matcher(device).matches()) {
            log.error(
                    o.valueNode("device"),
                    path + ".device",
                    "must be a device path under /dev/, such as /dev/sdf or /dev/nvme1n1, got \"" + device + "\"");
        } else if (device != null
                && attachment != null
                && !EC2_DEVICE.matcher(device).matches()) {
            log.warning(
                    o.valueNode("device"),
                    path + ".device",
                    device + " is not an EC2 device name (/dev/sd[b-z], /dev/xvd[b-z] or /dev/xvd[b-c][a-z]):"
                            + " AttachVolume will refuse it on EC2");
        }
        Mount mount = o.object("mount", this::ebsMount);
        if (mount != null && mount.fsType() == null && o.has("mount")) {
            log.error(
                    o.valueNode("mount"),
                    path + ".mount.fs-type",
                    "is required for an EBS mount (ext2, ext3, ext4, btrfs or xfs)");
        }
        return new Volume.Ebs(device, attachment, mount);
    }

    private Volume.Attachment attachment(Node node, String path) {
        Mapping a = Mapping.of(node, path, UserDataSchema.EBS_ATTACHMENT, values);
        if (a == null) {
            return null;
        }
        List<Volume.Tag> tags = a.list("tags", (tn, tp) -> {
            Mapping t = Mapping.of(tn, tp, UserDataSchema.EBS_TAG, values);
            if (t == null) {
                return null;
            }
            String key = t.string("key");
            if (key != null && key.isBlank()) {
                log.error(t.valueNode("key"), tp + ".key", "must not be empty");
            }
            return new Volume.Tag(key, t.string("value"));
        });
        if (tags == null || tags.isEmpty()) {
            // Upstream's Zig release then attaches any available volume of the zone.
            log.error(
                    a.has("tags") ? a.valueNode("tags") : node,
                    path + ".tags",
                    "at least one tag is required: without one, any available volume in the availability zone"
                            + " would be attached");
        }
        Long timeout = a.uint64("timeout");
        if (timeout != null && (timeout < 1 || timeout > Volume.Attachment.MAX_TIMEOUT_SECONDS)) {
            log.error(
                    a.valueNode("timeout"),
                    path + ".timeout",
                    "must be between 1 and " + Volume.Attachment.MAX_TIMEOUT_SECONDS + " seconds, found " + timeout);
        }
        return new Volume.Attachment(
                tags == null ? List.of() : tags, timeout == null ? Volume.Attachment.DEFAULT_TIMEOUT_SECONDS : timeout);
    }

    private Mount mount(Node node, String path) {
        Mapping o = Mapping.of(node, path, UserDataSchema.MOUNT, values);
        return o == null ? null : bindMount(o, path);
    }

    /** An EBS mount: also the filesystem type and the options, checked as the init will use them. */
    private Mount ebsMount(Node node, String path) {
        Mapping o = Mapping.of(node, path, UserDataSchema.MOUNT, values);
        if (o == null) {
            return null;
        }
        Mount mount = bindMount(o, path);
        if ("/".equals(mount.destination())) {
            log.error(o.valueNode("destination"), path + ".destination", "cannot be /: the volume would hide the root");
        }
        String fsType = mount.fsType();
        if (fsType != null && !Volume.Ebs.FS_TYPE.matcher(fsType).matches()) {
            log.error(
                    o.valueNode("fs-type"),
                    path + ".fs-type",
                    "must be a filesystem type such as ext4 or xfs (lower case letters, digits, '.', '_' and '-'),"
                            + " got \"" + fsType + "\"");
        } else if (fsType != null && !Volume.Ebs.FORMATTABLE.contains(fsType)) {
            log.warning(
                    o.valueNode("fs-type"),
                    path + ".fs-type",
                    "the init formats a blank volume only as " + String.join(", ", Volume.Ebs.FORMATTABLE)
                            + " (or with the image's own /.easyto/sbin/mkfs." + fsType
                            + "); a volume that already holds a " + fsType + " filesystem mounts");
        }
        for (MountOptions.Problem problem : MountOptions.check(mount.options())) {
            log.error(
                    o.itemNode("options", problem.item()),
                    path + ".options[" + problem.item() + "]",
                    "\"" + problem.option() + "\": " + problem.reason());
        }
        return mount;
    }

    private Mount bindMount(Mapping o, String path) {
        String destination = o.string("destination");
        if (destination != null && !destination.startsWith("/")) {
            log.error(
                    o.valueNode("destination"),
                    path + ".destination",
                    "must be an absolute path, got \"" + destination + "\"");
        }
        return new Mount(
                destination,
                o.string("fs-type"),
                o.id("user-id"),
                o.id("group-id"),
                o.mode("mode"),
                o.strings("options"));
    }
}
