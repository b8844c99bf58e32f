package dev.easyto.init.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** One item of {@code volumes}: exactly one kind (docs/behaviour.md §2.3). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
@JsonSubTypes({
    @JsonSubTypes.Type(value = Volume.Ebs.class, name = "ebs"),
    @JsonSubTypes.Type(value = Volume.S3.class, name = "s3"),
    @JsonSubTypes.Type(value = Volume.Ssm.class, name = "ssm"),
    @JsonSubTypes.Type(value = Volume.SecretsManager.class, name = "secrets-manager"),
    @JsonSubTypes.Type(value = Volume.Template.class, name = "template")
})
public sealed interface Volume {

    Mount mount();

    /** Returns the same volume with its mount's ownership and mode defaults applied. */
    Volume withMountDefaults(long userId, long groupId);

    /** EBS mount points default to 0755; the mode is meaningless for the file-writing kinds. */
    String EBS_DEFAULT_MODE = "0755";

    @RegisterForReflection
    record Ebs(String device, Attachment attachment, Mount mount) implements Volume {
        /**
         * The filesystems the init can make on a blank volume, with the {@code mkfs.<type>} that
         * easyto puts in every image; any other type mounts a volume that already has one.
         */
        public static final List<String> FORMATTABLE = List.of("ext2", "ext3", "ext4", "btrfs", "xfs");

        /** A filesystem type as the kernel names it; also a file name ({@code mkfs.<type>}). */
        public static final Pattern FS_TYPE = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

        /** How long the device may take to appear when no attachment says (upstream's default). */
        public Duration timeout() {
            return Duration.ofSeconds(attachment == null ? Attachment.DEFAULT_TIMEOUT_SECONDS : attachment.timeout());
        }

        @Override
        public Volume withMountDefaults(long userId, long groupId) {
            return mount == null
                    ? this
                    : new Ebs(device, attachment, mount.withDefaults(userId, groupId, EBS_DEFAULT_MODE));
        }
    }

    /** Attach an existing volume found by tags; {@code timeout} is in seconds. */
    @RegisterForReflection
    record Attachment(List<Tag> tags, long timeout) {
        public static final long DEFAULT_TIMEOUT_SECONDS = 300;

        /** A day: a boot that waits longer for a volume is a boot that is stuck. */
        public static final long MAX_TIMEOUT_SECONDS = 86_400;
    }

    /** A tag filter; a null value matches any value of the key. */
    @RegisterForReflection
    record Tag(String key, String value) {}

    @RegisterForReflection
    record S3(String bucket, String keyPrefix, Mount mount, boolean optional) implements Volume {
        @Override
        public Volume withMountDefaults(long userId, long groupId) {
            return new S3(bucket, keyPrefix, mount.withDefaults(userId, groupId, mount.mode()), optional);
        }
    }

    @RegisterForReflection
    record Ssm(String path, Mount mount, boolean optional) implements Volume {
        @Override
        public Volume withMountDefaults(long userId, long groupId) {
            return new Ssm(path, mount.withDefaults(userId, groupId, mount.mode()), optional);
        }
    }

    @RegisterForReflection
    record SecretsManager(String secretId, Mount mount, boolean optional) implements Volume {
        @Override
        public Volume withMountDefaults(long userId, long groupId) {
            return new SecretsManager(secretId, mount.withDefaults(userId, groupId, mount.mode()), optional);
        }
    }

    /**
     * {@code variables} is the YAML value as plain Java data (maps, lists, strings, numbers,
     * booleans, null); whether it is a usable mapping is decided when rendering, where upstream
     * reports it, so that an optional template can be skipped instead of failing the boot.
     */
    @RegisterForReflection
    record Template(String content, Object variables, boolean optional, Mount mount) implements Volume {
        /** Configuration, readable by all, as upstream writes it. */
        public static final String DEFAULT_MODE = "0644";

        /** When the variables can bring in a value fetched by env-from: owner only (ours, not upstream's). */
        public static final String SECRET_MODE = "0600";

        @Override
        public Volume withMountDefaults(long userId, long groupId) {
            return withMountDefaults(userId, groupId, false);
        }

        /** {@code fetched}: the variables refer to a value env-from fetches ({@link FetchedReferences}). */
        Template withMountDefaults(long userId, long groupId, boolean fetched) {
            return new Template(
                    content,
                    variables,
                    optional,
                    mount.withDefaults(userId, groupId, fetched ? SECRET_MODE : DEFAULT_MODE));
        }
    }
}
