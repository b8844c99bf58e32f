package dev.easyto.init.spec;

import static dev.easyto.init.spec.Shape.Kind.ANY;
import static dev.easyto.init.spec.Shape.Kind.BOOLEAN;
import static dev.easyto.init.spec.Shape.Kind.ID;
import static dev.easyto.init.spec.Shape.Kind.MODE;
import static dev.easyto.init.spec.Shape.Kind.OBJECT;
import static dev.easyto.init.spec.Shape.Kind.OBJECT_LIST;
import static dev.easyto.init.spec.Shape.Kind.STRING;
import static dev.easyto.init.spec.Shape.Kind.STRING_LIST;
import static dev.easyto.init.spec.Shape.Kind.UINT64;
import static dev.easyto.init.spec.Shape.object;
import static dev.easyto.init.spec.Shape.optional;
import static dev.easyto.init.spec.Shape.required;
import static dev.easyto.init.spec.Shape.union;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Every key of EC2 user data, in one table (docs/behaviour.md §2.2 and §2.3). */
public final class UserDataSchema {
    private UserDataSchema() {}

    public static final Shape NAME_VALUE = object(
            "name-value",
            "A name and its value.",
            required("name", STRING, "Variable or sysctl name."),
            required("value", STRING, "Value; numbers and booleans are taken as their text."));

    public static final Shape MOUNT = object(
            "mount",
            "Where a volume lands in the filesystem and who owns it.",
            required("destination", STRING, "Absolute path of the directory or file to write or mount."),
            optional("fs-type", STRING, "Filesystem for an EBS volume: ext2, ext3, ext4, btrfs or xfs."),
            optional("user-id", ID, "Owner uid; defaults to security.run-as-user-id."),
            optional("group-id", ID, "Owner gid; defaults to security.run-as-group-id."),
            optional("mode", MODE, "Octal mode as a quoted string, e.g. \"0755\"."),
            optional("options", STRING_LIST, "Mount options; accepted for compatibility, not applied."));

    public static final Shape EBS_TAG = object(
            "ebs-tag",
            "A tag filter.",
            required("key", STRING, "Tag key."),
            optional("value", STRING, "Tag value; absent matches any value."));

    public static final Shape EBS_ATTACHMENT = object(
            "ebs-attachment",
            "Attach an existing volume found by tags at boot.",
            optional("tags", OBJECT_LIST, EBS_TAG, "Tags the volume must carry."),
            optional("timeout", UINT64, "Seconds to wait for the volume and its device; default 300."));

    public static final Shape EBS_VOLUME = object(
            "ebs-volume",
            "An EBS volume, formatted if blank and mounted.",
            required("device", STRING, "Device name as in the block-device mapping, e.g. /dev/sdf."),
            optional("attachment", OBJECT, EBS_ATTACHMENT, "Find and attach the volume by tags."),
            optional("mount", OBJECT, MOUNT, "Format and mount; absent means attach only."));

    public static final Shape S3_VOLUME = object(
            "s3-volume",
            "Objects copied from S3 once at boot.",
            required("bucket", STRING, "Bucket name."),
            optional("key-prefix", STRING, "Key prefix; empty copies the whole bucket."),
            required("mount", OBJECT, MOUNT, "Destination directory (or file for a single key)."),
            optional("optional", BOOLEAN, "Skip instead of failing when nothing can be fetched."));

    public static final Shape SSM_VOLUME = object(
            "ssm-volume",
            "SSM parameters written as files once at boot.",
            required("path", STRING, "Parameter hierarchy (/a/b/) or a single parameter."),
            required("mount", OBJECT, MOUNT, "Destination directory or file."),
            optional("optional", BOOLEAN, "Skip instead of failing when nothing can be fetched."));

    public static final Shape SECRETS_MANAGER_VOLUME = object(
            "secrets-manager-volume",
            "A secret written as one file once at boot.",
            required("secret-id", STRING, "Secret name or ARN."),
            required("mount", OBJECT, MOUNT, "Destination file."),
            optional("optional", BOOLEAN, "Skip instead of failing when the secret cannot be fetched."));

    public static final Shape TEMPLATE_VOLUME = object(
            "template-volume",
            "A Mustache template rendered to a file at boot.",
            required("content", STRING, "Template text."),
            optional("variables", ANY, "Mapping of template variables; absent or empty writes content literally."),
            optional("optional", BOOLEAN, "Skip instead of failing when rendering or writing fails."),
            required("mount", OBJECT, MOUNT, "Destination file."));

    public static final Shape VOLUME = union(
            "volume",
            "One volume; exactly one of its keys.",
            optional("ebs", OBJECT, EBS_VOLUME, "EBS volume."),
            optional("s3", OBJECT, S3_VOLUME, "S3 objects."),
            optional("ssm", OBJECT, SSM_VOLUME, "SSM parameters."),
            optional("secrets-manager", OBJECT, SECRETS_MANAGER_VOLUME, "Secrets Manager secret."),
            optional("template", OBJECT, TEMPLATE_VOLUME, "Rendered template."));

    public static final Shape IMDS_ENV = object(
            "imds-env",
            "A value from the instance metadata service.",
            required("name", STRING, "Variable name."),
            required("path", STRING, "Path under /latest/meta-data/, e.g. placement/availability-zone."),
            optional("optional", BOOLEAN, "Skip instead of failing when the value cannot be fetched."));

    public static final Shape S3_ENV = object(
            "s3-env",
            "Variables from an S3 object.",
            required("bucket", STRING, "Bucket name."),
            required("key", STRING, "Object key."),
            optional("name", STRING, "One variable holding the object; absent: the object is a JSON map of variables."),
            optional("base64-encode", BOOLEAN, "Base64-encode the value (with name)."),
            optional("optional", BOOLEAN, "Skip instead of failing when the object cannot be fetched."));

    public static final Shape SSM_ENV = object(
            "ssm-env",
            "Variables from an SSM parameter.",
            required("path", STRING, "Parameter name."),
            optional("name", STRING, "One variable holding the value; absent: the value is a JSON map of variables."),
            optional("base64-encode", BOOLEAN, "Base64-encode the value (with name)."),
            optional("optional", BOOLEAN, "Skip instead of failing when the parameter cannot be fetched."));

    public static final Shape SECRETS_MANAGER_ENV = object(
            "secrets-manager-env",
            "Variables from a Secrets Manager secret.",
            required("secret-id", STRING, "Secret name or ARN."),
            optional("name", STRING, "One variable holding the secret; absent: the secret is a JSON map of variables."),
            optional("base64-encode", BOOLEAN, "Base64-encode the value (with name)."),
            optional("optional", BOOLEAN, "Skip instead of failing when the secret cannot be fetched."));

    public static final Shape ENV_FROM = union(
            "env-from",
            "One environment source; exactly one of its keys.",
            optional("imds", OBJECT, IMDS_ENV, "Instance metadata."),
            optional("s3", OBJECT, S3_ENV, "S3 object."),
            optional("ssm", OBJECT, SSM_ENV, "SSM parameter."),
            optional("secrets-manager", OBJECT, SECRETS_MANAGER_ENV, "Secrets Manager secret."));

    public static final Shape SSHD =
            object("sshd", "sshd settings.", optional("enable", BOOLEAN, "Parsed for compatibility; unused."));

    public static final Shape SECURITY = object(
            "security",
            "Identity and root filesystem of the command.",
            optional("readonly-root-fs", BOOLEAN, "Remount / read-only right before the command starts."),
            optional("run-as-user-id", ID, "uid of the command; default the image USER, else 0."),
            optional("run-as-group-id", ID, "gid of the command; default the image USER group, else 0."),
            optional("sshd", OBJECT, SSHD, "sshd settings."));

    public static final Shape USER_DATA = object(
            "user-data",
            "easyto EC2 user data.",
            optional("args", STRING_LIST, "Arguments; default the image Cmd. $(VAR) is expanded."),
            optional("command", STRING_LIST, "Command; default the image Entrypoint. $(VAR) is expanded."),
            optional("debug", BOOLEAN, "Debug logging."),
            optional("disable-services", STRING_LIST, "Built-in services not to start: chrony, ssh."),
            optional("env", OBJECT_LIST, NAME_VALUE, "Environment, merged by name with the image Env."),
            optional("env-from", OBJECT_LIST, ENV_FROM, "Environment sources resolved at boot."),
            optional("init-scripts", STRING_LIST, "Scripts with a #! line, run as root before the command."),
            optional("modules", STRING_LIST, "Kernel modules to load before sysctls are set."),
            optional("replace-init", BOOLEAN, "execve the command as PID 1 instead of supervising it."),
            optional("security", OBJECT, SECURITY, "Identity and root filesystem."),
            optional("shutdown-grace-period", UINT64, "Seconds between SIGTERM and SIGKILL at shutdown; default 10."),
            optional("sysctls", OBJECT_LIST, NAME_VALUE, "Kernel parameters, e.g. net.ipv4.ip_forward."),
            optional("volumes", OBJECT_LIST, VOLUME, "Volumes."),
            optional("working-dir", STRING, "Working directory; default the image WorkingDir, else /."));

    /** Every shape reachable from the top, each once, parents before children. */
    public static List<Shape> allShapes() {
        Set<Shape> seen = new LinkedHashSet<>();
        collect(USER_DATA, seen);
        return new ArrayList<>(seen);
    }

    private static void collect(Shape shape, Set<Shape> seen) {
        if (!seen.add(shape)) {
            return;
        }
        for (Shape.Field field : shape.fields()) {
            if (field.shape() != null) {
                collect(field.shape(), seen);
            }
        }
    }
}
