package org.hvdiag.winrm;

/**
 * A SOAP 1.2 fault as Windows' WinRM service writes it: Code (s:Sender or s:Receiver) with a
 * WS-Management or WS-Addressing subcode, Reason, and a Detail with an optional w:FaultDetail and
 * the f:WSManFault carrying the Windows error code and message. Codes and texts are wsmerror.h's
 * (ERROR_WSMAN_*), the timed-out and unknown-shell ones as recorded from real hosts.
 */
final class WsmanFault extends Exception {
    private static final long serialVersionUID = 1L;

    final String code;
    final String subcode;
    final String reason;
    final String faultDetail;
    final long wsmanCode;
    final String detailMessage;

    private WsmanFault(String code, String subcode, String reason, String faultDetail, long wsmanCode, String detailMessage) {
        super(subcode + ": " + detailMessage);
        this.code = code;
        this.subcode = subcode;
        this.reason = reason;
        this.faultDetail = faultDetail;
        this.wsmanCode = wsmanCode;
        this.detailMessage = detailMessage;
    }

    private static final String TIMED_OUT =
            "The WS-Management service cannot complete the operation within the time specified in OperationTimeout.  ";

    /** Receive when the command's output is not ready within OperationTimeout (ERROR_WSMAN_OPERATION_TIMEDOUT). */
    static WsmanFault timedOut() {
        return new WsmanFault("s:Receiver", "w:TimedOut", TIMED_OUT, null, 2150858793L, TIMED_OUT);
    }

    /** A ShellId that is not (or no longer) open: ERROR_WSMAN_UNEXPECTED_SELECTORS, as a host writes it. */
    static WsmanFault shellNotFound(String shellId) {
        return new WsmanFault("s:Sender", "w:InvalidSelectors",
                "The WS-Management service cannot process the request because the request contained invalid selectors for the resource. ",
                "http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/UnexpectedSelectors", 2150858843L,
                "The request for the Windows Remote Shell with ShellId " + shellId + " failed because the shell was not found on the server. "
                        + "Possible causes are: the specified ShellId is incorrect or the shell no longer exists on the server. "
                        + "Provide the correct ShellId or create a new shell and retry the operation. ");
    }

    /** The shell resource without a ShellId selector (Command, Receive, Signal, Delete). */
    static WsmanFault shellIdMissing() {
        return new WsmanFault("s:Sender", "w:InvalidSelectors",
                "The WS-Management service cannot process the request because the request contained invalid selectors for the resource. ",
                "http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/InsufficientSelectors", 2150858842L,
                "The Windows Remote Shell cannot process the request because it requires the following selector: ShellId. "
                        + "Retry with the correct selector. ");
    }

    /** An action the shell resource does not have (ERROR_WSMAN_ACTION_NOT_SUPPORTED). */
    static WsmanFault actionNotSupported() {
        String text = "The WS-Management service does not support the action specified in the request. ";
        return new WsmanFault("s:Sender", "a:ActionNotSupported", text, null, 2150858771L, text);
    }

    /** An account that authenticates but may not use WinRM (not an administrator or Remote Management User). */
    static WsmanFault accessDenied() {
        return new WsmanFault("s:Sender", "w:AccessDenied", "Access is denied. ", null, 5, "Access is denied. ");
    }

    /** A resource URI other than the cmd shell (ERROR_WSMAN_RESOURCE_NOT_FOUND). */
    static WsmanFault resourceNotFound() {
        String text = "The WS-Management service cannot process the request. The service cannot find the resource identified "
                + "by the resource URI and selectors. ";
        return new WsmanFault("s:Sender", "a:DestinationUnreachable", text,
                "http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/InvalidResourceURI", 2150858752L, text);
    }

    /** A body that is not XML, not SOAP 1.2, or not the element the action needs (ERROR_WSMAN_SCHEMA_VALIDATION_ERROR). */
    static WsmanFault notSoap(String why) {
        return new WsmanFault("s:Sender", "w:SchemaValidationError",
                "The SOAP XML in the message does not match the corresponding XML schema definition. Change the XML and retry. ",
                null, 2150858817L, why);
    }

    static WsmanFault missingHeader(String header) {
        return notSoap("the request has no " + header + " header");
    }

    /** An OperationTimeout that is not an xs:duration (ERROR_WSMAN_INVALID_TIMEOUT_HEADER). */
    static WsmanFault invalidTimeout(String value) {
        String text = "The WS-Management service cannot process the request because the timeout header in the request is invalid. ";
        return new WsmanFault("s:Sender", "w:InvalidHeader", text, null, 2150858881L, text + "(" + value + ")");
    }

    /**
     * A CommandId this shell does not know, or a signal code it does not have: Windows' exact answer
     * was not recorded; this is ERROR_INVALID_PARAMETER's text.
     */
    static WsmanFault invalidParameter(String what) {
        return new WsmanFault("s:Sender", "w:InvalidParameter", "The parameter is incorrect. ", null, 87,
                "The parameter is incorrect. (" + what + ")");
    }

    /** The shell could not start the process (WINRS_SKIP_CMD_SHELL and no such program, or too long a line). */
    static WsmanFault processNotStarted(long win32Error, String message) {
        return new WsmanFault("s:Receiver", "w:InternalError", message, null, win32Error, message);
    }
}
