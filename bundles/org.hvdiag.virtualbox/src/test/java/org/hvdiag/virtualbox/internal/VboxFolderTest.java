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

    @Test
    void showvminfoCapturesAreReadBesideVboxFilesAndOtherTxtFilesArePassedOver() {
        VboxFixtures.write(dir.resolve("Lab XP/Lab XP.vbox"), VboxFixtures.LEGACY);
        VboxFixtures.write(dir.resolve("captures/win10.showvminfo"), ShowVmInfoFixtures.FULL_70);
        VboxFixtures.write(dir.resolve("captures/lab-07 usb.txt"), ShowVmInfoFixtures.USB_ONLY);
        VboxFixtures.write(dir.resolve("Lab XP/notes.txt"), "Remember: update the Guest Additions = soon\n");
        VboxFixtures.write(dir.resolve("settings.txt"), "colour=blue\nsize=3\n");
        VboxFixtures.write(dir.resolve("empty.txt"), "");

        VboxFolder.Listing l = VboxFolder.read(dir);
        assertEquals(List.of(), l.errors());
        assertEquals(List.of("Lab XP", "Win 10", "lab-07 usb.txt"), l.machines().stream().map(MachineFacts::name).sorted().toList());
    }

    @Test
    void aTxtFileNamedAsTheTargetThatIsNotShowvminfoIsRefusedSayingWhatWasExpected() {
        Path notes = VboxFixtures.write(dir.resolve("notes.txt"), "\nLab PCs: USB 3 on all of them\n");
        VboxFolder.Listing l = VboxFolder.read(notes);
        assertEquals(List.of(), l.machines());
        assertEquals(1, l.errors().size());
        ObjectError e = l.errors().get(0);
        assertEquals(notes.toString(), e.object());
        assertEquals("line 2", e.location());
        assertEquals("not VBoxManage showvminfo --machinereadable output: expected key=value lines such as name=\"...\", "
                + "UUID=\"...\", usb=\"on\", found \"Lab PCs: USB 3 on all of them\"", e.message());
    }

    @Test
    void aTxtFileNamedAsTheTargetThatIsShowvminfoIsRead() {
        Path capture = VboxFixtures.write(dir.resolve("win10.txt"), ShowVmInfoFixtures.FULL_70);
        VboxFolder.Listing l = VboxFolder.read(capture);
        assertEquals(List.of(), l.errors());
        assertEquals(List.of("Win 10"), l.machines().stream().map(MachineFacts::name).toList());
    }

    @Test
    void aBrokenCaptureInAFolderIsAnErrorNamingItsLine() {
        VboxFixtures.write(dir.resolve("w.vbox"), VboxFixtures.CURRENT);
        Path broken = VboxFixtures.write(dir.resolve("pc.showvminfo"), "name=\"PC\"\nusb=\"on\"\n--- cut here ---\n");
        VboxFolder.Listing l = VboxFolder.read(dir);
        assertEquals(List.of("Win 10"), l.machines().stream().map(MachineFacts::name).toList());
        assertEquals(1, l.errors().size());
        assertEquals(broken.toString(), l.errors().get(0).object());
        assertEquals("line 3", l.errors().get(0).location());
    }

    @Test
    void aVmInBothItsVboxFileAndACaptureIsAuditedFromTheVboxFileAndTheCaptureReported() {
        Path capture = VboxFixtures.write(dir.resolve("a/win10.showvminfo"), ShowVmInfoFixtures.FULL_70);
        Path vbox = VboxFixtures.write(dir.resolve("z/Win 10.vbox"), VboxFixtures.CURRENT);
        VboxFolder.Listing l = VboxFolder.read(dir);
        assertEquals(1, l.machines().size());
        assertEquals(vbox.toString(), l.machines().get(0).source());
        assertEquals(1, l.errors().size());
        assertEquals(capture.toString(), l.errors().get(0).object());
        assertTrue(l.errors().get(0).message().contains("is also the UUID of " + vbox), l.errors().get(0).message());
    }

    private static int order(String name) {
        return List.of("Lab XP", "Win 10", "Ubuntu 24.04").indexOf(name);
    }
}
