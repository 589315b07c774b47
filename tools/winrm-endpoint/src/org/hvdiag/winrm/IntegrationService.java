package org.hvdiag.winrm;

/** One of a VM's integration services (Get-VMIntegrationService: Name, Enabled). */
record IntegrationService(String name, boolean enabled) {
}
