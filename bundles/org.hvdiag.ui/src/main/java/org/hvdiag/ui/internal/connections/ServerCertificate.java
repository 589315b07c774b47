package org.hvdiag.ui.internal.connections;

import java.util.Optional;

import org.hvdiag.core.connector.CertificateNotTrusted;

/**
 * The thumbprint of a server certificate a connector refused because nothing vouches for it, found
 * anywhere in the cause chain, so the workbench can ask the admin to confirm it.
 */
final class ServerCertificate {
    private ServerCertificate() {
    }

    static Optional<String> thumbprintOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CertificateNotTrusted refused && refused.thumbprint() != null
                    && !refused.thumbprint().isBlank()) {
                return Optional.of(refused.thumbprint());
            }
        }
        return Optional.empty();
    }
}
