package org.hvdiag.core.model;

/** The hypervisors hvdiag maps into its model; rules say which of them they apply to. */
public enum HypervisorKind {
    VMWARE_WORKSTATION("VMware Workstation/Fusion (.vmx)"),
    VSPHERE("VMware ESXi/vCenter"),
    VIRTUALBOX("VirtualBox"),
    HYPERV("Hyper-V"),
    LIBVIRT("libvirt/KVM");

    private final String displayName;

    HypervisorKind(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** VMware's two products share hardware versions, USB controller types and .vmx keys. */
    public boolean isVmware() {
        return this == VMWARE_WORKSTATION || this == VSPHERE;
    }
}
