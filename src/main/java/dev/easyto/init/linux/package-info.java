/**
 * Linux system calls, one typed method per call, in one interface per family: {@link
 * dev.easyto.init.linux.FileCalls}, {@link dev.easyto.init.linux.MountCalls}, {@link
 * dev.easyto.init.linux.SignalCalls}, {@link dev.easyto.init.linux.SocketCalls}, {@link
 * dev.easyto.init.linux.ProcessCalls} and {@link dev.easyto.init.linux.MachineCalls}. A call that
 * fails throws {@link dev.easyto.init.linux.SyscallException} naming the call, its arguments and
 * the errno the C library reported, in the same words from either backend ({@link
 * dev.easyto.init.linux.CallFormat}). Buffers, socket addresses and ioctl arguments are byte arrays
 * that stay the caller's, in the C layout (little-endian on x86_64): both backends can serve them
 * without sharing a memory API.
 *
 * <p>Two backends, chosen when the application is built: {@code dev.easyto.init.linux.ffm}, through
 * the Foreign Function &amp; Memory API, in JVM mode (the application, dev mode, the tests), and
 * {@code dev.easyto.init.linux.cif}, through GraalVM's C interface, in the native executable. Each
 * makes every family a CDI bean ({@code FfmBeans}, {@code CifBeans}); code outside CDI (the tests,
 * static helpers) is handed the families it needs.
 */
package dev.easyto.init.linux;
