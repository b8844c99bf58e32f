package dev.easyto.init.spec;

/** {@code security} as written in user data; null fields were not set. */
public record Security(Boolean readonlyRootFs, Long runAsUserId, Long runAsGroupId, Boolean sshdEnable) {
    public static final Security UNSET = new Security(null, null, null, null);
}
