package org.hvdiag.virtualbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.model.ObjectError;

class VboxFolderTest {
    @TempDir
    Path dir;

    @Test
    void everyVboxFileAtAnyDepthAndOneBrokenFileDoesNotHideTheOthers() {
        VboxFixtures.write(dir.resolve("VirtualBox VMs/Lab XP/Lab XP.vbox"), VboxFixtures.LEGACY);
        VboxFixtures.write(dir.resolve("VirtualBox VMs/Lab XP/Lab XP.vbox-prev"), VboxFixtures.LEGACY);
        VboxFixtures.write(dir.resolve("VirtualBox VMs/Win 10/Win 10.vbox"), VboxFixtures.CURRENT);
        VboxFixtures.write(dir.resolve("VirtualBox VMs/Win 10/Win 10.vbox-tmp"), "<half");
        VboxFixtures.write(dir.resolve("deep/er/still/Ubuntu.VBOX"), VboxFixtures.PLATFORM);
        Path broken = VboxFixtures.write(dir.resolve("VirtualBox VMs/bad/bad.vbox"), "<VirtualBox version=\"1.16\">\n<Machine");

        VboxFolder.Listing l = VboxFolder.read(dir);
        assertEquals(List.of("Lab XP", "Win 10", "Ubuntu 24.04"), l.machines().stream().map(MachineFacts::name).sorted(
                (a, b) -> order(a) - order(b)).toList());
        assertEquals(3, l.machines().size(), "backups and half-written files are not VMs");
        assertEquals(1, l.errors().size(), l.errors().toString());
        ObjectError e = l.errors().get(0);
        assertEquals(broken.toString(), e.object());
        assertEquals("line 2", e.location());
        assertTrue(e.message().startsWith("not well-formed XML"), e.message());
    }

    @Test
    void aSingleFileIsATarget() {
        Path file = VboxFixtures.write(dir.resolve("w.vbox"), VboxFixtures.CURRENT);
        VboxFolder.Listing l = VboxFolder.read(file);
        assertEquals(List.of("Win 10"), l.machines().stream().map(MachineFacts::name).toList());
        assertEquals(List.of(), l.errors());
    }

    @Test
    void aCopiedVmIsReportedNotDoubled() {
        Path first = VboxFixtures.write(dir.resolve("a/Win 10.vbox"), VboxFixtures.CURRENT);
        Path copy = VboxFixtures.write(dir.resolve("b/Win 10.vbox"), VboxFixtures.CURRENT);
        VboxFolder.Listing l = VboxFolder.read(dir);
        assertEquals(1, l.machines().size());
        assertEquals(first.toString(), l.machines().get(0).source());
        assertEquals(copy.toString(), l.errors().get(0).object());
        assertTrue(l.errors().get(0).message().contains("is also the UUID of " + first), l.errors().get(0).message());
    }

    private static int order(String name) {
        return List.of("Lab XP", "Win 10", "Ubuntu 24.04").indexOf(name);
    }
}
