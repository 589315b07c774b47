package org.hvdiag.hyperv.internal;

import org.hvdiag.core.connector.ConnectorException;

/**
 * Runs one PowerShell script on the host and brings back its output. Push and undo work through this,
 * so they are tested over a scripted host as well as over WinRM.
 */
interface ScriptRunner {

    /** host:port, for messages. */
    String where();

    /**
     * @throws ConnectorException when the host could not be reached or the command did not finish (a
     *         lost connection, a refused account); a script that ran and failed returns its exit code
     */
    ShellResult run(PowerShellCommand command) throws ConnectorException;
}
