package org.hvdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** `hvdiag inventory`: what the connectors read, checked against the lab's own files. */
class InventoryCommandTest {
    @TempDir
    Path dir;

    @Test
    void jsonValidatesAgainstItsSchemaAndHoldsEveryLabVm() throws IOException {
        Lab.Run run = Lab.hvdiag("inventory", Lab.folder().toString(), "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals(Set.of(), Lab.schemaProblems("hvdiag-inventory.schema.json", doc));
        long vmxFiles;
        try (var files = Files.walk(Lab.folder())) {
            vmxFiles = files.filter(p -> p.toString().endsWith(".vmx")).count();
        }
        JsonNode target = doc.path("targets").get(0);
        assertEquals(vmxFiles, target.path("vms").size());
        assertEquals("lab-workstation-01", target.path("hosts").get(0).path("name").asText(), "the lab's hvdiag-host.properties");
    }

    @Test
    void aVmReadsAsItsFileSays() throws IOException {
        Files.writeString(dir.resolve("w10.vmx"), String.join("\n",
                ".encoding = \"UTF-8\"",
                "displayName = \"w10\"",
                "virtualHW.version = \"14\"",
                "guestOS = \"windows9-64\"",
                "numvcpus = \"4\"",
                "memsize = \"8192\"",
                "firmware = \"efi\"",
                "usb.present = \"TRUE\"",
                "ehci.present = \"TRUE\"",
                "usb.autoConnect.device0 = \"vid:0x0781 pid:0x5567\"",
                ""));
        Lab.Run run = Lab.hvdiag("inventory", dir.toString(), "--format", "json", "--host-cores", "8");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode vm = new ObjectMapper().readTree(run.out()).path("targets").get(0).path("vms").get(0);
        assertEquals("w10", vm.path("name").asText());
        assertEquals("vmx-14", vm.path("hardwareVersion").asText());
        assertEquals("EFI", vm.path("firmware").asText());
        assertEquals("windows9-64", vm.path("guestOs").path("id").asText());
        assertEquals(4, vm.path("vcpus").asInt());
        assertEquals(8192, vm.path("memoryMiB").asInt());
        assertEquals("[\"UHCI\",\"EHCI\"]", types(vm.path("usbControllers")));
        assertEquals("0781", vm.path("usbFilters").get(0).path("vendorId").asText());
        assertEquals("5567", vm.path("usbFilters").get(0).path("productId").asText());
        assertTrue(vm.path("snapshotCount").isNull() || vm.path("snapshotCount").isInt());
    }

    @Test
    void csvTablesAndText() {
        Lab.Run vms = Lab.hvdiag("inventory", Lab.folder().toString(), "--format", "csv");
        assertTrue(vms.out().startsWith("target,vmId,vmName,hostId,powerState,hardwareVersion,"), vms.out());
        Lab.Run usb = Lab.hvdiag("inventory", Lab.folder().toString(), "--format", "csv", "--table", "usb");
        assertTrue(usb.out().contains(",controller,usb_xhci,XHCI,"), usb.out());
        Lab.Run text = Lab.hvdiag("inventory", Lab.folder().toString());
        assertTrue(text.out().contains("USB controller USB 3"), text.out());
        Lab.Run bad = Lab.hvdiag("inventory", Lab.folder().toString(), "--format", "csv", "--table", "vusb");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("unknown inventory table 'vusb' (valid: vms, usb, hosts)"), bad.err());
    }

    @Test
    void anUnreadableVmIsListedAndMakesTheExitCodeTwo() throws IOException {
        Files.writeString(dir.resolve("good.vmx"), "displayName = \"good\"\n");
        Files.write(dir.resolve("bad.vmx"), new byte[] {0, 1, 2, (byte) 0xff, 0, 0});
        Lab.Run run = Lab.hvdiag("inventory", dir.toString(), "--format", "json");
        assertEquals(2, run.exitCode());
        assertTrue(run.out().contains("\"good\""), run.out());
        assertTrue(run.err().contains("bad.vmx"), run.err());
    }

    private static String types(JsonNode controllers) {
        StringBuilder s = new StringBuilder("[");
        for (JsonNode c : controllers) {
            s.append(s.length() > 1 ? "," : "").append('"').append(c.path("type").asText()).append('"');
        }
        return s.append(']').toString();
    }
}
