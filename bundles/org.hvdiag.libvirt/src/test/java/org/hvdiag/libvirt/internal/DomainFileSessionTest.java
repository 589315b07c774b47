package org.hvdiag.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.Precondition;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Inventory;

/** A folder of domain XML files: every domain read, a broken one named, no file ever changed. */
class DomainFileSessionTest {
    @TempDir
    Path dir;

    @Test
    void aFolderIsReadBrokenFilesAreNamedAndFixesAreRefusedNamingLibvirt() throws Exception {
        Files.writeString(dir.resolve("web.xml"), DomainXmlTest.domain("pc-q35-7.2", "",
                "    <controller type='usb' index='0' model='qemu-xhci'/>\n"));
        Files.writeString(dir.resolve("net.xml"), "<network><name>default</name></network>\n");
        Files.writeString(dir.resolve("broken.xml"), "<domain>\n<name>x</name>\n<memory>1\n</domain>\n");
        String before = Files.readString(dir.resolve("web.xml"));
        try (Session s = DomainFileSession.open(dir, Endpoint.of(dir.toString()))) {
            Inventory inv = s.inventory(Progress.NONE);
            assertEquals(1, inv.vms().size(), "the network XML is not a domain");
            assertEquals(HypervisorKind.LIBVIRT, inv.vms().get(0).kind());
            assertEquals(1, inv.errors().size(), inv.errors().toString());
            assertTrue(inv.errors().get(0).object().endsWith("broken.xml"), inv.errors().toString());
            ChangePlan plan = new ChangePlan(inv.vms().get(0).id(), "d", List.of("test"), List.<Precondition>of(),
                    List.of(new ConfigChange.SetVcpus(1)));
            List<ApplyResult> r;
            try (Journal j = Journal.create(dir.resolve("j/j.jsonl"), "libvirt", dir.toString())) {
                r = s.apply(List.of(plan), j, Progress.NONE);
            }
            assertTrue(r.get(0).outcome() != ApplyResult.Outcome.APPLIED);
            assertEquals(DomainFileSession.REFUSAL, r.get(0).detail());
        }
        assertEquals(before, Files.readString(dir.resolve("web.xml")), "the file is untouched");
    }
}
