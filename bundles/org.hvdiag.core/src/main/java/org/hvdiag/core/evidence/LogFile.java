package org.hvdiag.core.evidence;

import java.io.IOException;
import java.io.InputStream;

/**
 * One log file wherever it lives (a local folder, a datastore over HTTP, a web service that hands
 * out chunks). Readers open it at an offset so that only the newest bytes travel.
 */
public interface LogFile {

    /** How the admin finds it: a path or a datastore path. */
    String name();

    /** Its length in bytes now; -1 when the server cannot say (it is then read from the start). */
    long size() throws IOException;

    /** The bytes from {@code offset} to the end. */
    InputStream open(long offset) throws IOException;
}
