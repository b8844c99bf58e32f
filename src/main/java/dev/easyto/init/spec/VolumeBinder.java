package dev.easyto.init.spec;

import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Binds a {@code volumes[]} item, and the mount it lands at, to a {@link Volume}. */
final class VolumeBinder {
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
        if (device != null && device.isEmpty()) {
            log.error(o.valueNode("device"), path + ".device", "must not be empty");
        }
        Volume.Attachment attachment = o.object("attachment", this::attachment);
        Mount mount = o.object("mount", this::mount);
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
            return t == null ? null : new Volume.Tag(t.string("key"), t.string("value"));
        });
        Long timeout = a.uint64("timeout");
        return new Volume.Attachment(
                tags == null ? List.of() : tags, timeout == null ? Volume.Attachment.DEFAULT_TIMEOUT_SECONDS : timeout);
    }

    private Mount mount(Node node, String path) {
        Mapping o = Mapping.of(node, path, UserDataSchema.MOUNT, values);
        if (o == null) {
            return null;
        }
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
