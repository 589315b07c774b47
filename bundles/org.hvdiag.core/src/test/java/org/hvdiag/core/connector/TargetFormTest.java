package org.hvdiag.core.connector;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which folders a file connector claims: only those holding its own files, so two never claim one. */
class TargetFormTest {
    @TempDir
    Path dir;

    private final TargetForm.Files vmx = new TargetForm.Files(".vmx", "a folder");
    private final TargetForm.Files vbox = new TargetForm.Files(".vbox", "a folder");

    @Test
    void aFolderMatchesWhenItHoldsAFileOfTheExtensionAtAnyDepth() throws Exception {
        Path deep = Files.createDirectories(dir.resolve("VMs/lab/win10"));
        Files.writeString(deep.resolve("Win10.VMX"), "x");
        assertTrue(vmx.matches(dir.toString()));
        assertTrue(vmx.matches(dir.resolve("VMs").toString()));
        assertFalse(vbox.matches(dir.toString()), "a folder of .vmx files is not a VirtualBox target");
    }

    @Test
    void aFolderOfAnotherHypervisorsFilesIsNotAMatch() throws Exception {
        Path vm = Files.createDirectories(dir.resolve("Ubuntu"));
        Files.writeString(vm.resolve("Ubuntu.vbox"), "<VirtualBox/>");
        Files.writeString(vm.resolve("Ubuntu.vbox-prev"), "<VirtualBox/>");
        assertTrue(vbox.matches(dir.toString()));
        assertFalse(vmx.matches(dir.toString()));
    }

    @Test
    void anEmptyFolderAndAFolderNamedLikeAFileAreNoMatch() throws Exception {
        assertFalse(vmx.matches(dir.toString()), "empty folder");
        Files.createDirectories(dir.resolve("old.vmx"));
        Files.writeString(dir.resolve("notes.vmx.txt"), "x");
        assertFalse(vmx.matches(dir.toString()), "a folder named *.vmx and a *.vmx.txt file are not VM files");
    }

    @Test
    void singleFilesMatchByExtensionAsBefore() throws Exception {
        Path file = Files.writeString(dir.resolve("a.vbox"), "x");
        assertTrue(vbox.matches(file.toString()));
        assertFalse(vmx.matches(file.toString()));
        assertFalse(vbox.matches(dir.resolve("gone.vbox").toString()));
        assertFalse(vbox.matches("vbox://admin@" + dir));
        assertFalse(vbox.matches(" "));
    }
}
