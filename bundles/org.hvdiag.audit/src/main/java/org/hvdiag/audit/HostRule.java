package org.hvdiag.audit;

import java.util.List;

import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.Vm;

/** A rule about a host and all the VMs it holds, such as memory overcommit. */
public non-sealed interface HostRule extends Rule {
    void evaluate(Host host, List<Vm> vms, AuditSettings settings, FindingSink findings);
}
