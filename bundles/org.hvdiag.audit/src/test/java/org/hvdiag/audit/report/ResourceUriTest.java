package org.hvdiag.audit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;

import org.junit.jupiter.api.Test;

class ResourceUriTest {

    @Test
    void filePathsBecomeFileUris() {
        assertEquals("file:///vms/a%20b/c.vmx", ResourceUri.of("/vms/a b/c.vmx"));
        assertEquals("file:///C:/VMs/x%23y.vmx", ResourceUri.of("C:\\VMs\\x#y.vmx"));
        assertEquals("file:///D:/vm.vmx", ResourceUri.of("D:/vm.vmx"));
        assertEquals("file://nas/share/vm%20one/vm.vmx", ResourceUri.of("\\\\nas\\share\\vm one\\vm.vmx"));
        assertEquals("file:///vms/%E2%9C%93.vmx", ResourceUri.of("/vms/✓.vmx"));
    }

    @Test
    void absoluteUrisStayAsTheyAre() {
        assertEquals("qemu+ssh://kvm01/system", ResourceUri.of("qemu+ssh://kvm01/system"));
        assertEquals("qemu:///system", ResourceUri.of("qemu:///system"));
    }

    @Test
    void otherIdsArePercentEncodedRelativeReferences() {
        assertEquals("vm-42", ResourceUri.of("vm-42"));
        assertEquals("vm%3A1", ResourceUri.of("vm:1"), "would otherwise read as scheme 'vm'");
        assertEquals("1%3Aa", ResourceUri.of("1:a"));
        assertEquals("my%20vm%20%3Cb%3E", ResourceUri.of("my vm <b>"));
        for (String id : new String[] {"vm:1", "1:a", "my vm <b>", "a%b", "{uuid}", "C:"}) {
            URI.create(ResourceUri.of(id)); // throws if not a valid URI reference
        }
    }
}
