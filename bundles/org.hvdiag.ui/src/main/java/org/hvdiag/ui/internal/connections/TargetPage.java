package org.hvdiag.ui.internal.connections;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorDescriptor;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.connector.TargetForm;
import org.hvdiag.ui.internal.Connection;
import org.hvdiag.ui.internal.WidgetIds;

/**
 * One connector kind's page, built from what the connector says about itself: a folder with
 * Browse when it reads files, a URL when it reads a server, user and password when it needs an
 * account, and a field per option. A connector that reads both (VirtualBox: its web service and
 * .vbox files) wants the account only while the target is a URL: a folder is read without one.
 * Check connection connects once with what was typed; a server certificate nothing vouches for is
 * shown by its thumbprint and, once the admin trusts it, kept as the connection's thumbprint option.
 */
final class TargetPage extends WizardPage {
    private final Connector connector;
    private final ConnectorDescriptor kind;
    private final Connection editing;
    private final Map<String, String> storedSecrets;
    private final List<OptionField> options = new ArrayList<>();
    private Text name;
    private Text target;
    private Text user;
    private Text password;

    /** @param storedSecrets the secret options of the connection being edited, to check it with; empty when adding */
    TargetPage(Connector connector, Connection editing, Map<String, String> storedSecrets) {
        super("target." + connector.id(), connector.descriptor().displayName(), null);
        this.connector = connector;
        this.kind = connector.descriptor();
        this.editing = editing;
        this.storedSecrets = Map.copyOf(storedSecrets);
        setDescription(kind.summary());
        setPageComplete(editing != null);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(6, 6).numColumns(3).applyTo(c);
        name = field(c, "Name:", "wizard.name", SWT.BORDER);
        new Label(c, SWT.NONE);
        boolean url = kind.targetForms().stream().anyMatch(f -> f instanceof TargetForm.Url);
        target = field(c, kind.readsFiles() ? (url ? "Folder or URL:" : "Folder:") : "URL:", "wizard.target", SWT.BORDER);
        target.setMessage(kind.targetForms().stream().map(TargetForm::example).collect(Collectors.joining(" or ")));
        if (kind.readsFiles()) {
            Button browse = WidgetIds.name(new Button(c, SWT.PUSH), "wizard.browse");
            browse.setText("Browse...");
            browse.addListener(SWT.Selection, e -> {
                String chosen = new DirectoryDialog(getShell()).open();
                if (chosen != null) {
                    target.setText(chosen);
                }
            });
        } else {
            new Label(c, SWT.NONE);
        }
        if (kind.needsCredentials()) {
            user = field(c, "User:", "wizard.user", SWT.BORDER);
            new Label(c, SWT.NONE);
            password = field(c, "Password:", "wizard.password", SWT.BORDER | SWT.PASSWORD);
            new Label(c, SWT.NONE);
        }
        for (ConnectorOption o : kind.options()) {
            OptionField f = new OptionField(c, o);
            f.text().addListener(SWT.Modify, e -> validate());
            options.add(f);
        }
        Button check = WidgetIds.name(new Button(c, SWT.PUSH), "wizard.check");
        check.setText("Check connection");
        check.addListener(SWT.Selection, e -> checkConnection());
        GridDataFactory.fillDefaults().span(3, 1).align(SWT.END, SWT.CENTER).applyTo(check);
        if (kind.needsCredentials() || options.stream().anyMatch(f -> f.option().secret())) {
            Label note = new Label(c, SWT.WRAP);
            note.setText("Passwords and secret options are kept in Eclipse secure storage, never in the workspace."
                    + (editing == null ? "" : " Leave them empty to keep the stored ones."));
            GridDataFactory.fillDefaults().span(3, 1).hint(500, SWT.DEFAULT).applyTo(note);
        }
        if (editing != null) {
            name.setText(editing.name());
            target.setText(editing.target());
            if (user != null) {
                user.setText(editing.user());
            }
            for (OptionField f : options) {
                if (!f.option().secret()) {
                    f.setValue(editing.options().get(f.option().name()));
                }
            }
            accountFollowsTarget();
        }
        name.addListener(SWT.Modify, e -> validate());
        target.addListener(SWT.Modify, e -> validate());
        setControl(c);
    }

    private Text field(Composite c, String label, String id, int style) {
        new Label(c, SWT.NONE).setText(label);
        Text t = WidgetIds.name(new Text(c, style), id);
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(t);
        return t;
    }

    /** Greys the account out while the target is files, so the admin sees that no password is wanted. */
    private void accountFollowsTarget() {
        if (user != null) {
            String t = target.getText().trim();
            boolean offline = kind.accepts(t) && !kind.needsCredentials(t);
            user.setEnabled(!offline);
            password.setEnabled(!offline);
            setMessage(offline ? "Read from files on this machine: no user or password needed." : null, INFORMATION);
        }
    }

    private void validate() {
        accountFollowsTarget();
        String problem = null;
        if (name.getText().isBlank()) {
            problem = "Name the connection.";
        } else if (!kind.accepts(target.getText().trim())) {
            problem = "Not what the " + kind.id() + " connector reads: expected " + target.getMessage()
                    + (kind.readsFiles() ? " (it must exist)." : ".");
        }
        for (OptionField f : options) {
            if (problem == null) {
                problem = f.problem();
            }
        }
        setErrorMessage(problem);
        setPageComplete(problem == null);
    }

    /**
     * Connects once with what the admin typed and reads the inventory, as an audit will: a connector
     * may open its session without a word to the server (Hyper-V's first WinRM request is its first
     * script), so only a read proves the address, the certificate and the account. A server
     * certificate nothing vouches for is shown by its thumbprint; accepting it sets the connection's
     * thumbprint option, and later connections trust exactly that certificate.
     */
    private void checkConnection() {
        validate();
        if (!isPageComplete()) {
            return;
        }
        Connection c = connection();
        Map<String, String> all = new HashMap<>(c.options());
        all.putAll(storedSecrets);
        all.putAll(typedSecrets());
        char[] typed = needsAccount() ? password.getTextChars() : new char[0];
        Exception[] failure = new Exception[1];
        int[] vms = new int[1];
        try {
            getContainer().run(true, false, monitor -> {
                monitor.beginTask("Connecting to " + c.target(), IProgressMonitor.UNKNOWN);
                Credentials credentials = typed.length == 0 && c.user().isEmpty() ? Credentials.none() : new Credentials(c.user(), typed);
                try (Session s = connector.connect(new Endpoint(c.target(), all), credentials)) {
                    // read: the target, the account and the certificate are good
                    vms[0] = s.inventory(Progress.NONE).vms().size();
                } catch (ConnectorException | RuntimeException e) {
                    failure[0] = e;
                } finally {
                    credentials.clear();
                }
            });
        } catch (InvocationTargetException | InterruptedException e) {
            failure[0] = e;
        } finally {
            Arrays.fill(typed, '\0');
        }
        if (failure[0] == null) {
            setErrorMessage(null);
            setMessage("Connected to " + c.target() + ": " + vms[0] + (vms[0] == 1 ? " VM." : " VMs."), INFORMATION);
            return;
        }
        Optional<String> print = ServerCertificate.thumbprintOf(failure[0]);
        Optional<OptionField> pinned = options.stream().filter(f -> f.option().equals(ConnectorOption.THUMBPRINT)).findFirst();
        if (print.isPresent() && pinned.isPresent() && !print.get().equals(c.options().get(ConnectorOption.THUMBPRINT.name()))) {
            MessageDialog dialog = new MessageDialog(getShell(), "Unknown server certificate", null,
                    c.target() + " presents a certificate that nothing on this machine vouches for.\n\n"
                            + "SHA-256 thumbprint:\n" + print.get() + "\n\n"
                            + "Compare it with the thumbprint the server shows on its console (ESXi: DCUI, "
                            + "vCenter: the appliance's certificate page, Hyper-V: the WinRM HTTPS listener's certificate, "
                            + "$cert.GetCertHashString('SHA256') in PowerShell). Trust this certificate for this connection?",
                    MessageDialog.WARNING, 0, "Trust this certificate", "Cancel");
            if (dialog.open() == 0) {
                pinned.get().setValue(print.get());
                checkConnection();
            }
            return;
        }
        setErrorMessage("Could not connect: " + failure[0].getMessage());
    }

    /** The connection as typed, its options in canonical form; secret options are not in it. */
    Connection connection() {
        Map<String, String> values = new HashMap<>();
        for (OptionField f : options) {
            if (!f.option().secret() && !f.isEmpty() && f.problem() == null) {
                values.put(f.option().name(), f.value());
            }
        }
        String t = target.getText().trim();
        boolean file = kind.targetForms().stream().anyMatch(f -> f instanceof TargetForm.Files && f.matches(t));
        return new Connection(name.getText().trim(), kind.id(), file ? Path.of(t).toAbsolutePath().normalize().toString() : t,
                needsAccount() ? user.getText().trim() : "", values);
    }

    /** The secret options typed on this page; one left empty keeps what secure storage has. */
    Map<String, String> typedSecrets() {
        Map<String, String> typed = new HashMap<>();
        for (OptionField f : options) {
            if (f.option().secret() && !f.isEmpty() && f.problem() == null) {
                typed.put(f.option().name(), f.value());
            }
        }
        return typed;
    }

    /** The typed password, or null to keep the stored one (none is kept for a target that needs no account). */
    char[] password() {
        return !needsAccount() || password.getText().isEmpty() ? null : password.getTextChars();
    }

    /** Whether the typed target is one the account fields are for; a folder of a connector that also reads a server is not. */
    private boolean needsAccount() {
        return user != null && kind.needsCredentials(target.getText().trim());
    }
}
