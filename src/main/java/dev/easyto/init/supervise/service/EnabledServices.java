package dev.easyto.init.supervise.service;

import java.util.Optional;

/**
 * What discovery found to run: chrony, and ssh with the instance's public key (IMDS {@code
 * public-keys/0/openssh-key}), which its init step writes to the login user's authorized_keys.
 */
public record EnabledServices(boolean chrony, Optional<String> sshPublicKey) {
    public static final EnabledServices NONE = new EnabledServices(false, Optional.empty());

    // The key is public, but it identifies its owner: no reason to put it in logs.
    @Override
    public String toString() {
        return "EnabledServices[chrony=" + chrony + ", ssh=" + sshPublicKey.isPresent() + "]";
    }
}
