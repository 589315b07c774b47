package org.hvdiag.virtualbox.internal;

import java.util.ArrayList;
import java.util.List;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.LogFile;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Vm;

/**
 * A registered machine's logs as the web service lists them: IMachine::queryLogFilename(idx)
 * names log idx (0 VBox.log, N VBox.log.N) and answers "" for one that does not exist. On a
 * Windows host with hardening, idx 1 is VBoxHardening.log and VBox.log.N moves to idx N+1
 * (Machine::i_getLogFilename): the hardening log is passed over, and a missing idx 1 does not end
 * the list.
 */
final class MachineLogs {
    private final WebSession ws;

    MachineLogs(WebSession ws) {
        this.ws = ws;
    }

    VmEvidence evidence(Vm vm, EvidenceWindow window) {
        String machine;
        List<LogFile> logs = new ArrayList<>();
        try {
            machine = ws.web().call("IVirtualBox_findMachine", "_this", ws.virtualBox(), "nameOrId", vm.id()).value();
            for (int idx = 0; idx < VboxLogFolder.MAX_FILES; idx++) {
                String name = ws.web().call("IMachine_queryLogFilename", "_this", machine, "idx", Integer.toString(idx)).value();
                if (name.isEmpty()) {
                    if (idx == 1) {
                        continue;
                    }
                    break;
                }
                if (name.endsWith("VBoxHardening.log")) {
                    continue;
                }
                logs.add(new MachineLogFile(ws.web(), machine, idx, name));
            }
        } catch (ConnectorException e) {
            return VmEvidence.unreadable(vm.id(), vm.name(), "cannot list the logs of " + vm.name() + " through "
                    + ws.web().url().hostAndPort() + ": " + e.getMessage());
        }
        if (logs.isEmpty()) {
            return VmEvidence.unreadable(vm.id(), vm.name(), "VirtualBox on " + ws.web().url().hostAndPort()
                    + " has no VBox.log for " + vm.name() + " (IMachine_queryLogFilename answered none: the VM "
                    + "never ran, or its logs were deleted)");
        }
        return VboxLogRead.read(vm, logs, window);
    }
}
