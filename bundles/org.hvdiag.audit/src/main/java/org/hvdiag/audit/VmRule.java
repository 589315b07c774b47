package org.hvdiag.audit;

import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.Vm;

/**
 * A rule about one VM, seen with the host it runs on ({@code host} may be null when the connector
 * does not know it). It reports findings to {@code findings}, and reports nothing for a VM that is
 * fine, so that auditing a clean fleet allocates nothing.
 */
public non-sealed interface VmRule extends Rule {
    void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings);
}
