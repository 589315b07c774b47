package org.hvdiag.hyperv.internal;

/**
 * A SOAP 1.2 fault as WinRM sends it.
 *
 * @param code the Code/Value, e.g. s:Receiver (as written, prefix included)
 * @param subcode the Subcode/Value, e.g. w:TimedOut, w:AccessDenied; "" when none
 * @param reason the Reason/Text
 * @param wsmanCode WSManFault's Code attribute (a Windows error number such as 5 or 2150858793);
 *        null when the fault has no WSManFault detail
 * @param message WSManFault's Message text; "" when none
 * @param machine WSManFault's Machine attribute; "" when none
 */
record WsmanFault(String code, String subcode, String reason, Long wsmanCode, String message, String machine) {

    /**
     * The service found no output within OperationTimeout: not an error, the client asks again.
     * Recognised by WSManFault code 0x80338029 or, without one, by the w:TimedOut subcode.
     */
    boolean isOperationTimeout() {
        if (wsmanCode != null) {
            return wsmanCode == WsmanNs.OPERATION_TIMEOUT_CODE;
        }
        return subcode.endsWith(":TimedOut") || subcode.equals("TimedOut");
    }

    /** The most telling text: WinRM's own message, else the SOAP reason. */
    String text() {
        return !message.isBlank() ? message.strip() : reason.strip();
    }
}
