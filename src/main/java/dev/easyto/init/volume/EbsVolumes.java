package dev.easyto.init.volume;

import dev.easyto.init.aws.AwsClients;
import dev.easyto.init.aws.AwsUnavailableException;
import dev.easyto.init.aws.EbsAttachment;
import dev.easyto.init.aws.ImdsClient;
import dev.easyto.init.disk.Filesystems;
import dev.easyto.init.fs.FileErrors;
import dev.easyto.init.fs.MountOptions;
import dev.easyto.init.fs.Mounts;
import dev.easyto.init.fs.Root;
import dev.easyto.init.fs.SafeFiles;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import dev.easyto.init.retry.RetryPolicy;
import dev.easyto.init.spec.Mount;
import dev.easyto.init.spec.Volume;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code ebs} volume, start to end (docs/behaviour.md §3.3, §3.5): attached by its tags when
 * it has an {@code attachment}, its device waited for, then, with a {@code mount}, formatted if
 * blank and mounted with its options. The volume's timeout (default 300 s) bounds the attachment
 * and the wait for the device together. The mount is recorded with {@link Mounts#mountVolume}, so
 * the shutdown unmounts it for real once every process is gone.
 *
 * <p>The mount point is made as upstream's documented (Rust) behaviour makes it: missing
 * directories are created with {@code mode} and chowned to the mount's ids, and the destination
 * itself is chowned. A filesystem the init has just made gets the same mode and owner on its root
 * directory, so a workload that does not run as root can use a new volume; an existing
 * filesystem's root keeps what it has.
 */
@ApplicationScoped
public class EbsVolumes {
    private final AwsClients aws;
    private final ImdsClient imds;
    private final Filesystems filesystems;
    private final Mounts mounts;
    private final SafeFiles safeFiles;
    private EbsAttachment.Instance instance;

    public EbsVolumes(AwsClients aws, ImdsClient imds, Filesystems filesystems, Mounts mounts, SafeFiles safeFiles) {
        this.aws = aws;
        this.imds = imds;
        this.filesystems = filesystems;
        this.mounts = mounts;
        this.safeFiles = safeFiles;
    }

    /** What was done for one volume. */
    public record Prepared(String device, Optional<String> volumeId, Optional<String> mountedAt, boolean formatted) {}

    /**
     * Attaches, awaits, formats and mounts one volume, as far as it asks for.
     *
     * @throws VolumeException when the volume could not be attached, found, formatted or mounted
     * @throws AwsUnavailableException when the EC2 client could not be made
     */
    public Prepared prepare(Volume.Ebs volume, Root root) throws VolumeException, AwsUnavailableException {
        long deadline = RetryPolicy.deadline(System.nanoTime(), volume.timeout());
        String device = volume.device();
        Optional<String> volumeId = Optional.empty();
        try {
            if (volume.attachment() != null) {
                EbsAttachment attachment = new EbsAttachment(aws.ec2());
                volumeId = Optional.of(
                        attachment.attach(device, volume.attachment().tags(), instance(), deadline));
            }
            awaitDevice(root, device, deadline, volume.timeout().toSeconds(), volumeId);
        } catch (EbsAttachment.AttachmentException e) {
            throw new VolumeException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VolumeException("interrupted while waiting for " + device, e);
        }
        Console.info("EBS volume %s is available", device);
        Mount mount = volume.mount();
        if (mount == null) {
            return new Prepared(device, volumeId, Optional.empty(), false);
        }
        MountOptions options;
        try {
            options = MountOptions.parse(mount.options());
        } catch (IllegalArgumentException e) {
            throw new VolumeException(e.getMessage(), e);
        }
        boolean formatted = false;
        try {
            if (!filesystems.hasFilesystem(device)) {
                filesystems.format(device, mount.fsType());
                formatted = true;
            }
        } catch (Filesystems.FormatException e) {
            throw new VolumeException(e.getMessage(), e);
        }
        int mode = mode(mount);
        Path target = root.resolve(mount.destination());
        mountPoint(root, target, mode, mount);
        try {
            mounts.mountVolume(device, target.toString(), mount.fsType(), options);
        } catch (SyscallException e) {
            throw new VolumeException(
                    "unable to mount " + device + " at " + mount.destination() + " as " + mount.fsType() + ": "
                            + e.getMessage(),
                    e);
        }
        if (formatted && !options.readOnly()) {
            // The new filesystem's root, which the mount now shows at the destination.
            own(root, target, mode, mount);
        }
        Console.info(
                "EBS volume %s mounted at %s (%s%s)",
                device,
                mount.destination(),
                mount.fsType(),
                mount.options() == null || mount.options().isEmpty() ? "" : ", " + String.join(",", mount.options()));
        return new Prepared(device, volumeId, Optional.of(mount.destination()), formatted);
    }

    private synchronized EbsAttachment.Instance instance() throws EbsAttachment.AttachmentException {
        if (instance == null) {
            instance = EbsAttachment.Instance.fromImds(imds);
        }
        return instance;
    }

    /**
     * Waits for the device node (or the EC2 name's link to it, which the NVMe naming makes) to
     * exist: a volume attached a moment ago, or one the kernel is still probing, appears later.
     */
    private static void awaitDevice(Root root, String device, long deadline, long seconds, Optional<String> volumeId)
            throws VolumeException, InterruptedException {
        if (root.exists(device)) {
            return;
        }
        Console.info("waiting for %s to appear (up to %d s)", device, seconds);
        Optional<Boolean> there = RetryPolicy.POLL.await(
                deadline, () -> root.exists(device) ? Optional.of(true) : Optional.<Boolean>empty());
        if (there.isEmpty()) {
            throw new VolumeException("device " + device + " did not appear within " + seconds + " s"
                    + volumeId.map(id -> " (EBS volume " + id + " is attached there)")
                            .orElse(""));
        }
    }

    private static int mode(Mount mount) throws VolumeException {
        String text = mount.mode() == null ? Volume.EBS_DEFAULT_MODE : mount.mode();
        try {
            return Integer.parseInt(text, 8) & 07777;
        } catch (NumberFormatException e) {
            throw new VolumeException("invalid mode \"" + text + "\" for " + mount.destination(), e);
        }
    }

    /**
     * {@code mkdir -p} with the mode, the new directories and the destination chowned (upstream R),
     * walked from the root as {@link SafeFiles} does: the destination is the workload's, and a link
     * a workload planted there must not turn the chown onto a directory of root's.
     */
    private void mountPoint(Root root, Path target, int mode, Mount mount) throws VolumeException {
        try {
            List<Path> created =
                    safeFiles.createDirectories(root, target, permissions(mode), userId(mount), groupId(mount));
            if (created.isEmpty()) {
                safeFiles.setDirectory(root, target, null, userId(mount), groupId(mount));
            }
        } catch (IOException e) {
            throw new VolumeException(
                    "unable to make the mount point " + mount.destination() + ": " + FileErrors.describe(e), e);
        }
    }

    /** chown, then chmod (chown clears the set-id bits a mode may have), through the walk. */
    private void own(Root root, Path path, int mode, Mount mount) throws VolumeException {
        try {
            safeFiles.setDirectory(root, path, permissions(mode), userId(mount), groupId(mount));
        } catch (IOException e) {
            throw new VolumeException(
                    "unable to set the owner or mode of " + mount.destination() + ": " + FileErrors.describe(e), e);
        }
    }

    private static long userId(Mount mount) {
        return mount.userId() == null ? -1 : mount.userId();
    }

    private static long groupId(Mount mount) {
        return mount.groupId() == null ? -1 : mount.groupId();
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        return PosixFilePermissions.fromString(rwx(mode));
    }

    private static String rwx(int mode) {
        StringBuilder text = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = (mode >> shift) & 7;
            text.append((bits & 4) != 0 ? 'r' : '-')
                    .append((bits & 2) != 0 ? 'w' : '-')
                    .append((bits & 1) != 0 ? 'x' : '-');
        }
        return text.toString();
    }
}
