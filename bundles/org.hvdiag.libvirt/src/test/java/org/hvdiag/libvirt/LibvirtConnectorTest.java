package org.hvdiag.libvirt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibvirtConnectorTest {
    @TempDir
    Path dir;

    private final LibvirtConnector connector = new LibvirtConnector();

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void claimsAFolderOnlyThroughADomainFile() throws IOException {
        write("lv/a.xml", "<domain type='kvm'><name>a</name></domain>");
        write("other/pom.xml", "<project/>");
        assertTrue(connector.accepts(dir.resolve("lv").toString()));
        assertFalse(connector.accepts(dir.resolve("other").toString()), "a folder of other XML is not libvirt's");
        assertTrue(connector.accepts("qemu:///system"), "a libvirt URI");
        assertFalse(connector.accepts("vbox://host"), "another scheme");
    }

    @Test
    void leavesAFolderWithVmwareFilesToTheirConnector() throws IOException {
        write("mixed/a.vmx", "config.version = \"8\"\n");
        write("mixed/a.xml", "<domain type='vmware'><name>a</name></domain>");
        assertFalse(connector.accepts(dir.resolve("mixed").toString()));
        assertTrue(connector.accepts(dir.resolve("mixed/a.xml").toString()), "a domain file named directly is libvirt's");
    }
}
