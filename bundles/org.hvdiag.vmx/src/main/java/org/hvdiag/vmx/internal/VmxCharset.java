package org.hvdiag.vmx.internal;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The charset an {@code .encoding} line names, in VMware's names ({@link VmwareCharsetNames}) or Java's.
 * Only charsets that write ASCII as ASCII can hold a .vmx: the parser finds keys, '=', quotes and '#'
 * by their ASCII bytes before it decodes anything.
 * Resolutions are cached: a fleet names the same two or three charsets thousands of times.
 */
final class VmxCharset {
    /** Every ASCII byte a .vmx line is built from, to test that a charset encodes it unchanged. */
    private static final String ASCII_PROBE;

    static {
        StringBuilder s = new StringBuilder("\t\r\n");
        for (char c = 0x20; c < 0x7F; c++) {
            s.append(c);
        }
        ASCII_PROBE = s.toString();
    }

    private static final ConcurrentHashMap<String, Result> CACHE = new ConcurrentHashMap<>();

    /** Either a charset or why the name cannot be used. */
    record Result(Charset charset, String problem) { }

    private VmxCharset() {
    }

    static Result forName(String name) {
        if (name.equalsIgnoreCase("UTF-8")) {
            return new Result(StandardCharsets.UTF_8, null);
        }
        return CACHE.computeIfAbsent(name, VmxCharset::resolve);
    }

    private static Result resolve(String name) {
        String vmwares = VmwareCharsetNames.javaName(name);
        Charset cs;
        try {
            cs = Charset.forName(vmwares != null ? vmwares : name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            if (vmwares != null) {
                // A trimmed runtime (jlink without jdk.charsets) has only the standard charsets.
                return new Result(null, "encoding '" + name + "' is " + vmwares + " in Java, which this Java "
                        + "runtime does not provide (it comes with the jdk.charsets module)");
            }
            return new Result(null, "unknown encoding '" + name + "' (expected a charset name such as UTF-8, "
                    + "windows-1252 or Shift_JIS, or one of VMware's own such as windows-949-2000)");
        }
        byte[] ascii = ASCII_PROBE.getBytes(StandardCharsets.US_ASCII);
        if (!cs.canEncode() || !Arrays.equals(ascii, ASCII_PROBE.getBytes(cs))) {
            return new Result(null, "encoding '" + name + "' does not write ASCII as ASCII (expected an "
                    + "ASCII-compatible charset such as UTF-8 or windows-1252)");
        }
        return new Result(cs, null);
    }
}
