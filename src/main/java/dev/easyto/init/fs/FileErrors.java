package dev.easyto.init.fs;

import java.io.IOException;

/** Console wording for the JDK's file failures. */
public final class FileErrors {
    private FileErrors() {}

    /**
     * The JDK's file exceptions carry only the path as their message ({@code NoSuchFileException:
     * /srv/x}); their name says what went wrong, so it is kept, except for a plain {@link
     * IOException} or an {@link UnsafePathException}, whose message says it all.
     */
    public static String describe(Exception e) {
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        return e.getClass() == IOException.class || e instanceof UnsafePathException
                ? message
                : e.getClass().getSimpleName() + ": " + message;
    }
}
