package org.hvdiag.hyperv.internal;

import java.util.List;
import java.util.Locale;

import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.model.Vm;

/**
 * The four things hvdiag asks of a Hyper-V host, each one script: read everything, read one VM,
 * change one VM and read it back, read the VMs' event logs. Turns exit codes and output into records and the admin's words.
 */
final class HostScripts {
    private final ScriptRunner runner;
    private final String hostId;

    /** A VM as read: the host's JSON record and the model's VM. */
    record VmRead(VmRecord record, Vm vm) {
    }

    /** A change script's end: the VM re-read (exit 0), or Hyper-V's refusal (exit 1). */
    sealed interface ChangeEnd {
        record Done(VmRead after) implements ChangeEnd {
        }

        record Refused(String message) implements ChangeEnd {
        }
    }

    HostScripts(ScriptRunner runner, String hostId) {
        this.runner = runner;
        this.hostId = hostId;
    }

    String where() {
        return runner.where();
    }

    String hostId() {
        return hostId;
    }

    HypervJsonReader.InventoryRead inventory() throws ConnectorException {
        ShellResult r = runner.run(HypervScripts.inventory());
        if (r.exitCode() != 0) {
            throw new ConnectorException("the inventory script failed on " + where() + " (exit code " + r.exitCode() + "): "
                    + message(r));
        }
        try {
            return HypervJsonReader.inventory(r.stdout(), where());
        } catch (HypervJsonException e) {
            throw new ConnectorException("cannot read the inventory of " + where() + ": " + e.getMessage());
        }
    }

    /** Runs evidence.ps1 for the query's VMs: one command, whatever it printed. */
    ShellResult evidence(EvidenceQuery query) throws ConnectorException {
        return runner.run(HypervScripts.evidence(query));
    }

    /** The first line of a failed script's error output, for notes. */
    static String firstError(ShellResult r) {
        return message(r);
    }

    /** The VM as it is now; null when the host has no VM with this id. */
    VmRead read(String vmId) throws ConnectorException {
        ChangeEnd end = change(vmId, List.of());
        if (end instanceof ChangeEnd.Done d) {
            return d.after();
        }
        String m = ((ChangeEnd.Refused) end).message();
        if (isUnknownVm(m)) {
            return null;
        }
        throw new ConnectorException("cannot read VM " + vmId + " on " + where() + ": " + m);
    }

    /**
     * Sends the changes (none: a re-read) and reads the VM back.
     *
     * @throws IllegalArgumentException for a change Hyper-V has nothing for, before anything is sent
     */
    ChangeEnd change(String vmId, List<ConfigChange> changes) throws ConnectorException {
        PowerShellCommand command = HypervScripts.change(PlanJson.of(vmId, changes));
        ShellResult r = runner.run(command);
        if (r.exitCode() != 0) {
            return new ChangeEnd.Refused(message(r));
        }
        try {
            return new ChangeEnd.Done(vm(HypervJsonReader.vm(r.stdout(), "VM " + vmId + " on " + where())));
        } catch (HypervJsonException e) {
            throw new ConnectorException("cannot read VM " + vmId + " back from " + where() + ": " + e.getMessage());
        }
    }

    VmRead vm(VmRecord record) throws HypervJsonException {
        return new VmRead(record, VmMapping.toVm(record, hostId, where()));
    }

    /** Get-VM -Id for an id the host does not have: "Hyper-V was unable to find a virtual machine with id ...". */
    static boolean isUnknownVm(String message) {
        return message.toLowerCase(Locale.ROOT).contains("unable to find a virtual machine");
    }

    private static String message(ShellResult r) {
        String first = PowerShellErrors.firstLine(r.stderr());
        return first.isEmpty() ? "the script wrote no error message" : first;
    }
}
