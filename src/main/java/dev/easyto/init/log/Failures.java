package dev.easyto.init.log;

/** How an unexpected Throwable is named in a console line: never with a stack trace. */
public final class Failures {
    private Failures() {}

    /**
     * An exception by its message (ours say what failed and where); an {@link Error} by its class
     * too, since "StackOverflowError" or "OutOfMemoryError: Java heap space" is the message.
     */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (failure instanceof Error) {
            return message == null
                    ? failure.getClass().getSimpleName()
                    : failure.getClass().getSimpleName() + ": " + message;
        }
        return message == null ? failure.getClass().getSimpleName() : message;
    }
}
