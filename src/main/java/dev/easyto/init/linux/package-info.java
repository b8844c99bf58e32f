/**
 * Linux system calls, one typed method per call, in one interface per family: {@link
 * dev.easyto.init.linux.FileCalls}, {@link dev.easyto.init.linux.MountCalls}, {@link
 * dev.easyto.init.linux.SignalCalls}, {@link dev.easyto.init.linux.SocketCalls}, {@link
 * dev.easyto.init.linux.ProcessCalls} and {@link dev.easyto.init.linux.MachineCalls}. A call that
 * fails throws {@link dev.easyto.init.linux.SyscallException} naming the call, its arguments and
 * the errno the C library reported. Buffers, socket addresses and ioctl arguments are native
 * segments that stay the caller's.
 *
 * <p>Each family is a CDI bean ({@code linux.ffm.FfmBeans}); code outside CDI (the
 * tests, static helpers) is handed the families it needs. The implementation through the Foreign
 * Function &amp; Memory API is in {@code dev.easyto.init.linux.ffm}.
 */
package dev.easyto.init.linux;
