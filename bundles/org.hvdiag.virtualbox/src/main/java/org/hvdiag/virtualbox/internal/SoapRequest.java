package org.hvdiag.virtualbox.internal;

/**
 * One document/literal SOAP 1.1 request to vboxwebsrv: the operation's element in VirtualBox's
 * namespace, its parameters as unqualified children in the order the WSDL lists them (the WSDL's
 * schema leaves elementFormDefault unqualified).
 */
final class SoapRequest {
    static final String VBOX_NS = "http://www.virtualbox.org/";
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:vbox=\""
            + VBOX_NS + "\"><SOAP-ENV:Body><vbox:";
    private static final String TAIL = "</SOAP-ENV:Body></SOAP-ENV:Envelope>";

    private SoapRequest() {
    }

    /** @param parameters name, value, name, value ... in WSDL order */
    static String of(String operation, String... parameters) {
        if (parameters.length % 2 != 0) {
            throw new IllegalArgumentException(operation + ": parameters must come as name, value pairs");
        }
        StringBuilder sb = new StringBuilder(HEAD.length() + TAIL.length() + 2 * operation.length() + 64);
        sb.append(HEAD).append(operation).append('>');
        for (int i = 0; i < parameters.length; i += 2) {
            sb.append('<').append(parameters[i]).append('>');
            escape(parameters[i + 1], sb);
            sb.append("</").append(parameters[i]).append('>');
        }
        sb.append("</vbox:").append(operation).append('>').append(TAIL);
        return sb.toString();
    }

    private static void escape(String text, StringBuilder sb) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
    }
}
