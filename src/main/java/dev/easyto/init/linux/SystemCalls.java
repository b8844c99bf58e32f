package dev.easyto.init.linux;

import dev.easyto.init.linux.ffm.Ffm;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes each system-call family a bean, all produced here. The backend is chosen when the
 * application is built: in JVM mode (the application, dev mode, the tests) it is the FFM one,
 * {@link Ffm}; a native image is to get a C-interface backend, chosen here in the same way.
 */
@Singleton
public class SystemCalls {

    @Produces
    @Singleton
    FileCalls fileCalls() {
        return Ffm.files();
    }

    @Produces
    @Singleton
    MountCalls mountCalls() {
        return Ffm.mounts();
    }

    @Produces
    @Singleton
    SignalCalls signalCalls() {
        return Ffm.signals();
    }

    @Produces
    @Singleton
    SocketCalls socketCalls() {
        return Ffm.sockets();
    }

    @Produces
    @Singleton
    ProcessCalls processCalls() {
        return Ffm.processes();
    }

    @Produces
    @Singleton
    MachineCalls machineCalls() {
        return Ffm.machine();
    }
}
