package org.hvdiag.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.eclipse.jface.wizard.IWizardPage;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
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
 * A VirtualBox host added the way an admin adds one: the VirtualBox kind in the wizard, its page
 * built from the connector's descriptor (a folder or a vboxwebsrv URL, an account, its options), a
 * loopback VirtualBox web service serving a copy of examples/vbox-lab, and the audit's findings in
 * the Findings view under that host.
 */
class VirtualBoxConnectionTest {
    private static final String PASSWORD = "vbox-Lab-Pa55";
    private static final int RULE = 1;
    private static final int VM = 2;
    private static final int HOST = 3;
    /** The machines of examples/vbox-lab, as VirtualBox names them. */
    private static final Set<String> LAB_VMS = Set.of("win10-helpdesk", "win7-accounting", "winxp-cnc", "ubuntu-classroom-07",
            "debian-lab-router", "build-runner-16", "oracle-db-64g", "macos-ventura-ci", "centos-web-staging", "srv2019-badge",
            "win10-scanner", "kiosk-imported", "legacy-cent-41");

    @TempDir
    Path temp;
    private VboxwebServer server;

    @AfterEach
    void stopTheEndpoint() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aVirtualBoxHostAddedThroughTheWizardIsAuditedOverItsWebService() throws Exception {
        server = VboxwebServer.serving(VboxwebServer.copyOfVboxLab(temp.resolve("vbox-lab")), PASSWORD, "VirtualBoxConnectionTest");
        ConnectorDescriptor vbox = virtualBox();
        Lab.onlyConnections(temp.resolve("secure_storage"));
        WorkbenchDriver.openPerspective();
        WorkbenchDriver.showView(DiagnosticsPerspective.CONNECTIONS);
        WorkbenchDriver.driveDialog(WorkbenchDriver.widget("connections.add", Button.class), "Add connection", wizard -> {
            chooseKind(wizard, vbox);
            assertEquals("Folder or URL:", labelOf(WorkbenchDriver.widget("wizard.target", Text.class)),
                    "VirtualBox reads a vboxwebsrv URL and .vbox folders");
            assertTrue(WorkbenchDriver.isShown("wizard.browse"), "Browse for a folder of .vbox files");
            assertTrue(WorkbenchDriver.isShown("wizard.user") && WorkbenchDriver.isShown("wizard.password"), "and an account for the web service");
            for (ConnectorOption o : vbox.options()) {
                Text field = WorkbenchDriver.widget("wizard.option." + o.name(), Text.class);
                assertTrue(field.isVisible(), o.name());
                assertEquals(o.help(), field.getToolTipText(), "the option's help as its tooltip");
            }
            WorkbenchDriver.widget("wizard.name", Text.class).setText("classroom host");
            WorkbenchDriver.widget("wizard.target", Text.class).setText(server.target());
            Text user = WorkbenchDriver.widget("wizard.user", Text.class);
            assertTrue(user.isEnabled(), "a URL wants the account");
            user.setText(VboxwebServer.USER);
            WorkbenchDriver.widget("wizard.password", Text.class).setText(PASSWORD);
            WorkbenchDriver.click(WorkbenchDriver.widget("wizard.check", Button.class));
            IWizardPage page = currentPage(wizard);
            assertNull(page.getErrorMessage(), "Check connection logs on to the web service");
            assertEquals("Connected to " + server.target() + ": 13 VMs.", ((org.eclipse.jface.dialogs.IMessageProvider) page).getMessage());
            assertTrue(user.isEnabled(), "the page is editable again after the check");
            WorkbenchDriver.pump(300); // the re-enabled fields repaint before the picture
            WorkbenchDriver.screenshotOf(wizard, "virtualbox-connection");
            ConnectionsTest.press(wizard, "Finish");
        });
        Connections store = Lab.service(Connections.class);
        assertEquals(new Connection("classroom host", "virtualbox", server.target(), VboxwebServer.USER, Map.of()),
                store.named("classroom host").orElseThrow());
        assertArrayEquals(PASSWORD.toCharArray(), store.password("classroom host"), "the password in secure storage");

        WorkbenchDriver.showView(DiagnosticsPerspective.FINDINGS);
        AuditResults.Snapshot audited = Lab.audit();
        assertEquals(List.of(), audited.report().errors(), "the endpoint only lets admin with the stored password log on");
        assertEquals(13, audited.report().vmCount(), "every machine of the lab");
        Table table = WorkbenchDriver.widget("findings.table", Table.class);
        WorkbenchDriver.resetFindingsFilters();
        WorkbenchDriver.pumpUntil("the VirtualBox findings shown", () -> table.getItemCount() == audited.report().findings().size()
                && table.getItemCount() > 0, 10_000);

        List<String> rows = rows(table);
        assertTrue(rows.contains("usb-filter-matches-any|ubuntu-classroom-07|127.0.0.1"),
                "the filter with every field empty on the classroom VM: " + rows);
        assertTrue(rows.contains("usb-xhci-guest-unsupported|win7-accounting|127.0.0.1"),
                "xHCI on the Windows 7 guest: " + rows);
        Set<String> hosts = new TreeSet<>();
        for (int i = 0; i < table.getItemCount(); i++) {
            hosts.add(table.getItem(i).getText(HOST));
            String vm = table.getItem(i).getText(VM);
            assertTrue(vm.isEmpty() || LAB_VMS.contains(vm), "a machine of the lab: " + vm);
        }
        assertEquals(Set.of("127.0.0.1"), hosts, "every row under the host the vbox:// target names");
        for (Finding f : audited.report().findings()) {
            assertEquals(server.target(), f.target());
        }

        Tree inventory = WorkbenchDriver.widget("inventory.tree", Tree.class);
        WorkbenchDriver.pumpUntil("the VirtualBox host in the inventory", () -> inventory.getItemCount() == 1, 5_000);
        TreeItem host = inventory.getItem(0);
        assertTrue(host.getText().startsWith("127.0.0.1  (VirtualBox 7.0.14, 13 VMs"), host.getText());
        TreeItem win7 = Stream.of(host.getItems()).filter(i -> i.getText().startsWith("win7-accounting  (")).findFirst().orElseThrow();
        assertTrue(win7.getText().contains("powered off") && !win7.getText().contains("null"),
                "the web service tells no settings version, and the row does not pretend: " + win7.getText());
        WorkbenchDriver.screenshot("virtualbox-findings");
    }

    @Test
    void aFolderOfVboxFilesIsCheckedAndAuditedWithoutAPassword() throws Exception {
        Path folder = VboxwebServer.copyOfVboxLab(temp.resolve("vbox-lab"));
        ConnectorDescriptor vbox = virtualBox();
        Lab.onlyConnections(temp.resolve("secure_storage"));
        WorkbenchDriver.openPerspective();
        WorkbenchDriver.showView(DiagnosticsPerspective.CONNECTIONS);
        WorkbenchDriver.driveDialog(WorkbenchDriver.widget("connections.add", Button.class), "Add connection", wizard -> {
            chooseKind(wizard, vbox);
            WorkbenchDriver.widget("wizard.name", Text.class).setText("vbox files");
            WorkbenchDriver.widget("wizard.target", Text.class).setText(folder.toString());
            assertFalse(WorkbenchDriver.widget("wizard.user", Text.class).isEnabled(), "a folder needs no account");
            assertFalse(WorkbenchDriver.widget("wizard.password", Text.class).isEnabled());
            IWizardPage page = currentPage(wizard);
            assertEquals("Read from files on this machine: no user or password needed.",
                    ((org.eclipse.jface.dialogs.IMessageProvider) page).getMessage());
            WorkbenchDriver.click(WorkbenchDriver.widget("wizard.check", Button.class));
            assertNull(page.getErrorMessage(), "the folder is read without a password");
            assertEquals("Connected to " + folder + ": 13 VMs.", ((org.eclipse.jface.dialogs.IMessageProvider) page).getMessage());
            WorkbenchDriver.pump(300);
            WorkbenchDriver.screenshotOf(wizard, "virtualbox-folder-connection");
            ConnectionsTest.press(wizard, "Finish");
        });
        Connections store = Lab.service(Connections.class);
        assertEquals(new Connection("vbox files", "virtualbox", folder.toString(), "", Map.of()), store.named("vbox files").orElseThrow());
        assertArrayEquals(new char[0], store.password("vbox files"), "no password stored for files");

        WorkbenchDriver.showView(DiagnosticsPerspective.FINDINGS);
        AuditResults.Snapshot audited = Lab.audit();
        assertEquals(List.of(), audited.report().errors());
        assertEquals(13, audited.report().vmCount());
        assertTrue(audited.report().findings().stream()
                .anyMatch(f -> f.ruleId().equals("usb-filter-matches-any") && "ubuntu-classroom-07".equals(f.vmName())),
                "the offline read finds what the web service shows");
    }

    private static ConnectorDescriptor virtualBox() {
        return Lab.service(Installed.class).connectors().byId("virtualbox")
                .orElseThrow(() -> new AssertionError("the VirtualBox connector is not installed in the workbench"))
                .descriptor();
    }

    /** Picks the kind by the name the list shows for it, then goes to its page. */
    static void chooseKind(Shell wizard, ConnectorDescriptor kind) {
        Table kinds = WorkbenchDriver.widget("wizard.kinds", Table.class);
        int row = -1;
        for (int i = 0; i < kinds.getItemCount(); i++) {
            if (kinds.getItem(i).getText(0).equals(kind.displayName())) {
                row = i;
            }
        }
        assertTrue(row >= 0, kind.displayName() + " is listed");
        kinds.setSelection(row);
        kinds.notifyListeners(SWT.Selection, new Event());
        ConnectionsTest.press(wizard, "Next >");
        assertEquals(kind.displayName(), currentPage(wizard).getTitle());
    }

    static IWizardPage currentPage(Shell wizard) {
        return ((WizardDialog) wizard.getData()).getCurrentPage();
    }

    /** The label the page puts in the column before a field. */
    static String labelOf(Control field) {
        Control[] siblings = field.getParent().getChildren();
        for (int i = 1; i < siblings.length; i++) {
            if (siblings[i] == field && siblings[i - 1] instanceof Label l) {
                return l.getText();
            }
        }
        throw new AssertionError("no label before " + field);
    }

    /** Rule | VM | Host of each row. */
    static List<String> rows(Table table) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < table.getItemCount(); i++) {
            var item = table.getItem(i);
            rows.add(item.getText(RULE) + "|" + item.getText(VM) + "|" + item.getText(HOST));
        }
        return rows;
    }
}
