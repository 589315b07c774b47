package org.hvdiag.audit.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Turns an object id into the URI SARIF wants for an artifact location. A file path (a .vmx on
 * Linux, macOS or Windows, a UNC share) becomes a file URI; an id that is already an absolute URI
 * stays as it is; anything else (a moref, a UUID, a host name) becomes a relative reference with
 * every character outside the unreserved set percent-encoded, so that the result is always a valid
 * URI reference whatever the hypervisor put in the id.
 */
final class ResourceUri {
    private ResourceUri() {
    }

    static String of(String id) {
        if (id.startsWith("\\\\")) {
            return "file://" + encode(id.substring(2).replace('\\', '/'), true);
        }
        if (isDrivePath(id)) {
            return "file:///" + encode(id.replace('\\', '/'), true);
        }
        if (id.startsWith("/")) {
            return "file://" + encode(id, true);
        }
        if (isAbsoluteUri(id)) {
            return id;
        }
        return encode(id, false);
    }

    private static boolean isDrivePath(String id) {
        return id.length() >= 3 && Character.isLetter(id.charAt(0)) && id.charAt(0) < 0x80 && id.charAt(1) == ':'
                && (id.charAt(2) == '\\' || id.charAt(2) == '/');
    }

    /**
     * Only "scheme://..." counts (qemu:///system, vsphere://vc01/): ids such as "vm:1" or "C:x" also
     * parse as URIs, but their prefix is no scheme anybody meant.
     */
    private static boolean isAbsoluteUri(String id) {
        if (!id.contains("://")) {
            return false;
        }
        try {
            URI uri = new URI(id);
            return uri.isAbsolute() && uri.toASCIIString().equals(id);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * Keeps unreserved characters and '/'; keeps ':' only inside file paths, where it cannot be read
     * as a scheme ("vm:1" as a relative reference would be one).
     */
    private static String encode(String text, boolean keepColon) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isUnreserved(c) || c == '/' || (keepColon && c == ':')) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
