package org.hvdiag.audit;

import java.util.List;

import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Vm;

/**
 * A rule about what a VM's logs say happened, read beside its configuration: it runs after the
 * configuration rules, and sees their findings on the same VM, so it can name the setting that
 * explains a crash. It runs only when an audit reads evidence.
 */
public non-sealed interface EvidenceRule extends Rule {
    void evaluate(Vm vm, VmEvidence evidence, List<Finding> configFindings, FindingSink findings);
}
