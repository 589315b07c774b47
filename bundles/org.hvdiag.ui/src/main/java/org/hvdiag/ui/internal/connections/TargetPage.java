package org.hvdiag.ui.internal.connections;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.dialogs.MessageDialog;

import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Session;
import org.hvdiag.ui.internal.Connection;
import org.hvdiag.ui.internal.WidgetIds;

/**
 * One connector kind's page. A connector that reads local files (it accepts a folder) gets a
 * folder field with Browse; a server connector gets URL, user and password, and the thumbprint of
 * the server certificate the admin accepted. The connector itself says whether a target is valid.
 */
final class TargetPage extends WizardPage {
    static final String THUMBPRINT = "thumbprint";

    private final Connector connector;
    private final Connection editing;
    private final boolean files;
    private Text name;
    private Text target;
    private Text user;
    private Text password;
    private Text thumbprint;

    TargetPage(Connector connector, Connection editing) {
        super("target." + connector.id(), kindName(connector), null);
        this.connector = connector;
        this.editing = editing;
        this.files = connector.accepts(System.getProperty("java.io.tmpdir"));
        setDescription(files ? "A folder (searched at any depth) or a single VM file." : "The server's URL and an account on it.");
        setPageComplete(editing != null);
    }

    static String kindName(Connector c) {
        return c.hypervisor().displayName() + " (" + c.id() + ")";
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(6, 6).numColumns(3).applyTo(c);
        name = field(c, "Name:", "wizard.name", SWT.BORDER);
        target = field(c, files ? "Folder:" : "URL:", "wizard.target", SWT.BORDER);
        if (files) {
            Button browse = new Button(c, SWT.PUSH);
            browse.setText("Browse...");
            browse.addListener(SWT.Selection, e -> {
                String chosen = new DirectoryDialog(getShell()).open();
                if (chosen != null) {
                    target.setText(chosen);
                }
            });
        } else {
            new Label(c, SWT.NONE);
            user = field(c, "User:", "wizard.user", SWT.BORDER);
            new Label(c, SWT.NONE);
            password = field(c, "Password:", "wizard.password", SWT.BORDER | SWT.PASSWORD);
            new Label(c, SWT.NONE);
            thumbprint = field(c, "Certificate:", "wizard.thumbprint", SWT.BORDER);
            thumbprint.setMessage("SHA-256 thumbprint of the server certificate you accepted");
            new Label(c, SWT.NONE);
            Button check = WidgetIds.name(new Button(c, SWT.PUSH), "wizard.check");
            check.setText("Check connection");
            check.addListener(SWT.Selection, e -> checkConnection());
            GridDataFactory.fillDefaults().span(3, 1).align(SWT.END, SWT.CENTER).applyTo(check);
            Label note = new Label(c, SWT.WRAP);
            note.setText("The password is kept in Eclipse secure storage, never in the workspace.");
            GridDataFactory.fillDefaults().span(3, 1).applyTo(note);
        }
        if (editing != null) {
            name.setText(editing.name());
            target.setText(editing.target());
            if (user != null) {
                user.setText(editing.user());
                thumbprint.setText(editing.options().getOrDefault(THUMBPRINT, ""));
            }
        }
        name.addListener(SWT.Modify, e -> validate());
        target.addListener(SWT.Modify, e -> validate());
        setControl(c);
    }

    private Text field(Composite c, String label, String id, int style) {
        if (c.getChildren().length % 3 != 0) {
            new Label(c, SWT.NONE);
        }
        new Label(c, SWT.NONE).setText(label);
        Text t = WidgetIds.name(new Text(c, style), id);
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(t);
        return t;
    }

    private void validate() {
        String problem = null;
        if (name.getText().isBlank()) {
            problem = "Name the connection.";
        } else if (!connector.accepts(target.getText().trim())) {
            problem = files ? "No such folder or .vmx file." : "The " + connector.id() + " connector does not accept this URL.";
        }
        setErrorMessage(problem);
        setPageComplete(problem == null);
    }

    /**
     * Connects once with what the admin typed. A server certificate nothing vouches for is shown
     * by its thumbprint; accepting it puts the thumbprint into the connection, and later
     * connections trust exactly that certificate.
     */
    private void checkConnection() {
        Connection c = connection();
        char[] typed = password == null ? new char[0] : password.getTextChars();
        Exception[] failure = new Exception[1];
        try {
            getContainer().run(true, false, monitor -> {
                monitor.beginTask("Connecting to " + c.target(), IProgressMonitor.UNKNOWN);
                Credentials credentials = new Credentials(c.user(), typed);
                try (Session s = connector.connect(new Endpoint(c.target(), c.options()), credentials)) {
                    // connected: the account and the certificate are good
                } catch (ConnectorException | RuntimeException e) {
                    failure[0] = e;
                } finally {
                    credentials.clear();
                }
            });
        } catch (java.lang.reflect.InvocationTargetException | InterruptedException e) {
            failure[0] = e;
        } finally {
            java.util.Arrays.fill(typed, '\0');
        }
        if (failure[0] == null) {
            setErrorMessage(null);
            setMessage("Connected to " + c.target() + ".", INFORMATION);
            return;
        }
        java.util.Optional<String> print = ServerCertificate.thumbprintOf(failure[0]);
        if (print.isPresent() && !print.get().equals(thumbprint.getText().trim())) {
            MessageDialog dialog = new MessageDialog(getShell(), "Unknown server certificate", null,
                    c.target() + " presents a certificate that nothing on this machine vouches for.\n\n"
                            + "SHA-256 thumbprint:\n" + print.get() + "\n\n"
                            + "Compare it with the thumbprint the server shows on its console (ESXi: DCUI, "
                            + "vCenter: the appliance's certificate page). Trust this certificate for this connection?",
                    MessageDialog.WARNING, 0, "Trust this certificate", "Cancel");
            if (dialog.open() == 0) {
                thumbprint.setText(print.get());
                checkConnection();
            }
            return;
        }
        setErrorMessage("Could not connect: " + failure[0].getMessage());
    }

    Connection connection() {
        Map<String, String> options = editing == null ? Map.of() : editing.options();
        Connection c = new Connection(name.getText().trim(), connector.id(),
                files ? Path.of(target.getText().trim()).toAbsolutePath().normalize().toString() : target.getText().trim(),
                user == null ? "" : user.getText().trim(), options);
        if (thumbprint != null && !thumbprint.getText().isBlank()) {
            c = c.withOption(THUMBPRINT, thumbprint.getText().trim());
        }
        return c;
    }

    /** The typed password, or null to keep the stored one. */
    char[] password() {
        return password == null || password.getText().isEmpty() ? null : password.getTextChars();
    }
}
