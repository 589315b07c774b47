package org.hvdiag.virtualbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.connector.UnreadableFile;

class VboxSettingsFileTest {
    @TempDir
    Path dir;

    @Test
    void legacyLayoutStandsForOhciAndEhciWithTheirFilters() throws Exception {
        Path file = VboxFixtures.write(dir.resolve("xp.vbox"), VboxFixtures.LEGACY);
        MachineFacts m = VboxSettingsFile.read(file);
        assertEquals("11111111-2222-4333-8444-555555555555", m.id(), "braces stripped");
        assertEquals("Lab XP", m.name());
        assertEquals(file.toString(), m.source());
        assertEquals("WindowsXP", m.osTypeId());
        assertEquals("1.12-windows", m.settingsVersion());
        assertEquals(2, m.cpuCount());
        assertEquals(512, m.memoryMiB());
        assertEquals("BIOS", m.firmware(), "no Firmware element: VirtualBox's default");
        assertEquals(List.of(new MachineFacts.Controller("OHCI", "OHCI"), new MachineFacts.Controller("EHCI", "EHCI")),
                m.controllers());
        assertEquals(2, m.filters().size());
        MachineFacts.Filter token = m.filters().get(1);
        assertEquals(1, token.position());
        assertEquals("Token", token.name());
        assertFalse(token.active());
        assertEquals("096E", token.vendorId());
        assertEquals("0x0006", token.productId());
        assertEquals("A1B2", token.serialNumber());
        assertEquals("no", token.remote());
        assertEquals(0, m.snapshotCount());
        assertEquals("", m.state());
    }

    @Test
    void legacyControllerSwitchedOffIsNoController() throws Exception {
        Path file = VboxFixtures.write(dir.resolve("off.vbox"), VboxFixtures.LEGACY
                .replace("enabled=\"true\" enabledEhci=\"true\"", "enabled=\"false\" enabledEhci=\"false\""));
        MachineFacts m = VboxSettingsFile.read(file);
        assertEquals(List.of(), m.controllers());
        assertEquals(2, m.filters().size(), "the filters stay in the settings even with USB off");
    }

    @Test
    void currentLayoutReadsOnlyTheMachinesOwnHardware() throws Exception {
        MachineFacts m = VboxSettingsFile.read(VboxFixtures.write(dir.resolve("w.vbox"), VboxFixtures.CURRENT));
        assertEquals("abcdef01-2345-4678-9abc-def012345678", m.id());
        assertEquals(List.of(new MachineFacts.Controller("xHCI", "XHCI")), m.controllers(),
                "the snapshot's OHCI and EHCI are not the VM's");
        assertEquals(List.of("Logitech Receiver", "Logitech Receiver"), m.filters().stream().map(MachineFacts.Filter::name).toList());
        assertEquals(4, m.cpuCount());
        assertTrue(m.cpuHotPlug());
        assertEquals(8192, m.memoryMiB());
        assertEquals("EFI", m.firmware());
        assertEquals("ICH9", m.chipset());
        assertEquals(2, m.snapshotCount(), "the snapshot and its child");
        assertEquals("7.0.14r161095", m.guestAdditionsVersion());
        assertEquals("2", m.filters().get(0).port());
    }

    @Test
    void settings120KeepChipsetAndCpusUnderPlatform() throws Exception {
        MachineFacts m = VboxSettingsFile.read(VboxFixtures.write(dir.resolve("u.vbox"), VboxFixtures.PLATFORM));
        assertEquals("1.20-macosx", m.settingsVersion());
        assertEquals(6, m.cpuCount());
        assertTrue(m.cpuHotPlug());
        assertEquals("ICH9", m.chipset());
        assertEquals("EFI64", m.firmware());
        assertEquals("Saved", m.state(), "a state file means the VM was saved");
    }

    @Test
    void anElementWithoutItsTypeMeansVirtualBoxsDefault() throws Exception {
        // VirtualBox 7.0 writes <Firmware/> with no type for a BIOS VM.
        Path file = VboxFixtures.write(dir.resolve("bare.vbox"), VboxFixtures.CURRENT
                .replace("<Firmware type=\"EFI\"/>", "<Firmware/>").replace("<Chipset type=\"ICH9\"/>", "<Chipset/>"));
        MachineFacts m = VboxSettingsFile.read(file);
        assertEquals("BIOS", m.firmware());
        assertEquals("PIIX3", m.chipset());
    }

    @Test
    void aBrokenFileNamesFileAndLine() {
        Path file = VboxFixtures.write(dir.resolve("broken.vbox"), VboxFixtures.LEGACY.replace("<Memory RAMSize=\"512\"/>",
                "<Memory RAMSize=\"512\">"));
        UnreadableFile e = assertThrows(UnreadableFile.class, () -> VboxSettingsFile.read(file));
        assertEquals(file.toString(), e.file());
        assertTrue(e.line() >= 9, "line " + e.line());
        assertTrue(e.getMessage().startsWith("not well-formed XML, expected a VirtualBox settings file"), e.getMessage());
        assertTrue(e.toError().toString().startsWith(file + ": line " + e.line() + ": "), e.toError().toString());
    }

    @Test
    void aValueVirtualBoxWouldRefuseNamesItsLineAndWhatWasExpected() {
        Path file = VboxFixtures.write(dir.resolve("ram.vbox"), VboxFixtures.LEGACY.replace("RAMSize=\"512\"", "RAMSize=\"lots\""));
        UnreadableFile e = assertThrows(UnreadableFile.class, () -> VboxSettingsFile.read(file));
        assertEquals(9, e.line());
        assertEquals("<Memory RAMSize=\"lots\">, expected a size in MB from 1 up", e.getMessage());

        String uhci = VboxFixtures.CURRENT.replace("type=\"XHCI\"", "type=\"UHCI\"");
        Path usb = VboxFixtures.write(dir.resolve("usb.vbox"), uhci);
        e = assertThrows(UnreadableFile.class, () -> VboxSettingsFile.read(usb));
        assertEquals("USB controller type \"UHCI\", expected OHCI, EHCI or XHCI", e.getMessage());
        assertEquals(lineOf(uhci, "type=\"UHCI\""), e.line());
    }

    @Test
    void otherXmlIsNotAVm() {
        Path global = VboxFixtures.write(dir.resolve("VirtualBox.vbox"),
                "<VirtualBox xmlns=\"http://www.virtualbox.org/\" version=\"1.19-linux\"><Global/></VirtualBox>");
        UnreadableFile e = assertThrows(UnreadableFile.class, () -> VboxSettingsFile.read(global));
        assertTrue(e.getMessage().startsWith("no <Machine> element"), e.getMessage());
        Path html = VboxFixtures.write(dir.resolve("page.vbox"), "<html>\n<body/></html>");
        e = assertThrows(UnreadableFile.class, () -> VboxSettingsFile.read(html));
        assertEquals("the root element is <html>, expected <VirtualBox> (a VirtualBox settings file)", e.getMessage());
        assertEquals(1, e.line());
        Path noUuid = VboxFixtures.write(dir.resolve("nouuid.vbox"), VboxFixtures.LEGACY.replace(
                "uuid=\"{11111111-2222-4333-8444-555555555555}\" ", ""));
        e = assertThrows(UnreadableFile.class, () -> VboxSettingsFile.read(noUuid));
        assertTrue(e.getMessage().startsWith("<Machine> has no uuid attribute, expected the machine's UUID"), e.getMessage());
    }

    @Test
    void aDoctypeIsRefusedAndItsEntityNeverRead() {
        Path secret = VboxFixtures.write(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String hostile = "<?xml version=\"1.0\"?>\n<!DOCTYPE VirtualBox [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>\n"
                + VboxFixtures.LEGACY.substring(VboxFixtures.LEGACY.indexOf("<VirtualBox"))
                        .replace("name=\"Lab XP\"", "name=\"&leak;\"");
        Path file = VboxFixtures.write(dir.resolve("hostile.vbox"), hostile);
        UnreadableFile e = assertThrows(UnreadableFile.class, () -> VboxSettingsFile.read(file));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("a DOCTYPE declaration is not allowed"), e.getMessage());
        assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
    }

    @Test
    void anEntityBombIsRefused() {
        String bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n"
                + "<VirtualBox version=\"1.16\"><Machine uuid=\"{1}\" name=\"&lol2;\"/></VirtualBox>";
        Path file = VboxFixtures.write(dir.resolve("bomb.vbox"), bomb);
        UnreadableFile e = assertThrows(UnreadableFile.class, () -> VboxSettingsFile.read(file));
        assertTrue(e.getMessage().startsWith("a DOCTYPE declaration is not allowed"), e.getMessage());
    }

    @Test
    void aMissingFileSaysSo() {
        UnreadableFile e = assertThrows(UnreadableFile.class, () -> VboxSettingsFile.read(dir.resolve("gone.vbox")));
        assertEquals("cannot read: no such file", e.getMessage());
    }

    private static int lineOf(String text, String part) {
        return (int) text.substring(0, text.indexOf(part)).chars().filter(c -> c == '\n').count() + 1;
    }
}
