package org.hvdiag.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.wizard.IWizardPage;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.audit.Finding;
import org.hvdiag.core.connector.ConnectorDescriptor;
import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.ui.DiagnosticsPerspective;
import org.hvdiag.ui.internal.AuditResults;
import org.hvdiag.ui.internal.Connection;
import org.hvdiag.ui.internal.Connections;
import org.hvdiag.ui.internal.Installed;

/**
 * A libvirt host added the way an admin adds one: the libvirt kind in the wizard, its page built
 * from the connector's descriptor (a libvirt URI or domain XML files, no account, the host options),
 * a real session libvirtd with the domains of examples/libvirt-lab defined in it, reached through
 * its qemu+unix socket, and the audit's findings in the Findings view under the host libvirt names.
 */
class LibvirtConnectionTest {
    private static final int RULE = 1;
    private static final int VM = 2;
    private static final int HOST = 3;
    private static final String NAME = "kvm session";

    @TempDir
    Path temp;
    private SessionDaemon daemon;

    @AfterEach
    void stopTheDaemon() throws Exception {
        try {
            // No later test should audit a URI whose daemon is gone.
            Connections store = Lab.service(Connections.class);
            if (store.named(NAME).isPresent()) {
                store.remove(NAME);
            }
        } finally {
            if (daemon != null) {
                daemon.close();
            }
        }
    }

    @Test
    void aSessionLibvirtdAddedThroughTheWizardByItsUriIsAudited() throws Exception {
        daemon = SessionDaemon.start("ui");
        Path labFolder = Path.of(System.getProperty("hvdiag.repo"), "examples", "libvirt-lab").toAbsolutePath().normalize();
        Set<String> labDomains = new TreeSet<>(daemon.defineAll(labFolder));
        assertEquals(10, labDomains.size(), "the domains of " + labFolder + ": " + labDomains);
        String uri = daemon.uri();
        String hostName = daemon.virsh("hostname").strip();

        ConnectorDescriptor libvirt = Lab.service(Installed.class).connectors().byId("libvirt")
                .orElseThrow(() -> new AssertionError("the libvirt connector is not installed in the workbench"))
                .descriptor();
        assertFalse(libvirt.needsCredentials(uri), "libvirt authenticates by the socket's permissions, not an account");
        Lab.onlyConnections(temp.resolve("secure_storage"));
        WorkbenchDriver.openPerspective();
        WorkbenchDriver.showView(DiagnosticsPerspective.CONNECTIONS);
        WorkbenchDriver.driveDialog(WorkbenchDriver.widget("connections.add", Button.class), "Add connection", wizard -> {
            VirtualBoxConnectionTest.chooseKind(wizard, libvirt);
            Text target = WorkbenchDriver.widget("wizard.target", Text.class);
            assertEquals("Folder or URL:", VirtualBoxConnectionTest.labelOf(target),
                    "libvirt reads a connection URI as well as domain XML files");
            String hint = target.getMessage();
            for (String scheme : List.of("qemu:///system", "qemu+ssh://", "qemu+tls://", "qemu+unix:///session?socket=", "qemu+tcp://",
                    "test:///default")) {
                assertTrue(hint.contains(scheme), "the descriptor's URI forms in the hint: " + scheme + " in " + hint);
            }
            assertTrue(WorkbenchDriver.isShown("wizard.browse"), "Browse for a folder of domain XML files");
            assertFalse(WorkbenchDriver.isShown("wizard.user") || WorkbenchDriver.isShown("wizard.password"),
                    "no account: libvirt needs none");
            for (ConnectorOption o : libvirt.options()) {
                Text field = WorkbenchDriver.widget("wizard.option." + o.name(), Text.class);
                assertTrue(field.isVisible(), o.name());
                assertEquals(o.help(), field.getToolTipText(), "the option's help as its tooltip");
            }
            WorkbenchDriver.widget("wizard.name", Text.class).setText(NAME);
            target.setText(uri);
            IWizardPage page = VirtualBoxConnectionTest.currentPage(wizard);
            assertNull(page.getErrorMessage(), "the qemu+unix URI is one the libvirt connector reads");
            assertTrue(page.isPageComplete(), "a URI and a name are all the page wants");
            WorkbenchDriver.click(WorkbenchDriver.widget("wizard.check", Button.class));
            assertNull(page.getErrorMessage(), "Check connection reads the domains through the libvirt binding");
            assertEquals("Connected to " + uri + ": 10 VMs.", ((IMessageProvider) page).getMessage());
            WorkbenchDriver.pump(300); // the re-enabled fields repaint before the picture
            WorkbenchDriver.screenshotOf(wizard, "libvirt-connection");
            ConnectionsTest.press(wizard, "Finish");
        });
        Connections store = Lab.service(Connections.class);
        assertEquals(new Connection(NAME, "libvirt", uri, "", Map.of()), store.named(NAME).orElseThrow(),
                "the URI saved as typed, no user");
        assertArrayEquals(new char[0], store.password(NAME), "no password stored");

        WorkbenchDriver.showView(DiagnosticsPerspective.FINDINGS);
        AuditResults.Snapshot audited = Lab.audit();
        assertEquals(List.of(), audited.report().errors(), "the session daemon answers without an account");
        assertEquals(10, audited.report().vmCount(), "every domain of the lab");
        Table table = WorkbenchDriver.widget("findings.table", Table.class);
        WorkbenchDriver.resetFindingsFilters();
        WorkbenchDriver.pumpUntil("the libvirt findings shown", () -> table.getItemCount() == audited.report().findings().size()
                && table.getItemCount() > 0, 10_000);

        List<String> rows = VirtualBoxConnectionTest.rows(table);
        System.out.println("LibvirtConnectionTest: Findings view rows (rule|vm|host):\n  " + String.join("\n  ", rows));
        assertTrue(rows.contains("usb-ehci-and-xhci-windows|win10-desk-ehci-xhci|" + hostName),
                "EHCI beside xHCI in the Windows 10 domain: " + rows);
        assertTrue(rows.contains("usb-filter-matches-any|kiosk-spice-redirect-all|" + hostName),
                "the redirection filter that allows every device on the kiosk: " + rows);
        assertTrue(rows.contains("hw-older-than-host|debian11-build-q35-5.2|" + hostName),
                "machine type pc-q35-5.2, older than this QEMU's newest: " + rows);
        Set<String> hosts = new TreeSet<>();
        for (int i = 0; i < table.getItemCount(); i++) {
            hosts.add(table.getItem(i).getText(HOST));
            String vm = table.getItem(i).getText(VM);
            assertTrue(vm.isEmpty() || labDomains.contains(vm), "a domain of the lab: " + vm);
            assertFalse(table.getItem(i).getText(RULE).isEmpty(), "every row names its rule: " + rows.get(i));
        }
        assertEquals(Set.of(hostName), hosts, "every row under the host name libvirt reports");
        for (Finding f : audited.report().findings()) {
            assertEquals(uri, f.target(), "each finding names the connection's URI");
        }

        Tree inventory = WorkbenchDriver.widget("inventory.tree", Tree.class);
        WorkbenchDriver.pumpUntil("the libvirt host in the inventory", () -> inventory.getItemCount() == 1, 5_000);
        TreeItem host = inventory.getItem(0);
        assertTrue(host.getText().startsWith(hostName + "  (libvirt/KVM libvirt ") && host.getText().endsWith(", 10 VMs)"),
                "the host, its libvirt and QEMU versions and its domain count: " + host.getText());
        TreeItem debian11 = Stream.of(host.getItems()).filter(i -> i.getText().startsWith("debian11-build-q35-5.2  (")).findFirst()
                .orElseThrow(() -> new AssertionError("debian11-build-q35-5.2 under the host"));
        assertTrue(debian11.getText().contains("powered off"), "defined, never started: " + debian11.getText());

        // The findings of the three domains the admin looks at first, in the picture.
        int first = rows.indexOf("usb-filter-matches-any|kiosk-spice-redirect-all|" + hostName);
        WorkbenchDriver.select(table, first);
        table.showSelection();
        WorkbenchDriver.screenshot("libvirt-session-audit");
    }
}
