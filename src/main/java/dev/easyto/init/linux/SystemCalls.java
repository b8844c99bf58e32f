package dev.easyto.init.linux;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes the system-call layer a bean. The backend is chosen when the application is built: in
 * JVM mode (the application, dev mode, the tests) it is the FFM one, {@link FfmLinux}.
 */
@Singleton
public class SystemCalls {

    @Produces
    @Singleton
    Linux linux() {
        return FfmLinux.instance();
    }
}
