package org.hvdiag.virtualbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.hvdiag.core.change.VmField;
import org.hvdiag.core.connector.CertificateNotTrusted;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.Vm;

/**
 * The connector against the loopback vboxwebsrv over real SOAP: what it reads live must be what the
 * .vbox files say when read offline by the file reader (two independent readers of the same VMs),
 * for each web service API version, and the connection's failures must read as an admin expects.
 */
class LiveInventoryTest {
    static final String PASSWORD = "lab-pass-7";
    final VirtualBoxConnector connector = new VirtualBoxConnector();
    @TempDir
    Path temp;

    static Credentials admin(String password) {
        return new Credentials(VboxwebEndpoint.USER, password.toCharArray());
    }

    static Map<String, Vm> byName(Inventory inv) {
        Map<String, Vm> m = new TreeMap<>();
        inv.vms().forEach(v -> m.put(v.name(), v));
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"6.1.50", "7.0.14", "7.1.6"})
    void whatTheWebServiceSaysIsWhatTheFilesSay(String version) throws Exception {
        Path fleet = VboxwebEndpoint.copyOfLab(temp);
        Inventory offline;
        try (Session files = connector.connect(Endpoint.of(fleet.toString()), Credentials.none())) {
            offline = files.inventory(Progress.NONE);
        }
        try (VboxwebEndpoint server = VboxwebEndpoint.serving(fleet, "inventory-" + version).version(version)
                .password(PASSWORD).start();
                Session live = connector.connect(Endpoint.of(server.target()), admin(PASSWORD))) {
            Inventory inv = live.inventory(Progress.NONE);
            assertEquals(List.of(), inv.errors());
            Host host = inv.hosts().get(0);
            assertEquals(version, host.productVersion());
            assertFalse(host.extensionPacksKnown(), "the web service does not show extension packs");
            Map<String, Vm> want = byName(offline);
            Map<String, Vm> got = byName(inv);
            assertEquals(want.keySet(), got.keySet());
            for (Vm w : want.values()) {
                Vm g = got.get(w.name());
                assertEquals(w.id(), g.id(), w.name());
                for (VmField f : VmField.values()) {
                    if (f != VmField.HARDWARE_VERSION) {
                        assertEquals(f.read(w), f.read(g), w.name() + ": " + f.label());
                    }
                }
                assertEquals(w.guestOs(), g.guestOs(), w.name());
                assertEquals(w.firmware(), g.firmware(), w.name());
                assertEquals(w.raw("chipsetType"), g.raw("chipsetType"), w.name());
                assertEquals(PowerState.POWERED_OFF, g.powerState(), w.name());
                assertEquals(host.id(), g.hostId());
            }
            String recorded = Files.readString(server.recording());
            if (version.startsWith("7.1")) {
                assertTrue(recorded.contains("IMachine_getPlatform") && !recorded.contains("IMachine_getChipsetType"),
                        "7.1 reads chipset and firmware through IPlatform and IFirmwareSettings");
            } else {
                assertTrue(recorded.contains("IMachine_getChipsetType") && !recorded.contains("IMachine_getPlatform"));
            }
        }
    }

    @Test
    void aRunningVmReadsAsRunningWithItsGuestAdditions() throws Exception {
        Path fleet = VboxwebEndpoint.copyOfLab(temp);
        try (VboxwebEndpoint server = VboxwebEndpoint.serving(fleet, "running").running("win10-helpdesk").start();
                Session live = connector.connect(Endpoint.of(server.target()), admin("any"))) {
            Map<String, Vm> vms = byName(live.inventory(Progress.NONE));
            Vm running = vms.get("win10-helpdesk");
            assertEquals(PowerState.POWERED_ON, running.powerState());
            assertEquals("7.0.14", running.toolsVersion());
            assertEquals(PowerState.POWERED_OFF, vms.get("win7-accounting").powerState());
            assertEquals("", vms.get("win7-accounting").toolsVersion(), "a VM that is off reports no Guest Additions");
        }
    }

    @Test
    void extensionPacksStatedForTheHostAreKnown() throws Exception {
        Path fleet = VboxwebEndpoint.copyOfLab(temp);
        try (VboxwebEndpoint server = VboxwebEndpoint.serving(fleet, "extpacks").version("6.1.50").start();
                Session live = connector.connect(new Endpoint(server.target(), Map.of("extpacks", "none")), admin("x"))) {
            Host h = live.inventory(Progress.NONE).hosts().get(0);
            assertTrue(h.extensionPacksKnown());
            assertEquals(List.of(), h.extensionPacks());
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithoutEchoingIt() throws Exception {
        try (VboxwebEndpoint server = VboxwebEndpoint.serving(VboxwebEndpoint.copyOfLab(temp), "wrong-password")
                .password(PASSWORD).start()) {
            ConnectorException e = assertThrows(ConnectorException.class,
                    () -> connector.connect(Endpoint.of(server.target()), admin("not-it")));
            assertTrue(e.getMessage().contains("refused the logon of user 'admin'"), e.getMessage());
            assertFalse(e.getMessage().contains("not-it"), e.getMessage());
            assertFalse(Files.readString(server.recording()).contains("not-it"), "no password in the recording either");
        }
    }

    @Test
    void nothingListeningIsSaidPlainly() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> connector.connect(Endpoint.of("vbox://admin@127.0.0.1:" + port), admin("x")));
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
    }

    @Test
    void anUnknownCertificateIsRefusedWithItsThumbprintAndTrustedWhenPinned() throws Exception {
        Path fleet = VboxwebEndpoint.copyOfLab(temp);
        try (VboxwebEndpoint server = VboxwebEndpoint.serving(fleet, "tls").tls().start()) {
            CertificateNotTrusted e = assertThrows(CertificateNotTrusted.class,
                    () -> connector.connect(Endpoint.of(server.target()), admin("x")));
            assertEquals(server.thumbprint(), e.thumbprint());
            assertTrue(e.getMessage().contains("--thumbprint " + server.thumbprint()), e.getMessage());
            try (Session s = connector.connect(new Endpoint(server.target(),
                    Map.of(ConnectorOption.THUMBPRINT.name(), server.thumbprint().toLowerCase())), admin("x"))) {
                assertFalse(s.inventory(Progress.NONE).vms().isEmpty(), "the pinned server is read");
            }
            String other = server.thumbprint().startsWith("00") ? "11" + server.thumbprint().substring(2)
                    : "00" + server.thumbprint().substring(2);
            assertThrows(CertificateNotTrusted.class, () -> connector.connect(new Endpoint(server.target(),
                    Map.of(ConnectorOption.THUMBPRINT.name(), other)), admin("x")));
        }
    }

    @Test
    void anAuditCancelledMidwayStillLogsOff() throws Exception {
        Path fleet = VboxwebEndpoint.copyOfLab(temp);
        try (VboxwebEndpoint server = VboxwebEndpoint.serving(fleet, "cancelled").start()) {
            AtomicInteger read = new AtomicInteger();
            Progress cancelAfterThree = new Progress() {
                @Override public void begin(String task, int totalWork) { }
                @Override public void worked(int units) { read.addAndGet(units); }
                @Override public boolean isCanceled() { return read.get() >= 3; }
            };
            try (Session live = connector.connect(Endpoint.of(server.target()), admin("x"))) {
                assertThrows(ConnectorException.class, () -> live.inventory(cancelAfterThree));
            }
            // The endpoint records each exchange after answering it, so lines from parallel calls may
            // land in either order: check the logoff happened and no call came after it (a call
            // after logoff would use a freed reference and get VirtualBox's InvalidObjectFault).
            // It also records after the answer has left, so give the last line time to land.
            List<String> lines = Files.readAllLines(server.recording());
            for (int waited = 0; waited < 100 && lines.stream().noneMatch(l -> l.contains("IWebsessionManager_logoff")); waited++) {
                Thread.sleep(100);
                lines = Files.readAllLines(server.recording());
            }
            assertEquals(1, lines.stream().filter(l -> l.contains("\"operation\":\"IWebsessionManager_logoff\"")).count(),
                    "the websession was logged off once");
            assertTrue(lines.stream().noneMatch(l -> l.contains("InvalidObjectFault")),
                    "no call after the logoff used a freed reference");
        }
    }
}
