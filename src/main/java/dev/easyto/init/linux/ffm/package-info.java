/**
 * The system-call families through the C library and the Foreign Function &amp; Memory API, one
 * class per family, errno captured with each call ({@code Linker.Option.captureCallState}). {@link
 * dev.easyto.init.linux.ffm.Ffm} hands them out; {@link dev.easyto.init.linux.ffm.FfmBeans} makes them
 * beans everywhere but in the native executable.
 *
 * <p>Memory for arguments comes from a confined arena per call that is closed before the method
 * returns, so nothing native outlives a call. Byte arrays passed in (buffers, socket addresses,
 * ioctl arguments) are copied into it for the call, and what the call wrote is copied back.
 * Arguments and messages are made by {@link dev.easyto.init.linux.CallFormat}, as the C-interface
 * backend's are.
 *
 * <p>Only for x86_64: system call numbers, the flag values in {@link
 * dev.easyto.init.linux.LinuxConstants} and the layouts read here are that architecture's.
 */
package dev.easyto.init.linux.ffm;
