package org.hvdiag.audit;

/**
 * One audit check. Rules are OSGi services (registered under this interface), so a bundle adds a
 * rule by registering one; outside OSGi, {@link BuiltInRules} lists the rules this bundle ships.
 */
public sealed interface Rule permits VmRule, HostRule, EvidenceRule {
    RuleInfo info();
}
