package org.hvdiag.hyperv.internal;

import java.nio.charset.StandardCharsets;

/**
 * One request ready to send.
 *
 * @param operation the admin's word for it in messages ("Create", "Receive", ...)
 * @param action the WS-Addressing Action
 * @param messageId urn:uuid:..., so a reply's RelatesTo can be matched
 * @param xml the whole SOAP 1.2 envelope
 */
record WsmanMessage(String operation, String action, String messageId, String xml) {

    byte[] bytes() {
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
