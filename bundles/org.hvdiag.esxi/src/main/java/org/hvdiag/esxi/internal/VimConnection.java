package org.hvdiag.esxi.internal;

import java.net.MalformedURLException;
import java.rmi.RemoteException;
import java.util.Arrays;

import com.vmware.vim25.InvalidLogin;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.MethodFault;
import com.vmware.vim25.ServiceContent;
import com.vmware.vim25.VimPortType;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.NetworkFailure;
import org.hvdiag.core.connector.CertificateNotTrusted;
import org.hvdiag.core.tls.PinnedTrust;

/**
 * One logged-in vSphere API session: the SOAP port, the service content, and the translation of
 * failures into messages an admin can act on. The password is used for Login and not kept.
 */
final class VimConnection implements AutoCloseable {
    private static final int CONNECT_MILLIS = 15_000;
    private static final int READ_MILLIS = 10 * 60_000;
    /** The session cookie's name on ESXi and vCenter. */
    static final String SESSION_COOKIE = "vmware_soap_session";

    private final VsphereUrl url;
    private final PinnedClient client;
    private final PinnedTrust trust;
    private final VimPortType port;
    private final ServiceContent content;

    private VimConnection(VsphereUrl url, PinnedClient client, PinnedTrust trust, VimPortType port, ServiceContent content) {
        this.url = url;
        this.client = client;
        this.trust = trust;
        this.port = port;
        this.content = content;
    }

    static VimConnection login(VsphereUrl url, Credentials credentials, String thumbprint) throws ConnectorException {
        QuietSdkLog.apply();
        // Canonical (AA:BB:..., SHA-256) or empty: Endpoint.option checked it.
        PinnedTrust trust = new PinnedTrust(thumbprint == null ? "" : thumbprint);
        VimPortType port;
        PinnedClient client;
        try {
            client = new PinnedClient(url.sdkUrl(), trust, CONNECT_MILLIS, READ_MILLIS);
            port = new VimPortType(client);
        } catch (MalformedURLException | RemoteException e) {
            throw new ConnectorException("cannot use " + url.hostAndPort() + ": " + e.getMessage());
        }
        ServiceContent content;
        try {
            content = port.retrieveServiceContent(serviceInstance());
        } catch (RemoteException e) {
            throw failure(url, trust, "connect to", e);
        }
        char[] password = credentials.password();
        try {
            // The URL names the user (decoded: administrator%40vsphere.local is administrator@vsphere.local).
            port.login(content.getSessionManager(), url.user(), new String(password), null);
        } catch (RemoteException e) {
            if (e instanceof InvalidLogin || "InvalidLogin".equals(FaultName.of(e))) {
                throw new ConnectorException("login to " + url.hostAndPort() + " as '" + url.user()
                        + "' refused: wrong user name or password");
            }
            throw failure(url, trust, "log in to", e);
        } finally {
            Arrays.fill(password, '\0');
        }
        return new VimConnection(url, client, trust, port, content);
    }

    /**
     * The session's cookie as a Cookie header value ({@code vmware_soap_session="..."}), which the
     * host's /folder/ file access wants; null before login. yavijava keeps the first Set-Cookie
     * header it was sent, attributes and all: only the name=value pair is taken. It is a credential:
     * it goes in the Cookie header and nowhere else (no note, no exception, no log).
     */
    String sessionCookie() {
        String set = client.getCookie();
        if (set == null || set.isBlank()) {
            return null;
        }
        for (String part : set.split(";")) {
            String p = part.strip();
            if (p.startsWith(SESSION_COOKIE + "=")) {
                return p;
            }
        }
        int semi = set.indexOf(';');
        return (semi < 0 ? set : set.substring(0, semi)).strip();
    }

    /** TLS for the server's other HTTPS services (datastore files) with the same pinned trust as the SOAP port. */
    javax.net.ssl.SSLSocketFactory tls() throws java.security.GeneralSecurityException {
        return PinnedClient.socketFactory(trust);
    }

    int readMillis() {
        return READ_MILLIS;
    }

    int connectMillis() {
        return CONNECT_MILLIS;
    }

    /** The SOAP port's own HTTP for envelopes written and parsed here (the streamed bulk reads). */
    SoapTransport soap() {
        return client;
    }

    VimPortType port() {
        return port;
    }

    ServiceContent content() {
        return content;
    }

    VsphereUrl url() {
        return url;
    }

    /** What went wrong in a call, in the admin's words, with the server named. */
    ConnectorException failure(String what, Exception e) {
        return failure(url, null, what, e);
    }

    static ConnectorException failure(VsphereUrl url, PinnedTrust trust, String what, Exception e) {
        if (trust != null && trust.refusedThumbprint() != null) {
            String t = trust.refusedThumbprint();
            return new CertificateNotTrusted("the certificate of " + url.hostAndPort() + " is not trusted; its SHA-256 "
                    + "thumbprint is " + t + ". If that is your server's certificate (check it on the host's console "
                    + "or in vCenter), run again with --thumbprint " + t, t);
        }
        var network = NetworkFailure.of(url.hostAndPort(), url.host(), what, e);
        if (network.isPresent()) {
            return network.get();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String fault = FaultName.of(e);
        String detail = fault != null ? fault : e instanceof MethodFault ? e.getClass().getSimpleName() : String.valueOf(root.getMessage());
        return new ConnectorException("cannot " + what + " " + url.hostAndPort() + ": " + detail);
    }

    static ManagedObjectReference ref(String type, String value) {
        ManagedObjectReference r = new ManagedObjectReference();
        r.setType(type);
        r.setVal(value);
        return r;
    }

    private static ManagedObjectReference serviceInstance() {
        return ref("ServiceInstance", "ServiceInstance");
    }

    @Override
    public void close() {
        try {
            port.logout(content.getSessionManager());
        } catch (RemoteException | RuntimeException e) {
            // The session ends with the server's idle timeout anyway; a failed logout changes nothing.
        }
    }
}
