package dev.easyto.init.boot;

/**
 * A phase result that may carry a note for the boot trace: what went wrong in a phase whose
 * failure does not stop the boot (growing the root volume), so that it is on record beside the
 * phase, not only on the console.
 */
public interface PhaseNote {

    /** The note, or null when there is nothing to say. */
    String note();
}
