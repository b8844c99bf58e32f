package dev.easyto.init.linux;

/** A signal read from a signalfd, with the process that sent it (0 when the kernel did). */
public record SignalInfo(int signo, int senderPid) {}
