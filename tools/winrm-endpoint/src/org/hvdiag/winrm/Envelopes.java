package org.hvdiag.winrm;

import java.util.Base64;
import java.util.UUID;

/**
 * The answers, written as a Windows host writes them (recorded exchanges of Windows 7, Server 2012
 * and 2016): the same prefixes (s, a, x, w, rsp, p), xml:lang on the envelope, a fresh upper-case
 * uuid MessageID, To the anonymous role, RelatesTo the request's MessageID.
 */
final class Envelopes {
    private Envelopes() {
    }

    private static String open(String action, String relatesTo) {
        return "<s:Envelope xml:lang=\"en-US\" xmlns:s=\"" + Ns.SOAP + "\" xmlns:a=\"" + Ns.ADDRESSING + "\" xmlns:x=\""
                + Ns.TRANSFER + "\" xmlns:w=\"" + Ns.WSMAN + "\" xmlns:rsp=\"" + Ns.SHELL + "\" xmlns:p=\"" + Ns.MS_WSMAN + "\">"
                + header(action, relatesTo);
    }

    private static String header(String action, String relatesTo) {
        return "<s:Header><a:Action>" + action + "</a:Action><a:MessageID>uuid:" + UUID.randomUUID().toString().toUpperCase()
                + "</a:MessageID><a:To>" + Ns.ANONYMOUS + "</a:To><a:RelatesTo>" + Xml.escape(relatesTo) + "</a:RelatesTo></s:Header>";
    }

    /** Create: the new shell's reference (ResourceCreated with the ShellId selector) and its Shell element. */
    static String created(String relatesTo, String address, Shell shell) {
        return open(Ns.ACTION_CREATE + "Response", relatesTo) + "<s:Body><x:ResourceCreated><a:Address>" + Xml.escape(address)
                + "</a:Address><a:ReferenceParameters><w:ResourceURI>" + Ns.CMD_RESOURCE + "</w:ResourceURI><w:SelectorSet>"
                + "<w:Selector Name=\"ShellId\">" + shell.id() + "</w:Selector></w:SelectorSet></a:ReferenceParameters>"
                + "</x:ResourceCreated><rsp:Shell xmlns:rsp=\"" + Ns.SHELL + "\"><rsp:ShellId>" + shell.id() + "</rsp:ShellId>"
                + "<rsp:ResourceUri>" + Ns.CMD_RESOURCE + "</rsp:ResourceUri><rsp:Owner>" + Xml.escape(shell.owner())
                + "</rsp:Owner><rsp:ClientIP>" + Xml.escape(shell.clientIp()) + "</rsp:ClientIP>"
                + "<rsp:IdleTimeOut>PT7200.000S</rsp:IdleTimeOut><rsp:InputStreams>" + Xml.escape(shell.inputStreams())
                + "</rsp:InputStreams><rsp:OutputStreams>" + Xml.escape(shell.outputStreams()) + "</rsp:OutputStreams>"
                + "<rsp:ShellRunTime>P0DT0H0M0S</rsp:ShellRunTime><rsp:ShellInactivity>P0DT0H0M0S</rsp:ShellInactivity>"
                + "</rsp:Shell></s:Body></s:Envelope>";
    }

    static String commandStarted(String relatesTo, String commandId) {
        return open(Ns.ACTION_COMMAND + "Response", relatesTo) + "<s:Body><rsp:CommandResponse><rsp:CommandId>" + commandId
                + "</rsp:CommandId></rsp:CommandResponse></s:Body></s:Envelope>";
    }

    /**
     * Receive: the chunk's data as base64 Stream elements; when the command has nothing more, the
     * End markers of both streams and CommandState Done with the exit code, else CommandState Running.
     */
    static String received(String relatesTo, String commandId, OutputChunk chunk) {
        StringBuilder b = new StringBuilder(open(Ns.ACTION_RECEIVE + "Response", relatesTo));
        b.append("<s:Body><rsp:ReceiveResponse>");
        stream(b, "stdout", commandId, chunk.stdout());
        stream(b, "stderr", commandId, chunk.stderr());
        if (chunk.last()) {
            b.append("<rsp:Stream Name=\"stdout\" CommandId=\"").append(commandId).append("\" End=\"true\"></rsp:Stream>");
            b.append("<rsp:Stream Name=\"stderr\" CommandId=\"").append(commandId).append("\" End=\"true\"></rsp:Stream>");
            b.append("<rsp:CommandState CommandId=\"").append(commandId).append("\" State=\"").append(Ns.STATE_DONE)
                    .append("\"><rsp:ExitCode>").append(chunk.exitCode()).append("</rsp:ExitCode></rsp:CommandState>");
        } else {
            b.append("<rsp:CommandState CommandId=\"").append(commandId).append("\" State=\"").append(Ns.STATE_RUNNING)
                    .append("\"></rsp:CommandState>");
        }
        return b.append("</rsp:ReceiveResponse></s:Body></s:Envelope>").toString();
    }

    private static void stream(StringBuilder b, String name, String commandId, byte[] data) {
        if (data.length > 0) {
            b.append("<rsp:Stream Name=\"").append(name).append("\" CommandId=\"").append(commandId).append("\">")
                    .append(Base64.getEncoder().encodeToString(data)).append("</rsp:Stream>");
        }
    }

    static String signalled(String relatesTo) {
        return open(Ns.ACTION_SIGNAL + "Response", relatesTo) + "<s:Body><rsp:SignalResponse/></s:Body></s:Envelope>";
    }

    static String deleted(String relatesTo) {
        return open(Ns.ACTION_DELETE + "Response", relatesTo) + "<s:Body></s:Body></s:Envelope>";
    }

    /** A fault; {@code machine} is the host name the client addressed, as Windows fills WSManFault@Machine. */
    static String fault(String relatesTo, WsmanFault f, String machine) {
        StringBuilder b = new StringBuilder(1200);
        b.append("<s:Envelope xml:lang=\"en-US\" xmlns:s=\"").append(Ns.SOAP).append("\" xmlns:a=\"").append(Ns.ADDRESSING)
                .append("\" xmlns:x=\"").append(Ns.TRANSFER).append("\" xmlns:e=\"").append(Ns.EVENTING).append("\" xmlns:n=\"")
                .append(Ns.ENUMERATION).append("\" xmlns:w=\"").append(Ns.WSMAN).append("\" xmlns:p=\"").append(Ns.MS_WSMAN)
                .append("\">");
        if (relatesTo != null) {
            b.append(header(Ns.ACTION_FAULT, relatesTo));
        } else {
            b.append("<s:Header><a:Action>").append(Ns.ACTION_FAULT).append("</a:Action><a:MessageID>uuid:")
                    .append(UUID.randomUUID().toString().toUpperCase()).append("</a:MessageID><a:To>").append(Ns.ANONYMOUS)
                    .append("</a:To></s:Header>");
        }
        b.append("<s:Body><s:Fault><s:Code><s:Value>").append(f.code).append("</s:Value><s:Subcode><s:Value>")
                .append(f.subcode).append("</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang=\"en-US\">")
                .append(Xml.escape(f.reason)).append("</s:Text></s:Reason><s:Detail>");
        if (f.faultDetail != null) {
            b.append("<w:FaultDetail>").append(f.faultDetail).append("</w:FaultDetail>");
        }
        b.append("<f:WSManFault xmlns:f=\"").append(Ns.WSMAN_FAULT).append("\" Code=\"").append(f.wsmanCode)
                .append("\" Machine=\"").append(Xml.escape(machine)).append("\"><f:Message>").append(Xml.escape(f.detailMessage))
                .append("</f:Message></f:WSManFault></s:Detail></s:Fault></s:Body></s:Envelope>");
        return b.toString();
    }
}
