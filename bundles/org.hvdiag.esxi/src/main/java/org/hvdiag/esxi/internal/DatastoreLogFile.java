package org.hvdiag.esxi.internal;

import java.io.IOException;
import java.io.InputStream;

import org.hvdiag.core.evidence.LogFile;

/**
 * A vmware.log on a datastore, read over the host's HTTPS file access. Its size comes from the
 * datastore browser's answer (no request), or from a HEAD when the browser gave none.
 */
final class DatastoreLogFile implements LogFile {
    private final DatastoreFileAccess access;
    private final DatastorePath path;
    private final String url;
    private long size;

    DatastoreLogFile(DatastoreFileAccess access, String datacenterPath, DatastorePath path, long size) {
        this.access = access;
        this.path = path;
        this.url = access.url(datacenterPath, path);
        this.size = size;
    }

    @Override
    public String name() {
        return path.toString();
    }

    @Override
    public long size() throws IOException {
        if (size < 0) {
            size = access.size(url, path);
        }
        return size;
    }

    @Override
    public InputStream open(long offset) throws IOException {
        return access.open(url, path, offset);
    }

    @Override
    public String toString() {
        return name();
    }
}
