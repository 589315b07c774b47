package org.hvdiag.core.tls;

import java.net.Socket;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts the server when its certificate has the thumbprint the admin gave, else when this machine's
 * certificate authorities vouch for it (host name included). Remembers the thumbprint it refused, so
 * the refusal can show it. Pinning the exact certificate makes the host name check moot: a server's own
 * self-signed certificate (ESXi's, vboxwebsrv's) often names a host other than the one typed.
 */
public final class PinnedTrust extends X509ExtendedTrustManager {
    private final String pinned;
    private final X509ExtendedTrustManager system;
    private volatile String refused;

    public PinnedTrust(String pinned) {
        this.pinned = pinned;
        this.system = systemTrust();
    }

    public String refusedThumbprint() {
        return refused;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        if (isPinned(chain)) {
            return;
        }
        try {
            system.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            refuse(chain, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        if (isPinned(chain)) {
            return;
        }
        try {
            system.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            refuse(chain, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (isPinned(chain)) {
            return;
        }
        try {
            system.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            refuse(chain, e);
        }
    }

    private boolean isPinned(X509Certificate[] chain) {
        return pinned != null && !pinned.isEmpty() && chain != null && chain.length > 0
                && Thumbprint.of(chain[0]).equals(pinned);
    }

    private void refuse(X509Certificate[] chain, CertificateException e) throws CertificateException {
        refused = chain == null || chain.length == 0 ? "" : Thumbprint.of(chain[0]);
        throw e;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("hvdiag is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("hvdiag is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("hvdiag is a client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return system.getAcceptedIssuers();
    }

    private static X509ExtendedTrustManager systemTrust() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager) {
                    return (X509ExtendedTrustManager) tm;
                }
            }
            throw new IllegalStateException("the JDK offers no X.509 trust manager");
        } catch (NoSuchAlgorithmException | KeyStoreException e) {
            throw new IllegalStateException("cannot load this machine's certificate authorities", e);
        }
    }
}
