package org.hvdiag.esxi.internal;

/**
 * A path as vSphere writes it, {@code [datastore1] web01/web01.vmx}: the datastore's name, then the
 * path inside it with '/' between folders ("" for the datastore's root).
 */
record DatastorePath(String datastore, String path) {

    /** Null when {@code text} is not a datastore path. */
    static DatastorePath parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        int close = t.indexOf(']');
        if (!t.startsWith("[") || close < 2) {
            return null;
        }
        String rest = t.substring(close + 1).strip();
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return new DatastorePath(t.substring(1, close), rest);
    }

    /** The folder that holds this file: {@code [datastore1] web01} for {@code [datastore1] web01/web01.vmx}. */
    DatastorePath folder() {
        int slash = path.lastIndexOf('/');
        return new DatastorePath(datastore, slash < 0 ? "" : path.substring(0, slash));
    }

    DatastorePath resolve(String name) {
        return new DatastorePath(datastore, path.isEmpty() ? name : path + "/" + name);
    }

    @Override
    public String toString() {
        return path.isEmpty() ? "[" + datastore + "]" : "[" + datastore + "] " + path;
    }
}
