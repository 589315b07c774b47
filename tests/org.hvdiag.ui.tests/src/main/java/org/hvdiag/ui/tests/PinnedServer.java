package org.hvdiag.ui.tests;

import java.time.Instant;
import java.util.List;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ChangeSupport;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.CertificateNotTrusted;
import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorDescriptor;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.OptionType;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.connector.TargetForm;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalEntry;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Inventory;

/**
 * A server connector registered by a test: its server presents a certificate nothing vouches for
 * (thumbprint {@link #THUMBPRINT}) and accepts only admin / {@link #PASSWORD}, the way the vSphere
 * connector behaves, so the wizard's accept-the-thumbprint flow is tested without a server.
 */
final class PinnedServer implements Connector {
    static final String THUMBPRINT = "3F:A1:9C:00:5E:77:D2:41:0B:8E:6A:12:CC:90:4D:7F:21:B3:58:E0:9A:6C:11:F4:2D:83:5B:C7:0E:99:A4:36";
    static final String PASSWORD = "s3cret-Pa55";
    /** A secret option the server wants besides the account, as some APIs want a token. */
    static final ConnectorOption TOKEN = new ConnectorOption("api-token", OptionType.TEXT, true, "The API token the server issued.");
    static final String TOKEN_VALUE = "tok-7f3a91";

    /** What the vSphere connector throws for a certificate nothing vouches for. */
    public static final class NotTrusted extends CertificateNotTrusted {
        private static final long serialVersionUID = 1L;

        NotTrusted(String thumbprint) {
            super("the server's certificate is not trusted (thumbprint " + thumbprint + ")", thumbprint);
        }
    }

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor("pinned-test", HypervisorKind.VSPHERE,
            "A test server whose certificate nothing vouches for", List.of(new TargetForm.Url("pinned", "pinned://user@host")),
            true, List.of(ConnectorOption.THUMBPRINT, TOKEN));

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Session connect(Endpoint endpoint, Credentials credentials) throws ConnectorException {
        if (!endpoint.option(ConnectorOption.THUMBPRINT).orElse("").equals(THUMBPRINT)) {
            throw new NotTrusted(THUMBPRINT);
        }
        if (!endpoint.option(TOKEN).orElse("").equals(TOKEN_VALUE)) {
            throw new ConnectorException("no or wrong API token");
        }
        if (!credentials.user().equals("admin") || !new String(credentials.password()).equals(PASSWORD)) {
            throw new ConnectorException("wrong user or password");
        }
        return new Session() {
            @Override
            public Inventory inventory(Progress progress) {
                return new Inventory(endpoint.target(), Instant.now(), List.of(), List.of(), List.of());
            }

            @Override
            public List<ApplyResult> apply(List<ChangePlan> plans, Journal journal, Progress progress) {
                return List.of();
            }

            @Override
            public List<ApplyResult> undo(List<JournalEntry> entries, Progress progress) {
                return List.of();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public ChangeSupport support(ConfigChange change) {
        return ChangeSupport.UNSUPPORTED;
    }
}
