package org.hvdiag.hyperv.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The scripts hvdiag sends (vm-json.ps1 first, then inventory.ps1 or change.ps1; evidence.ps1 alone), as the protocol in
 * docs/hyperv-script-protocol.md fixes them. A change plan goes into change.ps1 only as base64 of its
 * JSON inside a single-quoted literal: base64 has no quote, so no VM name or value ever becomes code.
 */
final class HypervScripts {
    static final String PLAN_PLACEHOLDER = "HVDIAG_PLAN_BASE64";
    static final String QUERY_PLACEHOLDER = "HVDIAG_QUERY_BASE64";

    private static final String VM_JSON = load("vm-json.ps1");
    private static final String INVENTORY = load("inventory.ps1");
    private static final String CHANGE = load("change.ps1");
    private static final String EVIDENCE = load("evidence.ps1");

    private HypervScripts() {
    }

    static PowerShellCommand inventory() {
        return new PowerShellCommand("inventory", VM_JSON + "\n" + INVENTORY);
    }

    /** The change script for one plan; a plan with no changes re-reads the VM. */
    static PowerShellCommand change(PlanJson plan) {
        String data = Base64.getEncoder().encodeToString(plan.json().getBytes(StandardCharsets.UTF_8));
        PowerShellCommand c = new PowerShellCommand("change", VM_JSON + "\n" + CHANGE.replace(PLAN_PLACEHOLDER, data));
        if (c.commandLineLength() > PowerShellCommand.MAX_COMMAND_LINE) {
            throw new IllegalArgumentException("the plan for VM " + plan.vmId() + " is too long for one Windows command line ("
                    + c.commandLineLength() + " characters, at most " + PowerShellCommand.MAX_COMMAND_LINE + ")");
        }
        return c;
    }

    /**
     * The event log read for some VMs; alone (it prints no VM configuration, so vm-json.ps1 is not sent).
     *
     * @throws IllegalArgumentException when the query makes the command line too long (too many VMs for one script)
     */
    static PowerShellCommand evidence(EvidenceQuery query) {
        String data = Base64.getEncoder().encodeToString(query.json().getBytes(StandardCharsets.UTF_8));
        PowerShellCommand c = new PowerShellCommand("evidence", EVIDENCE.replace(QUERY_PLACEHOLDER, data));
        if (c.commandLineLength() > PowerShellCommand.MAX_COMMAND_LINE) {
            throw new IllegalArgumentException("the event log query for " + query.vmIds().size()
                    + " VMs is too long for one Windows command line (" + c.commandLineLength() + " characters, at most "
                    + PowerShellCommand.MAX_COMMAND_LINE + ")");
        }
        return c;
    }

    private static String load(String name) {
        try (InputStream in = HypervScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks its script " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // A byte order mark or CRLF from an editor would change nothing in PowerShell, but would in the
            // encoded size and in what the endpoint's marker lines match: send one form.
            return text.replace("\uFEFF", "").replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled script " + name, e);
        }
    }
}
