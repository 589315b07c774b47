package org.hvdiag.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.BuiltInRules;
import org.hvdiag.audit.RuleEngine;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.model.Inventory;

/**
 * libvirt's own test driver (test:///PATH, in the client library, no daemon) holding 1,000 domains
 * from a node file: the whole inventory and audit path at fleet size through the real binding.
 */
class TestDriverScaleTest {
    @TempDir
    Path dir;

    @Test
    void readsAndAuditsAThousandDomains() throws Exception {
        StringBuilder node = new StringBuilder("<node>\n  <cpu><mhz>2400</mhz><model>i686</model><active>8</active>"
                + "<nodes>1</nodes><sockets>1</sockets><cores>8</cores><threads>1</threads></cpu>\n"
                + "  <memory>16777216</memory>\n");
        for (int i = 0; i < 1000; i++) {
            String usb = i % 2 == 0 ? "<controller type='usb' index='0' model='piix3-uhci'/>"
                    : "<controller type='usb' index='0' model='qemu-xhci'/>";
            node.append(String.format("  <domain type='test'><name>scale-%04d</name>"
                    + "<uuid>6b0f4c1e-1d6c-4c37-9f0a-2000%08d</uuid><memory unit='MiB'>512</memory><vcpu>%d</vcpu>"
                    + "<os><type arch='i686'>hvm</type></os><devices>%s</devices></domain>%n", i, i, i % 3 == 0 ? 16 : 2, usb));
        }
        Path file = Files.writeString(dir.resolve("node.xml"), node.append("</node>\n"));
        try (Session s = new LibvirtConnector().connect(Endpoint.of("test://" + file), Credentials.none())) {
            Inventory inv = s.inventory(Progress.NONE);
            assertTrue(inv.errors().isEmpty(), inv.errors().toString());
            assertEquals(1000, inv.vms().size());
            assertEquals(8, inv.hosts().get(0).cpuCores(), "the node file's 8 cores");
            assertEquals(500, inv.vms().stream().filter(v -> v.usbControllers().size() == 1
                    && v.usbControllers().get(0).model().equals("piix3-uhci")).count());
            AuditReport report = new RuleEngine(BuiltInRules.all()).audit(List.of(inv), AuditSettings.DEFAULTS);
            long wide = report.findings().stream().filter(f -> f.ruleId().equals("cpu-vcpus-exceed-host-cores")).count();
            assertEquals(334, wide, "the domains with 16 vCPUs on an 8-core host");
        }
    }
}
