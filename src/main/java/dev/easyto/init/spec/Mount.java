package dev.easyto.init.spec;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * Where a volume lands. {@code userId}, {@code groupId} and {@code mode} are null when the user did
 * not set them; the merge fills the run-as defaults (upstream R's {@code update_defaults}).
 */
@RegisterForReflection
public record Mount(String destination, String fsType, Long userId, Long groupId, String mode, List<String> options) {

    Mount withDefaults(long defaultUserId, long defaultGroupId, String defaultMode) {
        return new Mount(
                destination,
                fsType,
                userId != null ? userId : defaultUserId,
                groupId != null ? groupId : defaultGroupId,
                mode != null ? mode : defaultMode,
                options);
    }
}
