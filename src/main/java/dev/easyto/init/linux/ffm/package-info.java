/**
 * The system-call families through the C library and the Foreign Function &amp; Memory API, one
 * class per family, errno captured with each call ({@code Linker.Option.captureCallState}). {@link
 * dev.easyto.init.linux.ffm.Ffm} hands them out.
 *
 * <p>Memory for arguments comes from a confined arena per call that is closed before the method
 * returns, so nothing native outlives a call. Segments passed in (buffers, socket addresses, ioctl
 * arguments) must be native segments; they stay the caller's.
 *
 * <p>Only for x86_64: system call numbers, the flag values in {@link
 * dev.easyto.init.linux.LinuxConstants} and the layouts read here are that architecture's.
 */
package dev.easyto.init.linux.ffm;
