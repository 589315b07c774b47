package org.hvdiag.esxi.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.vmware.vim25.MethodFault;

/**
 * The vSphere fault type behind a failed call. yavijava maps a SOAP fault to its exception class by
 * setting Throwable's private message field, which Java 17 forbids without --add-opens; it then
 * throws a RemoteException quoting the fault XML. The xsi:type in that text names the fault, so a
 * fault is recognised either way, in the CLI and in any workbench, without JVM flags.
 */
final class FaultName {
    private static final Pattern TYPE = Pattern.compile("xsi:type=\"(?:vim25:)?([A-Za-z]+)\"");
    private static final Pattern FAULT_STRING = Pattern.compile("<faultstring>([^<]*)</faultstring>");

    private FaultName() {
    }

    /** "InvalidLogin", or null when the failure is not a vSphere fault. */
    static String of(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MethodFault) {
                return c.getClass().getSimpleName();
            }
            String m = c.getMessage();
            if (m != null) {
                Matcher t = TYPE.matcher(m);
                if (t.find()) {
                    return t.group(1);
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /** The server's own words for a fault, or null. */
    static String message(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null) {
                Matcher f = FAULT_STRING.matcher(m);
                if (f.find() && !f.group(1).isBlank()) {
                    return f.group(1);
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
