/**
 * The system-call families through the C library and GraalVM's C interface ({@code @CFunction}),
 * for the native executable only: {@link dev.easyto.init.linux.cif.CifBeans} makes them beans when
 * the application is built with {@code quarkus.native.enabled}. errno is read through glibc's
 * {@code __errno_location()} right after the call that failed. Arguments and messages are made by
 * {@link dev.easyto.init.linux.CallFormat}, as the FFM backend's are.
 *
 * <p>Memory for arguments is Java arrays, pinned for the length of the call ({@code Pins}); byte
 * arrays passed in (buffers, socket addresses, ioctl arguments) are handed to C in place.
 *
 * <p>Only for x86_64 and glibc's layouts, like the FFM backend; musl's sizes of the opaque types
 * used here are the same or smaller.
 */
package dev.easyto.init.linux.cif;
