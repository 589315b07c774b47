package org.hvdiag.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.connector.ConnectorDescriptor;
import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.ui.DiagnosticsPerspective;
import org.hvdiag.ui.internal.Connection;
import org.hvdiag.ui.internal.Connections;
import org.hvdiag.ui.internal.Installed;

class ConnectionsTest {
    private static final String THUMBPRINT_FIELD = "wizard.option." + ConnectorOption.THUMBPRINT.name();
    @TempDir
    Path temp;

    @Test
    void theWizardAddsAFolderConnectionThroughTheVmxPageAndRemoveTakesItAway() throws Exception {
        ConnectorDescriptor vmx = Lab.service(Installed.class).connectors().require("vmx").descriptor();
        Lab.onlyConnections(temp.resolve("secure_storage"));
        WorkbenchDriver.openPerspective();
        WorkbenchDriver.showView(DiagnosticsPerspective.CONNECTIONS);
        WorkbenchDriver.driveDialog(WorkbenchDriver.widget("connections.add", Button.class), "Add connection", wizard -> {
            Table kinds = WorkbenchDriver.widget("wizard.kinds", Table.class);
            List<String> listed = new java.util.ArrayList<>();
            for (int i = 0; i < kinds.getItemCount(); i++) {
                listed.add(kinds.getItem(i).getText(0) + " | " + kinds.getItem(i).getText(1));
            }
            assertEquals(Lab.service(Installed.class).connectors().all().stream()
                    .map(c -> c.descriptor().displayName() + " | " + c.descriptor().summary()).toList(), listed,
                    "every installed connector, as its descriptor names and sums it up");
            kinds.setSelection(listed.indexOf(vmx.displayName() + " | " + vmx.summary()));
            kinds.notifyListeners(SWT.Selection, new Event());
            press(wizard, "Next >");
            assertTrue(WorkbenchDriver.isShown("wizard.browse"), "a connector that reads files gets a folder with Browse");
            assertFalse(WorkbenchDriver.isShown("wizard.user") || WorkbenchDriver.isShown("wizard.password"), "and no account");
            for (ConnectorOption o : vmx.options()) {
                Text field = WorkbenchDriver.widget("wizard.option." + o.name(), Text.class);
                assertTrue(field.isVisible(), o.name());
                assertEquals(o.help(), field.getToolTipText(), "the option's help as its tooltip");
            }
            WorkbenchDriver.widget("wizard.name", Text.class).setText("second lab");
            WorkbenchDriver.widget("wizard.target", Text.class).setText(Lab.repoLab().toString());
            Text cores = WorkbenchDriver.widget("wizard.option.host-cores", Text.class);
            cores.setText("many");
            String refused = ((org.eclipse.jface.wizard.WizardDialog) wizard.getData()).getCurrentPage().getErrorMessage();
            assertTrue(refused != null && refused.startsWith("Host cores: 'many' is not a count"), refused);
            assertFalse(finish(wizard).isEnabled(), "a value the option's type refuses cannot be saved");
            cores.setText(" 8 ");
            WorkbenchDriver.screenshot("connection-wizard");
            press(wizard, "Finish");
        });
        Connections store = Lab.service(Connections.class);
        assertEquals(new Connection("second lab", "vmx", Lab.repoLab().toString(), "", Map.of("host-cores", "8")),
                store.named("second lab").orElseThrow(), "the option saved in its canonical form");
        Table table = WorkbenchDriver.widget("connections.table", Table.class);
        WorkbenchDriver.pumpUntil("the connection listed", () -> table.getItemCount() == 1, 5_000);
        assertEquals("second lab", table.getItem(0).getText(0));

        WorkbenchDriver.select(table, 0);
        WorkbenchDriver.answerNextDialog("Remove connections", "OK");
        WorkbenchDriver.click(WorkbenchDriver.widget("connections.remove", Button.class));
        WorkbenchDriver.pumpUntil("the connection removed", () -> table.getItemCount() == 0, 5_000);
        assertTrue(store.all().isEmpty());
        WorkbenchDriver.screenshot("connection-removed");
    }

    @Test
    void anUnknownServerCertificateIsShownByItsThumbprintAndTrustedOnlyWhenTheAdminAccepts() throws Exception {
        Lab.onlyConnections(temp.resolve("secure_storage"));
        var registration = org.osgi.framework.FrameworkUtil.getBundle(ConnectionsTest.class).getBundleContext()
                .registerService(org.hvdiag.core.connector.Connector.class, new PinnedServer(), null);
        try {
            WorkbenchDriver.openPerspective();
            WorkbenchDriver.pumpUntil("the test connector installed",
                    () -> Lab.service(Installed.class).connectors().byId("pinned-test").isPresent(), 5_000);
            String[] shown = new String[1];
            WorkbenchDriver.driveDialog(WorkbenchDriver.widget("connections.add", Button.class), "Add connection", wizard -> {
                Table kinds = WorkbenchDriver.widget("wizard.kinds", Table.class);
                for (int i = 0; i < kinds.getItemCount(); i++) {
                    if (kinds.getItem(i).getText().endsWith("(pinned-test)")) {
                        kinds.setSelection(i);
                    }
                }
                kinds.notifyListeners(SWT.Selection, new Event());
                press(wizard, "Next >");
                WorkbenchDriver.widget("wizard.name", Text.class).setText("vcenter");
                WorkbenchDriver.widget("wizard.target", Text.class).setText("pinned://admin@vc.lab.test");
                WorkbenchDriver.widget("wizard.user", Text.class).setText("admin");
                WorkbenchDriver.widget("wizard.password", Text.class).setText(PinnedServer.PASSWORD);
                assertFalse(WorkbenchDriver.isShown("wizard.browse"), "a server connector gets a URL, no folder");
                Text thumbprint = WorkbenchDriver.widget(THUMBPRINT_FIELD, Text.class);
                assertEquals(ConnectorOption.THUMBPRINT.help(), thumbprint.getToolTipText());
                Text token = WorkbenchDriver.widget("wizard.option." + PinnedServer.TOKEN.name(), Text.class);
                assertTrue((token.getStyle() & SWT.PASSWORD) != 0, "a secret option is typed like a password");
                token.setText(PinnedServer.TOKEN_VALUE);
                // The accept dialog runs its own loop: read what it shows, then trust.
                WorkbenchDriver.whenShellOpens("Unknown server certificate", accept -> {
                    shown[0] = texts(accept);
                    WorkbenchDriver.screenshotOf(accept, "certificate-thumbprint");
                    press(accept, "Trust this certificate");
                });
                WorkbenchDriver.click(WorkbenchDriver.widget("wizard.check", Button.class));
                assertEquals(PinnedServer.THUMBPRINT, WorkbenchDriver.widget(THUMBPRINT_FIELD, Text.class).getText());
                press(wizard, "Finish");
            });
            assertTrue(shown[0] != null && shown[0].contains(PinnedServer.THUMBPRINT), "the dialog shows the thumbprint: " + shown[0]);
            Connections store = Lab.service(Connections.class);
            Connection saved = store.named("vcenter").orElseThrow();
            assertEquals(Map.of(org.hvdiag.core.connector.ConnectorOption.THUMBPRINT.name(), PinnedServer.THUMBPRINT), saved.options());
            assertArrayEquals(PinnedServer.PASSWORD.toCharArray(), store.password("vcenter"));
            assertEquals(Map.of(PinnedServer.TOKEN.name(), PinnedServer.TOKEN_VALUE), store.secretOptions("vcenter"),
                    "the secret option is in secure storage");
            assertFalse(Files.readString(preferencesFile()).contains(PinnedServer.TOKEN_VALUE), "and not in the preferences");
            Lab.audit();
            assertEquals(List.of("vcenter"), Lab.service(org.hvdiag.ui.internal.AuditResults.class).current().connections()
                    .stream().map(Connection::name).toList(), "the saved connection connects: trusted certificate, stored password");
        } finally {
            registration.unregister();
        }
    }

    private static Path preferencesFile() {
        return Path.of(org.eclipse.core.runtime.Platform.getInstanceLocation().getURL().getPath(),
                ".metadata/.plugins/org.eclipse.core.runtime/.settings/org.hvdiag.ui.prefs");
    }

    private static Button finish(Shell wizard) {
        return buttons(wizard).stream().filter(b -> b.getText().replace("&", "").equals("Finish")).findFirst().orElseThrow();
    }

    static String texts(org.eclipse.swt.widgets.Composite c) {
        StringBuilder sb = new StringBuilder();
        for (org.eclipse.swt.widgets.Control child : c.getChildren()) {
            if (child instanceof org.eclipse.swt.widgets.Label l) {
                sb.append(l.getText()).append('\n');
            } else if (child instanceof org.eclipse.swt.widgets.Composite comp) {
                sb.append(texts(comp));
            }
        }
        return sb.toString();
    }

    static void press(Shell shell, String text) {
        for (Button b : buttons(shell)) {
            if (text.equals(b.getText().replace("&", "")) && b.isEnabled()) {
                b.notifyListeners(SWT.Selection, new Event());
                return;
            }
        }
        String message = shell.getData() instanceof org.eclipse.jface.wizard.WizardDialog w && w.getCurrentPage() != null
                ? " (page " + w.getCurrentPage().getName() + ": " + w.getCurrentPage().getErrorMessage() + ", complete "
                        + w.getCurrentPage().isPageComplete() + ")" : "";
        throw new AssertionError("no enabled button '" + text + "' in " + shell.getText() + message);
    }

    private static java.util.List<Button> buttons(org.eclipse.swt.widgets.Composite c) {
        java.util.List<Button> all = new java.util.ArrayList<>();
        for (org.eclipse.swt.widgets.Control child : c.getChildren()) {
            if (child instanceof Button b) {
                all.add(b);
            } else if (child instanceof org.eclipse.swt.widgets.Composite comp) {
                all.addAll(buttons(comp));
            }
        }
        return all;
    }

    @Test
    void editingAConnectionRenamesItAndPointsItElsewhere() throws Exception {
        Path copy = Lab.copyOfLab(temp.resolve("copy"));
        Lab.onlyConnections(temp.resolve("secure_storage"), Lab.folder("lab", Lab.repoLab()));
        WorkbenchDriver.openPerspective();
        WorkbenchDriver.showView(DiagnosticsPerspective.CONNECTIONS);
        Table table = WorkbenchDriver.widget("connections.table", Table.class);
        WorkbenchDriver.pumpUntil("the connection listed", () -> table.getItemCount() == 1, 5_000);
        WorkbenchDriver.select(table, 0);
        WorkbenchDriver.driveDialog(WorkbenchDriver.widget("connections.edit", Button.class), "Edit connection lab", wizard -> {
            Text name = WorkbenchDriver.widget("wizard.name", Text.class);
            Text target = WorkbenchDriver.widget("wizard.target", Text.class);
            assertEquals("lab", name.getText());
            assertEquals(Lab.repoLab().toString(), target.getText());
            name.setText("lab copy");
            target.setText(copy.toString());
            press(wizard, "Finish");
        });
        Connections store = Lab.service(Connections.class);
        assertEquals(List.of(new Connection("lab copy", "vmx", copy.toString(), "", Map.of())), store.all());
        WorkbenchDriver.pumpUntil("the renamed connection listed", () -> table.getItemCount() == 1 && table.getItem(0).getText(0).equals("lab copy"), 5_000);
        WorkbenchDriver.screenshot("connection-edited");
    }

    @Test
    void passwordsGoToSecureStorageNotToThePreferences() throws Exception {
        Path storage = temp.resolve("secure_storage");
        Lab.onlyConnections(storage);
        Connections store = Lab.service(Connections.class);
        Connection server = new Connection("vcenter", "vsphere", "vsphere://admin@vc.example.test", "admin", Map.of(org.hvdiag.core.connector.ConnectorOption.THUMBPRINT.name(), "AB:CD"));
        store.save(server, "s3cret-Pa55".toCharArray());
        assertArrayEquals("s3cret-Pa55".toCharArray(), store.password("vcenter"));
        assertEquals(server, store.named("vcenter").orElseThrow());
        assertFalse(Files.readString(storage).contains("s3cret-Pa55"), "encrypted at rest");
        Path prefs = preferencesFile();
        assertTrue(Files.exists(prefs));
        assertFalse(Files.readString(prefs).contains("s3cret-Pa55"));
        store.remove("vcenter");
        assertArrayEquals(new char[0], store.password("vcenter"), "removing a connection removes its password");
        WorkbenchDriver.screenshot("connections-secure-storage");
    }

    @Test
    void inventoryShowsHostsVmsPowerStateAndUsbDevices() throws Exception {
        Lab.onlyConnections(temp.resolve("secure_storage"), Lab.folder("lab", Lab.repoLab()));
        WorkbenchDriver.openPerspective();
        Lab.audit();
        Tree tree = WorkbenchDriver.widget("inventory.tree", Tree.class);
        WorkbenchDriver.pumpUntil("the lab's host", () -> tree.getItemCount() == 1, 5_000);
        TreeItem host = tree.getItem(0);
        assertTrue(host.getText().startsWith("lab-workstation-01") && host.getText().contains("24 VMs"), host.getText());
        assertEquals(24, host.getItemCount());
        TreeItem kiosk = Stream.of(host.getItems()).filter(i -> i.getText().startsWith("Kiosk 01")).findFirst().orElseThrow();
        assertTrue(kiosk.getText().contains("powered off"), kiosk.getText());
        Event expand = new Event();
        expand.item = kiosk;
        tree.notifyListeners(SWT.Expand, expand);
        kiosk.setExpanded(true);
        WorkbenchDriver.pump(50);
        TreeItem controller = kiosk.getItem(0);
        assertTrue(controller.getText().contains("controller"), controller.getText());
        assertEquals(21, controller.getItemCount(), "Kiosk 01 has 21 USB devices on its xHCI controller");
        assertTrue(controller.getItem(0).getText().startsWith("USB device"), controller.getItem(0).getText());
        TreeItem web = Stream.of(host.getItems()).filter(i -> i.getText().startsWith("Web 01")).findFirst().orElseThrow();
        assertTrue(web.getText().contains("powered on"), web.getText());
        WorkbenchDriver.screenshot("inventory");
    }
}
