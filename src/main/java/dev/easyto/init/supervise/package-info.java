/** Supervisor mode: spawning, the reaper, signals, built-in services and the shutdown sequence. */
package dev.easyto.init.supervise;
