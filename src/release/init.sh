#!/bin/sh
# /.easyto/sbin/init of the JVM release (make release): runs the init on the jlink'ed Java runtime
# beside it, /.easyto/jdk, with the application in /.easyto/app and the AOT cache that make release
# trained, /.easyto/app/app.aot. The kernel runs it as PID 1 and the JVM it execs stays PID 1;
# `/.easyto/sbin/init validate ...` and the other commands run the same way for people.
#
# Needs /bin/sh and glibc (x86-64, /lib64/ld-linux-x86-64.so.2) in the image: the jlink'ed runtime
# is HotSpot, built against glibc. The native release (make release-native) needs neither.
set -eu

# Where the release was unpacked, from this script's own path: as PID 1 nothing is mounted, so
# /proc/self/exe cannot say, but the kernel runs the script by the path it was given.
case "${0}" in
    */sbin/*) easyto=${0%/sbin/*} ;;
    *) easyto=/.easyto ;;
esac

# make release creates the cache by running this script with JAVA_TOOL_OPTIONS naming
# -XX:AOTCacheOutput, and a JVM refuses both options at once, so the cache is only asked for when
# it is there. If it does not fit (a jar's time or size changed since training) the JVM starts
# without it, slower and silently: unpack the release with its files' times kept (tar does).
aot=""
[ ! -f "${easyto}/app/app.aot" ] || aot=-XX:AOTCache=${easyto}/app/app.aot

# A kernel-started PID 1 has HOME, TERM and the command line's KEY=VALUE words in its
# environment; the shell may have added PATH, PWD and SHLVL, which the init would hand on to the
# command. The JVM launcher finds its libraries through /proc/self/exe, which is not mounted yet:
# LD_LIBRARY_PATH stands in, and the init drops it when it re-executes itself.
unset PATH PWD OLDPWD SHLVL
LD_LIBRARY_PATH=${easyto}/jdk/lib
export LD_LIBRARY_PATH

# The flags of the VM boots (src/native-test/vm/init.sh): -Xrs leaves the shutdown signals to the
# init; a small heap, the serial collector and C1 only suit a process that mostly waits. The AOT
# cache was trained with exactly these, as it must be.
exec "${easyto}/jdk/bin/java" -Xrs -XX:+DisableAttachMechanism -XX:-UsePerfData -XX:TieredStopAtLevel=1 \
    -XX:+UseSerialGC -Xmx128m ${aot:+"${aot}"} -jar "${easyto}/app/quarkus-run.jar" "$@"
