package org.hvdiag.hyperv.internal;

/** The XML namespaces and URIs of WS-Management as Windows' WinRM speaks it. */
final class WsmanNs {
    static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    static final String ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    static final String MS_WSMAN = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";
    static final String TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    static final String ENUMERATION = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";
    static final String SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    static final String WSMAN_FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    /** The cmd shell resource (WinRS). */
    static final String CMD_SHELL = SHELL + "/cmd";
    static final String ANONYMOUS = ADDRESSING + "/role/anonymous";
    static final String WQL = "http://schemas.microsoft.com/wbem/wsman/1/WQL";
    static final String COMMAND_STATE_DONE = SHELL + "/CommandState/Done";

    static final String ACTION_CREATE = TRANSFER + "/Create";
    static final String ACTION_DELETE = TRANSFER + "/Delete";
    static final String ACTION_COMMAND = SHELL + "/Command";
    static final String ACTION_RECEIVE = SHELL + "/Receive";
    static final String ACTION_SIGNAL = SHELL + "/Signal";
    static final String ACTION_ENUMERATE = ENUMERATION + "/Enumerate";
    static final String ACTION_PULL = ENUMERATION + "/Pull";

    /** WSManFault code of "the operation did not complete within OperationTimeout" (0x80338029). */
    static final long OPERATION_TIMEOUT_CODE = 2150858793L;

    private WsmanNs() {
    }
}
