package dev.easyto.init.config;

/**
 * The files of the easyto layout the init reads and writes, all under one directory ({@code
 * /.easyto} on an AMI, {@link InitConfig#home}). Each path is named once, here.
 */
public record Layout(String home) {
    /** Where easyto puts it on every AMI. */
    public static final Layout EASYTO = new Layout("/.easyto");

    /** The image config easyto saved at AMI build time. */
    public String metadata() {
        return home + "/metadata.json";
    }

    /** A tmpfs the init mounts for what lives only while the machine runs. */
    public String run() {
        return home + "/run";
    }

    public String bootTrace() {
        return run() + "/boot-trace.json";
    }

    /** Init scripts are written here, run, and removed. */
    public String initScript(int index) {
        return run() + "/init-" + index;
    }

    public String chronyRun() {
        return run() + "/chrony";
    }

    /** The decompressed copy of user data (upstream's Zig release). */
    public String userDataCopy() {
        return home + "/var/lib/user-data";
    }

    public String modprobe() {
        return home + "/sbin/modprobe";
    }

    /** Says whether an EBS volume holds a filesystem (exit 0) or none (exit 2). */
    public String blkid() {
        return home + "/sbin/blkid";
    }

    /** Formats a blank EBS volume; the image has one per filesystem it can make. */
    public String mkfs(String fsType) {
        return home + "/sbin/mkfs." + fsType;
    }

    /** The image's resize2fs, which grows the root filesystem once its partition has grown. */
    public String resize2fs() {
        return home + "/sbin/resize2fs";
    }

    /** One marker directory per built-in service the AMI carries. */
    public String services() {
        return home + "/services";
    }

    /** easyto makes the login user's home directory here, exactly one. */
    public String loginHomes() {
        return home + "/home";
    }

    public String chronyd() {
        return home + "/sbin/chronyd";
    }

    public String sshd() {
        return home + "/sbin/sshd";
    }

    public String sshdConfig() {
        return home + "/etc/ssh/sshd_config";
    }

    public String sshKeygen() {
        return home + "/bin/ssh-keygen";
    }

    public String sshHostKey(String type) {
        return home + "/etc/ssh/ssh_host_" + type + "_key";
    }
}
