package org.hvdiag.core.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.change.ChangeSupport;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.model.HypervisorKind;

class ConnectorDescriptorTest {
    @TempDir
    Path dir;

    private static final ConnectorDescriptor SERVER = new ConnectorDescriptor("vbox", HypervisorKind.VIRTUALBOX, "web service",
            List.of(new TargetForm.Url("vbox", "vbox://user@host[:18083]"), new TargetForm.Url("vbox+https", "vbox+https://user@host")),
            true, List.of(ConnectorOption.THUMBPRINT));

    @Test
    void urlFormsMatchTheirSchemeOnly() {
        assertTrue(SERVER.accepts("vbox://admin@lab01"));
        assertTrue(SERVER.accepts("vbox+https://admin@lab01:18083"));
        assertFalse(SERVER.accepts("vsphere://admin@vc"));
        assertFalse(SERVER.accepts("vboxadmin@lab01"));
        assertFalse(SERVER.readsFiles());
    }

    @Test
    void fileFormsMatchExistingFoldersAndFilesWithTheirExtension() throws Exception {
        TargetForm.Files vmx = new TargetForm.Files(".vmx", "a folder");
        Path file = Files.writeString(dir.resolve("A.VMX"), "x");
        Files.writeString(dir.resolve("a.txt"), "x");
        assertTrue(vmx.matches(dir.toString()));
        assertTrue(vmx.matches(file.toString()), "extension case does not matter");
        assertFalse(vmx.matches(dir.resolve("a.txt").toString()));
        assertFalse(vmx.matches(dir.resolve("gone").toString()));
        assertFalse(vmx.matches("file://" + dir));
    }

    @Test
    void theUserComesFromTheUrl() {
        assertEquals("administrator%40vsphere.local", TargetForm.Url.userOf("vsphere://administrator%40vsphere.local@vc01:443"));
        assertEquals("", TargetForm.Url.userOf("vsphere://vc01"));
        assertEquals("", TargetForm.Url.userOf("qemu:///system"));
    }

    @Test
    void optionValuesAreCheckedAndCanonical() throws Exception {
        Endpoint e = new Endpoint("vbox://a@b", Map.of("thumbprint", "ab".repeat(32)));
        assertEquals("AB:".repeat(32).substring(0, 95), e.option(ConnectorOption.THUMBPRINT).orElseThrow());
        ConnectorException bad = assertThrows(ConnectorException.class,
                () -> new Endpoint("x", Map.of("thumbprint", "12:34")).option(ConnectorOption.THUMBPRINT));
        assertTrue(bad.getMessage().startsWith("option thumbprint: '12:34' is not a SHA-256 thumbprint"), bad.getMessage());
        assertEquals("16", OptionType.COUNT.canonical(" 16 "));
        assertThrows(IllegalArgumentException.class, () -> OptionType.MEBIBYTES.canonical("0"));
        assertThrows(IllegalArgumentException.class, () -> new ConnectorOption("Host.Cores", OptionType.COUNT, false, "x"));
    }

    @Test
    void thumbprintsAreNormalised() {
        String t = "AB:".repeat(31) + "AB";
        assertEquals(t, OptionType.THUMBPRINT.canonical(t.replace(":", "").toLowerCase()));
        assertThrows(IllegalArgumentException.class, () -> OptionType.THUMBPRINT.canonical("AB:CD"), "too short");
        assertThrows(IllegalArgumentException.class, () -> OptionType.THUMBPRINT.canonical("AB:".repeat(19) + "AB"),
                "a SHA-1 thumbprint is not pinned");
    }

    @Test
    void lookupByIdAndTargetNamesWhatIsInstalled() {
        Connector c = new Connector() {
            @Override public ConnectorDescriptor descriptor() { return SERVER; }
            @Override public Session connect(Endpoint endpoint, Credentials credentials) { throw new UnsupportedOperationException(); }
            @Override public ChangeSupport support(ConfigChange change) { return ChangeSupport.UNSUPPORTED; }
        };
        Connectors installed = new Connectors(List.of(c));
        assertEquals(c, installed.byId("vbox").orElseThrow());
        ConnectorException missing = assertThrows(ConnectorException.class, () -> installed.require("hyperv"));
        assertEquals("the connector 'hyperv' is not installed (installed: vbox)", missing.getMessage());
        ConnectorException unread = assertThrows(ConnectorException.class, () -> installed.forTarget("winrm+https://h"));
        assertTrue(unread.getMessage().contains("vbox://user@host[:18083], vbox+https://user@host"), unread.getMessage());
    }
}
