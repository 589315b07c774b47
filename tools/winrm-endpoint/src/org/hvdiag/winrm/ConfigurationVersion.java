package org.hvdiag.winrm;

/** A Hyper-V configuration version such as 9.0 or 10.0, compared by number (10.0 is newer than 9.0). */
record ConfigurationVersion(int major, int minor) implements Comparable<ConfigurationVersion> {

    /** The version, or null when the text is not MAJOR.MINOR. */
    static ConfigurationVersion parse(String text) {
        int dot = text.indexOf('.');
        if (dot < 1 || dot != text.lastIndexOf('.')) {
            return null;
        }
        try {
            return new ConfigurationVersion(Integer.parseInt(text.substring(0, dot)), Integer.parseInt(text.substring(dot + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public int compareTo(ConfigurationVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }
}
