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
 * A Hyper-V host added the way an admin adds one: the Hyper-V kind in the wizard, its page built
 * from the connector's descriptor (a winrm+https URL, an account, the thumbprint option), the loopback
 * WinRM endpoint serving a copy of examples/hyperv-lab over HTTPS with a certificate nothing on this
 * machine vouches for, and the audit's findings in the Findings view under that host.
 */
class HypervConnectionTest {
    private static final String PASSWORD = "HyperV-Lab-Pa55";
    private static final int RULE = 1;
    private static final int VM = 2;
    private static final int HOST = 3;
    /** The lab host's ComputerName: the Host column shows what Windows calls itself, not the address typed. */
    private static final String COMPUTER = "HV-LAB-01";
    /** The VMs of examples/hyperv-lab/host.json, as Hyper-V names them. */
    private static final Set<String> LAB_VMS = Set.of("legacy-app-2012", "file-server-01", "sql-reporting", "build-agent-nested",
            "ubuntu-web-01", "debian-web-02", "app-server-02", "win7-kiosk", "erp-db", "test-paused", "memory-hog", "cpu-wide",
            "x'; Stop-Computer; '", "dc-01");

    @TempDir
    Path temp;
    private WinrmServer server;

    @AfterEach
    void stopTheEndpoint() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aHypervHostAddedThroughTheWizardWithItsCertificateTrustedIsAuditedOverWinrm() throws Exception {
        server = WinrmServer.serving(WinrmServer.copyOfHypervLab(temp.resolve("hyperv-lab")), PASSWORD, "HypervConnectionTest");
        ConnectorDescriptor hyperv = Lab.service(Installed.class).connectors().byId("hyperv")
                .orElseThrow(() -> new AssertionError("the Hyper-V connector is not installed in the workbench"))
                .descriptor();
        String thumbprintField = "wizard.option." + ConnectorOption.THUMBPRINT.name();
        Lab.onlyConnections(temp.resolve("secure_storage"));
        WorkbenchDriver.openPerspective();
        WorkbenchDriver.showView(DiagnosticsPerspective.CONNECTIONS);
        String[] shown = new String[1];
        WorkbenchDriver.driveDialog(WorkbenchDriver.widget("connections.add", Button.class), "Add connection", wizard -> {
            VirtualBoxConnectionTest.chooseKind(wizard, hyperv);
            Text target = WorkbenchDriver.widget("wizard.target", Text.class);
            assertEquals("URL:", VirtualBoxConnectionTest.labelOf(target), "Hyper-V is read over WinRM only");
            assertEquals("winrm+https://user@host[:5986]", target.getMessage(), "the descriptor's target form as the hint");
            assertFalse(WorkbenchDriver.isShown("wizard.browse"), "no folder to browse for");
            assertTrue(WorkbenchDriver.isShown("wizard.user") && WorkbenchDriver.isShown("wizard.password"), "an account for WinRM");
            assertTrue(hyperv.options().contains(ConnectorOption.THUMBPRINT), hyperv.options().toString());
            for (ConnectorOption o : hyperv.options()) {
                Text field = WorkbenchDriver.widget("wizard.option." + o.name(), Text.class);
                assertTrue(field.isVisible(), o.name());
                assertEquals(o.help(), field.getToolTipText(), "the option's help as its tooltip");
            }
            Text thumbprint = WorkbenchDriver.widget(thumbprintField, Text.class);
            assertTrue(thumbprint.isVisible());
            assertEquals(ConnectorOption.THUMBPRINT.help(), thumbprint.getToolTipText(), "the option's help as its tooltip");
            assertEquals("", thumbprint.getText());

            WorkbenchDriver.widget("wizard.name", Text.class).setText("hyper-v lab");
            target.setText(server.target());
            WorkbenchDriver.widget("wizard.user", Text.class).setText(WinrmServer.USER);
            Text password = WorkbenchDriver.widget("wizard.password", Text.class);
            password.setText("not-" + PASSWORD);
            // The endpoint's self-signed certificate comes first: the accept dialog runs its own loop.
            WorkbenchDriver.whenShellOpens("Unknown server certificate", accept -> {
                shown[0] = ConnectionsTest.texts(accept);
                WorkbenchDriver.pump(300); // the dialog paints before the picture
                WorkbenchDriver.screenshotOf(accept, "hyperv-certificate");
                ConnectionsTest.press(accept, "Trust this certificate");
            });
            WorkbenchDriver.click(WorkbenchDriver.widget("wizard.check", Button.class));
            assertTrue(shown[0] != null && shown[0].contains(server.thumbprint()) && shown[0].contains(server.target()),
                    "the dialog names the host and shows the endpoint's thumbprint: " + shown[0]);
            assertEquals(server.thumbprint(), thumbprint.getText(), "trusting it fills in the thumbprint");
            IWizardPage page = VirtualBoxConnectionTest.currentPage(wizard);
            String refused = page.getErrorMessage();
            // NTLM names a local account with the host's computer name (HV-LAB-01\\Administrator).
            assertTrue(refused != null && refused.startsWith("Could not connect: " + server.target().substring("winrm+https://Administrator@".length())
                    + " refused the account ") && refused.contains("Administrator (HTTP 401)"),
                    "with the certificate trusted, the wrong password is refused: " + refused);

            password.setText(PASSWORD);
            WorkbenchDriver.click(WorkbenchDriver.widget("wizard.check", Button.class));
            assertNull(page.getErrorMessage(), "Check connection reads the host over WinRM");
            assertEquals("Connected to " + server.target() + ": 14 VMs.", ((IMessageProvider) page).getMessage());
            WorkbenchDriver.pump(300); // the re-enabled fields repaint before the picture
            WorkbenchDriver.screenshotOf(wizard, "hyperv-connection");
            ConnectionsTest.press(wizard, "Finish");
        });
        Connections store = Lab.service(Connections.class);
        assertEquals(new Connection("hyper-v lab", "hyperv", server.target(), WinrmServer.USER,
                Map.of(ConnectorOption.THUMBPRINT.name(), server.thumbprint())), store.named("hyper-v lab").orElseThrow(),
                "the trusted thumbprint saved with the connection");
        assertArrayEquals(PASSWORD.toCharArray(), store.password("hyper-v lab"), "the password in secure storage");

        WorkbenchDriver.showView(DiagnosticsPerspective.FINDINGS);
        AuditResults.Snapshot audited = Lab.audit();
        assertEquals(List.of(), audited.report().errors(), "the saved thumbprint and password let the audit in");
        assertEquals(14, audited.report().vmCount(), "every VM of the lab");
        Table table = WorkbenchDriver.widget("findings.table", Table.class);
        WorkbenchDriver.resetFindingsFilters();
        WorkbenchDriver.pumpUntil("the Hyper-V findings shown", () -> table.getItemCount() == audited.report().findings().size()
                && table.getItemCount() > 0, 10_000);

        List<String> rows = VirtualBoxConnectionTest.rows(table);
        assertTrue(rows.contains("power-hard-poweroff|sql-reporting|" + COMPUTER), "the TurnOff stop action: " + rows);
        assertTrue(rows.contains("hw-hyperv-below-8|legacy-app-2012|" + COMPUTER), "configuration version 5.0: " + rows);
        assertTrue(rows.contains("mem-dynamic-with-nested|build-agent-nested|" + COMPUTER), "dynamic memory with nesting: " + rows);
        assertTrue(rows.stream().noneMatch(r -> r.contains("|dc-01|")), "the lab's clean VM has no finding: " + rows);
        Set<String> hosts = new TreeSet<>();
        for (int i = 0; i < table.getItemCount(); i++) {
            hosts.add(table.getItem(i).getText(HOST));
            String vm = table.getItem(i).getText(VM);
            assertTrue(vm.isEmpty() || LAB_VMS.contains(vm), "a VM of the lab: " + vm);
            assertFalse(table.getItem(i).getText(RULE).startsWith("usb-"), "no USB rule on Hyper-V: " + rows.get(i));
        }
        assertEquals(Set.of(COMPUTER), hosts, "every row under the name the host calls itself");
        for (Finding f : audited.report().findings()) {
            assertEquals(server.target(), f.target());
            assertEquals("127.0.0.1", f.hostId(), "the host as the admin addressed it, as journals name it");
        }

        Tree inventory = WorkbenchDriver.widget("inventory.tree", Tree.class);
        WorkbenchDriver.pumpUntil("the Hyper-V host in the inventory", () -> inventory.getItemCount() == 1, 5_000);
        TreeItem host = inventory.getItem(0);
        assertTrue(host.getText().startsWith(COMPUTER + "  (Hyper-V 10.0.20348, 14 VMs"), "the host, its Windows build and VM count: "
                + host.getText());
        TreeItem legacy = Stream.of(host.getItems()).filter(i -> i.getText().startsWith("legacy-app-2012  (")).findFirst().orElseThrow();
        assertTrue(legacy.getText().startsWith("legacy-app-2012  (powered off, 5.0,"), "its state and configuration version: "
                + legacy.getText());
        WorkbenchDriver.screenshot("hyperv-findings");
    }
}
