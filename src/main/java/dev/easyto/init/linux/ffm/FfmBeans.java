package dev.easyto.init.linux.ffm;

import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.MachineCalls;
import dev.easyto.init.linux.MountCalls;
import dev.easyto.init.linux.ProcessCalls;
import dev.easyto.init.linux.SignalCalls;
import dev.easyto.init.linux.SocketCalls;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes each system-call family a bean, backed by {@link Ffm}. The backend is chosen when the
 * application is built: in JVM mode (the application, dev mode, the tests) it is this one; a native
 * image is to get a C-interface backend, with producers of its own beside it, enabled instead.
 */
@Singleton
public class FfmBeans {

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
