package org.hvdiag.hyperv.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Hand-written WinRM replies of the shapes Windows sends, for the tests. */
final class Replies {
    private Replies() {
    }

    static final String HEAD = "<s:Envelope xml:lang=\"en-US\" xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
            + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
            + " xmlns:x=\"http://schemas.xmlsoap.org/ws/2004/09/transfer\""
            + " xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\""
            + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\""
            + " xmlns:rsp=\"http://schemas.microsoft.com/wbem/wsman/1/windows/shell\">";

    static String envelope(String action, String body) {
        return HEAD + "<s:Header><a:Action>" + action + "</a:Action><a:MessageID>uuid:0F000000-0000-4000-8000-00000000000"
                + "1</a:MessageID></s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** The older form: the shell id only as the ResourceCreated selector. */
    static String createdBySelector(String shellId) {
        return envelope(WsmanNs.TRANSFER + "/CreateResponse", "<x:ResourceCreated><a:Address>https://h:5986/wsman"
                + "</a:Address><a:ReferenceParameters><w:ResourceURI>" + WsmanNs.CMD_SHELL + "</w:ResourceURI>"
                + "<w:SelectorSet><w:Selector Name=\"ShellId\">" + shellId + "</w:Selector></w:SelectorSet>"
                + "</a:ReferenceParameters></x:ResourceCreated>");
    }

    /** The newer form: the selector and rsp:Shell/rsp:ShellId. */
    static String createdWithShell(String selectorId, String shellId) {
        return envelope(WsmanNs.TRANSFER + "/CreateResponse", "<x:ResourceCreated><a:ReferenceParameters>"
                + "<w:SelectorSet><w:Selector Name=\"ShellId\">" + selectorId + "</w:Selector></w:SelectorSet>"
                + "</a:ReferenceParameters></x:ResourceCreated><rsp:Shell><rsp:ShellId>" + shellId
                + "</rsp:ShellId><rsp:InputStreams>stdin</rsp:InputStreams></rsp:Shell>");
    }

    static String commandStarted(String commandId) {
        return envelope(WsmanNs.SHELL + "/CommandResponse",
                "<rsp:CommandResponse><rsp:CommandId>" + commandId + "</rsp:CommandId></rsp:CommandResponse>");
    }

    static String stream(String name, String commandId, String text, boolean end) {
        return "<rsp:Stream Name=\"" + name + "\" CommandId=\"" + commandId + "\"" + (end ? " End=\"true\"" : "") + ">"
                + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "</rsp:Stream>";
    }

    static String running(String commandId) {
        return "<rsp:CommandState CommandId=\"" + commandId + "\" State=\"" + WsmanNs.SHELL
                + "/CommandState/Running\"/>";
    }

    static String done(String commandId, long exitCode) {
        return "<rsp:CommandState CommandId=\"" + commandId + "\" State=\"" + WsmanNs.COMMAND_STATE_DONE
                + "\"><rsp:ExitCode>" + exitCode + "</rsp:ExitCode></rsp:CommandState>";
    }

    static String received(String... parts) {
        return envelope(WsmanNs.SHELL + "/ReceiveResponse", "<rsp:ReceiveResponse>" + String.join("", parts)
                + "</rsp:ReceiveResponse>");
    }

    static String fault(String subcode, long wsmanCode, String message) {
        return envelope("http://schemas.dmtf.org/wbem/wsman/1/wsman/fault", "<s:Fault><s:Code><s:Value>s:Receiver"
                + "</s:Value><s:Subcode><s:Value>" + subcode + "</s:Value></s:Subcode></s:Code><s:Reason><s:Text "
                + "xml:lang=\"en-US\">" + message + "</s:Text></s:Reason><s:Detail><f:WSManFault xmlns:f=\""
                + WsmanNs.WSMAN_FAULT + "\" Code=\"" + wsmanCode + "\" Machine=\"hv1.example\"><f:Message>" + message
                + "</f:Message></f:WSManFault></s:Detail></s:Fault>");
    }

    static String timedOut() {
        return fault("w:TimedOut", 2150858793L, "The WS-Management service cannot complete the operation within the "
                + "time specified in OperationTimeout.");
    }

    static String accessDenied() {
        return fault("w:AccessDenied", 5, "Access is denied.");
    }

    static String signalled() {
        return envelope(WsmanNs.SHELL + "/SignalResponse", "<rsp:SignalResponse/>");
    }

    static String deleted() {
        return envelope(WsmanNs.TRANSFER + "/DeleteResponse", "");
    }

    /** An item of a WQL query that selects properties: a w:XmlFragment. */
    static String fragment(String name, String state, String... notes) {
        StringBuilder b = new StringBuilder("<w:XmlFragment xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">")
                .append("<ElementName>").append(name).append("</ElementName>");
        b.append(state == null ? "<EnabledState xsi:nil=\"true\"/>" : "<EnabledState>" + state + "</EnabledState>");
        for (String n : notes) {
            b.append("<Notes>").append(n).append("</Notes>");
        }
        return b.append("</w:XmlFragment>").toString();
    }
}
