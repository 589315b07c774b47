package org.hvdiag.hyperv.internal;

import org.hvdiag.core.connector.ConnectorException;

/** Scripts through a WinRS shell over WS-Management: one shell and one command per script. */
final class WinrmScriptRunner implements ScriptRunner {
    private final WsmanClient client;
    private final WinrmShell shell;

    WinrmScriptRunner(WsmanTransport transport, WsmanSettings settings) {
        this.client = new WsmanClient(transport);
        this.shell = new WinrmShell(client, settings);
    }

    @Override
    public String where() {
        return client.where();
    }

    @Override
    public ShellResult run(PowerShellCommand command) throws ConnectorException {
        return shell.run(PowerShellCommand.PROGRAM, command.arguments());
    }
}
