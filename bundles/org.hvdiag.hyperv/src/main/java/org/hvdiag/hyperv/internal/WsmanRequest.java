package org.hvdiag.hyperv.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the SOAP 1.2 WS-Management envelopes a WinRM client sends: the shell resource's Create,
 * Command, Receive, Signal and Delete, and WQL Enumerate and Pull. Every value passes through
 * {@link XmlText#escape}; nothing is pasted into markup unescaped.
 */
final class WsmanRequest {
    private final WsmanSettings settings;

    WsmanRequest(WsmanSettings settings) {
        this.settings = settings;
    }

    /** A cmd shell with stdin and stdout/stderr; no user profile loaded, output in UTF-8 (code page 65001). */
    WsmanMessage create() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("WINRS_NOPROFILE", "TRUE");
        options.put("WINRS_CODEPAGE", "65001");
        return build("Create", WsmanNs.ACTION_CREATE, WsmanNs.CMD_SHELL, null, options,
                "<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams>"
                        + "<rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>");
    }

    /**
     * Starts a program in the shell. The program and each argument travel as their own elements; WinRS
     * skips cmd.exe (WINRS_SKIP_CMD_SHELL), so no cmd metacharacter (&amp;, |, ^) in an argument is
     * interpreted. Windows still hands a program one command line, so each argument is quoted the way
     * the Microsoft C runtime splits it again ({@link WindowsArgv}).
     */
    WsmanMessage command(String shellId, String program, List<String> arguments) {
        if (program == null || program.isBlank()) {
            throw new IllegalArgumentException("a command needs a program to run");
        }
        StringBuilder body = new StringBuilder("<rsp:CommandLine><rsp:Command>")
                .append(XmlText.escape(WindowsArgv.quote(program))).append("</rsp:Command>");
        for (String a : arguments) {
            body.append("<rsp:Arguments>").append(XmlText.escape(WindowsArgv.quote(a))).append("</rsp:Arguments>");
        }
        body.append("</rsp:CommandLine>");
        Map<String, String> options = new LinkedHashMap<>();
        options.put("WINRS_CONSOLEMODE_STDIN", "TRUE");
        options.put("WINRS_SKIP_CMD_SHELL", "TRUE");
        return build("Command", WsmanNs.ACTION_COMMAND, WsmanNs.CMD_SHELL, shellId(shellId), options, body.toString());
    }

    /** Asks for whatever stdout and stderr the command has written since the last Receive. */
    WsmanMessage receive(String shellId, String commandId) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("WSMAN_CMDSHELL_OPTION_KEEPALIVE", "TRUE");
        return build("Receive", WsmanNs.ACTION_RECEIVE, WsmanNs.CMD_SHELL, shellId(shellId), options,
                "<rsp:Receive><rsp:DesiredStream CommandId=\"" + XmlText.escape(id("CommandId", commandId))
                        + "\">stdout stderr</rsp:DesiredStream></rsp:Receive>");
    }

    WsmanMessage signal(String shellId, String commandId, SignalCode code) {
        return build("Signal", WsmanNs.ACTION_SIGNAL, WsmanNs.CMD_SHELL, shellId(shellId), Map.of(),
                "<rsp:Signal CommandId=\"" + XmlText.escape(id("CommandId", commandId)) + "\"><rsp:Code>"
                        + code.uri() + "</rsp:Code></rsp:Signal>");
    }

    WsmanMessage delete(String shellId) {
        return build("Delete", WsmanNs.ACTION_DELETE, WsmanNs.CMD_SHELL, shellId(shellId), Map.of(), "");
    }

    /**
     * A WQL query whose first items come back in the EnumerateResponse itself (optimized
     * enumeration), saving a round trip for small results.
     *
     * @param resourceUri e.g. http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/*
     */
    WsmanMessage enumerate(String resourceUri, String wql, int maxElements) {
        return build("Enumerate", WsmanNs.ACTION_ENUMERATE, resourceUri, null, Map.of(),
                "<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>" + positive(maxElements)
                        + "</w:MaxElements><w:Filter Dialect=\"" + WsmanNs.WQL + "\">" + XmlText.escape(wql)
                        + "</w:Filter></n:Enumerate>");
    }

    WsmanMessage pull(String resourceUri, String enumerationContext, int maxElements) {
        return build("Pull", WsmanNs.ACTION_PULL, resourceUri, null, Map.of(),
                "<n:Pull><n:EnumerationContext>" + XmlText.escape(id("EnumerationContext", enumerationContext))
                        + "</n:EnumerationContext><n:MaxElements>" + positive(maxElements)
                        + "</n:MaxElements></n:Pull>");
    }

    private WsmanMessage build(String operation, String action, String resourceUri, String shellSelector,
            Map<String, String> options, String body) {
        String messageId = "urn:uuid:" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        StringBuilder x = new StringBuilder(1024 + body.length());
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<s:Envelope xmlns:s=\"").append(WsmanNs.SOAP)
                .append("\" xmlns:a=\"").append(WsmanNs.ADDRESSING)
                .append("\" xmlns:w=\"").append(WsmanNs.WSMAN)
                .append("\" xmlns:p=\"").append(WsmanNs.MS_WSMAN)
                .append("\" xmlns:n=\"").append(WsmanNs.ENUMERATION)
                .append("\" xmlns:rsp=\"").append(WsmanNs.SHELL).append("\">")
                .append("<s:Header>")
                .append("<a:To>").append(XmlText.escape(settings.serviceUrl())).append("</a:To>")
                .append("<a:ReplyTo><a:Address s:mustUnderstand=\"true\">").append(WsmanNs.ANONYMOUS)
                .append("</a:Address></a:ReplyTo>")
                .append("<a:Action s:mustUnderstand=\"true\">").append(action).append("</a:Action>")
                .append("<a:MessageID>").append(messageId).append("</a:MessageID>")
                .append("<w:ResourceURI s:mustUnderstand=\"true\">").append(XmlText.escape(resourceUri))
                .append("</w:ResourceURI>")
                .append("<w:MaxEnvelopeSize s:mustUnderstand=\"true\">").append(settings.maxEnvelopeSize())
                .append("</w:MaxEnvelopeSize>")
                .append("<w:OperationTimeout>").append(settings.operationTimeoutText()).append("</w:OperationTimeout>")
                .append("<w:Locale xml:lang=\"").append(XmlText.escape(settings.locale()))
                .append("\" s:mustUnderstand=\"false\"/>")
                .append("<p:DataLocale xml:lang=\"").append(XmlText.escape(settings.locale()))
                .append("\" s:mustUnderstand=\"false\"/>");
        if (shellSelector != null) {
            x.append("<w:SelectorSet><w:Selector Name=\"ShellId\">").append(XmlText.escape(shellSelector))
                    .append("</w:Selector></w:SelectorSet>");
        }
        if (!options.isEmpty()) {
            x.append("<w:OptionSet s:mustUnderstand=\"true\">");
            options.forEach((k, v) -> x.append("<w:Option Name=\"").append(k).append("\">").append(v)
                    .append("</w:Option>"));
            x.append("</w:OptionSet>");
        }
        x.append("</s:Header><s:Body>").append(body).append("</s:Body></s:Envelope>");
        return new WsmanMessage(operation, action, messageId, x.toString());
    }

    private static String shellId(String shellId) {
        return id("ShellId", shellId);
    }

    private static String id(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a " + what + " is needed (the host's reply gave none)");
        }
        return value;
    }

    private static int positive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("MaxElements must be at least 1, not " + n);
        }
        return n;
    }
}
