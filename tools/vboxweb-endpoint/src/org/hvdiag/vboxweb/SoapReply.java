package org.hvdiag.vboxweb;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Response envelopes as gSOAP writes them for vboxwebsrv: the namespace table of vboxweb.nsmap on
 * the Envelope, the response wrapper in the vbox prefix, unqualified returnval children; faults with
 * faultcode, faultstring and a detail holding vbox:RuntimeFault or vbox:InvalidObjectFault.
 */
final class SoapReply {
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
            + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
            + " xmlns:vbox=\"http://www.virtualbox.org/\"><SOAP-ENV:Body>";
    private static final String TAIL = "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
    private static final ConcurrentHashMap<String, String[]> WRAPPERS = new ConcurrentHashMap<>();

    private SoapReply() {
    }

    static String ok(String operation, String[] values) {
        String[] w = WRAPPERS.computeIfAbsent(operation,
                op -> new String[] { "<vbox:" + op + "Response>", "</vbox:" + op + "Response>" });
        StringBuilder b = new StringBuilder(HEAD.length() + 128);
        b.append(HEAD).append(w[0]);
        if (values != null) {
            for (String v : values) {
                b.append("<returnval>");
                escape(b, v);
                b.append("</returnval>");
            }
        }
        return b.append(w[1]).append(TAIL).toString();
    }

    static String runtimeFault(VboxError e, String errorInfoRef) {
        StringBuilder b = new StringBuilder(HEAD.length() + 512);
        String text = "VirtualBox error: apirc=" + e.code.hex() + " " + e.getMessage() + " (" + e.code.hex() + ")";
        b.append(HEAD).append("<SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>");
        escape(b, text);
        b.append("</faultstring><detail><vbox:RuntimeFault><resultCode>").append(e.code.value)
                .append("</resultCode><returnval>");
        escape(b, errorInfoRef);
        return b.append("</returnval></vbox:RuntimeFault></detail></SOAP-ENV:Fault>").append(TAIL).toString();
    }

    static String fault(SoapFault f) {
        StringBuilder b = new StringBuilder(HEAD.length() + 256);
        String code = switch (f.kind) {
            case NOT_SERVED -> "SOAP-ENV:Server";
            case BAD_REQUEST -> f.subject.equals("VersionMismatch") ? "SOAP-ENV:VersionMismatch" : "SOAP-ENV:Client";
            default -> "SOAP-ENV:Client";
        };
        b.append(HEAD).append("<SOAP-ENV:Fault><faultcode>").append(code).append("</faultcode><faultstring>");
        escape(b, f.getMessage());
        b.append("</faultstring>");
        if (f.kind == SoapFault.Kind.INVALID_OBJECT) {
            b.append("<detail><vbox:InvalidObjectFault><badObjectID>");
            escape(b, f.subject);
            b.append("</badObjectID></vbox:InvalidObjectFault></detail>");
        }
        return b.append("</SOAP-ENV:Fault>").append(TAIL).toString();
    }

    static void escape(StringBuilder b, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
    }
}
