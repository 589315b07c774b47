package org.hvdiag.esxi.internal;

import java.util.List;

/**
 * The SOAP envelopes of a paged property read, written as text: the same RetrievePropertiesEx
 * (a ContainerView traversed to its objects) and ContinueRetrievePropertiesEx yavijava would send,
 * with the property collector the service content names.
 */
final class RetrieveRequest {
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope"
            + " xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>";
    private static final String TAIL = "</soapenv:Body></soapenv:Envelope>";

    private RetrieveRequest() {
    }

    /** Every object of {@code type} in the view, with the given property paths, at most {@code page} per answer. */
    static String overView(String collector, String view, String type, List<String> paths, int page) {
        StringBuilder b = new StringBuilder(512).append(HEAD).append("<RetrievePropertiesEx xmlns=\"urn:vim25\">");
        b.append("<_this type=\"PropertyCollector\">").append(escape(collector)).append("</_this>");
        b.append("<specSet><propSet><type>").append(escape(type)).append("</type><all>false</all>");
        for (String p : paths) {
            b.append("<pathSet>").append(escape(p)).append("</pathSet>");
        }
        b.append("</propSet><objectSet><obj type=\"ContainerView\">").append(escape(view)).append("</obj><skip>true</skip>");
        b.append("<selectSet xsi:type=\"TraversalSpec\"><name>view</name><type>ContainerView</type><path>view</path>"
                + "<skip>false</skip></selectSet></objectSet></specSet>");
        b.append("<options><maxObjects>").append(page).append("</maxObjects></options></RetrievePropertiesEx>");
        return b.append(TAIL).toString();
    }

    static String next(String collector, String token) {
        return HEAD + "<ContinueRetrievePropertiesEx xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">" + escape(collector)
                + "</_this><token>" + escape(token) + "</token></ContinueRetrievePropertiesEx>" + TAIL;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
