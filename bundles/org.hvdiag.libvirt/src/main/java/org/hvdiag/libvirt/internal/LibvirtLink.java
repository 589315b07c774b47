package org.hvdiag.libvirt.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.libvirt.Connect;
import org.libvirt.ConnectAuth;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.model.PowerState;

/**
 * One open libvirt connection through the libvirt project's Java binding, which calls the
 * machine's own libvirt client library: every URI virsh takes works the same way, with libvirt's
 * own transports, authentication and TLS checks (qemu+tls verifies the server against libvirt's
 * CA unless the URI says no_verify=1). Every call into the binding is here, so that its
 * exceptions become messages naming the URI and the domain.
 * <p>
 * libvirt connections are thread-safe: {@link LiveDomains} reads domain XML from several threads
 * over one connection, and the remote driver keeps several calls in flight on its socket.
 */
final class LibvirtLink implements AutoCloseable {
    private static final AtomicBoolean QUIET = new AtomicBoolean();
    /** Held here for good: libvirt calls it from native code, and JNA frees a callback once it is garbage. */
    private static final org.libvirt.jna.Libvirt.VirErrorCallback SILENT = (userData, error) -> { };

    /** One libvirt domain as listed: its handle, UUID, name and state at listing time. */
    record Listed(Domain handle, String uuid, String name, PowerState state) {
    }

    private final String uri;
    private final EventConnect conn;

    private LibvirtLink(String uri, EventConnect conn) {
        this.uri = uri;
        this.conn = conn;
    }

    static LibvirtLink open(String uri, Credentials credentials) throws ConnectorException {
        try {
            quiet();
            // before the connection: libvirt only sends events on connections opened after it
            LibvirtEventLoop.start();
            return new LibvirtLink(uri, new EventConnect(uri, new AccountAnswers(credentials), 0));
        } catch (LibvirtException e) {
            throw new ConnectorException("cannot connect to " + uri + ": " + message(e));
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new ConnectorException("cannot connect to " + uri + ": libvirt's client library (libvirt.so.0, the "
                    + "Debian package libvirt0) could not be loaded on this machine: " + e.getMessage());
        }
    }

    /**
     * libvirt prints every error on stderr unless told otherwise; the errors reach the admin
     * through the exceptions, once, in hvdiag's words.
     */
    private static void quiet() throws LibvirtException {
        if (QUIET.compareAndSet(false, true)) {
            Connect.setErrorCallback(SILENT);
        }
    }

    String uri() {
        return uri;
    }

    EventConnect connection() {
        return conn;
    }

    /** Every domain, running or defined, with its state, in three list calls. */
    List<Listed> domains() throws ConnectorException {
        try {
            Domain[] all = conn.listAllDomains(0);
            Set<String> running = uuids(conn.listAllDomains(Connect.ConnectListAllDomainsFlags.CONNECT_LIST_DOMAINS_RUNNING));
            Set<String> paused = uuids(conn.listAllDomains(Connect.ConnectListAllDomainsFlags.CONNECT_LIST_DOMAINS_PAUSED));
            Set<String> active = uuids(conn.listAllDomains(Connect.ConnectListAllDomainsFlags.CONNECT_LIST_DOMAINS_ACTIVE));
            List<Listed> listed = new java.util.ArrayList<>(all.length);
            for (Domain d : all) {
                String id = d.getUUIDString();
                PowerState state = running.contains(id) ? PowerState.POWERED_ON
                        : paused.contains(id) ? PowerState.PAUSED
                        : active.contains(id) ? PowerState.UNKNOWN : PowerState.POWERED_OFF;
                listed.add(new Listed(d, id, d.getName(), state));
            }
            return listed;
        } catch (LibvirtException e) {
            throw failure("list the domains of", e);
        }
    }

    private static Set<String> uuids(Domain[] domains) throws LibvirtException {
        Set<String> s = new HashSet<>();
        for (Domain d : domains) {
            s.add(d.getUUIDString());
        }
        return s;
    }

    /** One domain by UUID, or null when it no longer exists. */
    Listed find(String uuid) throws ConnectorException {
        try {
            Domain d = conn.domainLookupByUUIDString(uuid);
            int active = d.isActive();
            PowerState state = PowerState.POWERED_OFF;
            if (active == 1) {
                state = switch (d.getInfo().state) {
                    case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> PowerState.POWERED_ON;
                    case VIR_DOMAIN_PAUSED, VIR_DOMAIN_PMSUSPENDED -> PowerState.PAUSED;
                    default -> PowerState.UNKNOWN;
                };
            }
            return new Listed(d, uuid, d.getName(), state);
        } catch (LibvirtException e) {
            if (e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                return null;
            }
            throw failure("look up domain " + uuid + " on", e);
        }
    }

    /**
     * The domain's XML: its persistent definition when {@code inactive}, else what it runs with.
     * {@code secure} adds what libvirt keeps back otherwise (graphics passwords): only for a
     * definition hvdiag is about to redefine, never for a journal.
     */
    String xml(Listed d, boolean inactive, boolean secure) throws ConnectorException {
        int flags = (inactive ? Domain.XMLFlags.INACTIVE : 0) | (secure ? Domain.XMLFlags.SECURE : 0);
        try {
            return d.handle().getXMLDesc(flags);
        } catch (LibvirtException e) {
            throw failure("read the XML of domain " + d.name() + " from", e);
        }
    }

    String capabilities() throws ConnectorException {
        try {
            return conn.getCapabilities();
        } catch (LibvirtException e) {
            throw failure("read the host capabilities of", e);
        }
    }

    NodeInfo node() throws ConnectorException {
        try {
            return conn.nodeInfo();
        } catch (LibvirtException e) {
            throw failure("read the host CPUs and memory of", e);
        }
    }

    String hostName() throws ConnectorException {
        try {
            return conn.getHostName();
        } catch (LibvirtException e) {
            throw failure("read the host name of", e);
        }
    }

    /** "libvirt 9.0.0, QEMU 7.2.0" as the daemon reports them. */
    String versions() throws ConnectorException {
        try {
            return "libvirt " + dotted(conn.getLibVersion()) + ", " + conn.getType() + " " + dotted(conn.getVersion());
        } catch (LibvirtException e) {
            throw failure("read the versions of", e);
        }
    }

    private static String dotted(long v) {
        return (v / 1_000_000) + "." + (v / 1000 % 1000) + "." + (v % 1000);
    }

    /** Replaces the persistent definition of the domain that {@code xml} names by UUID. */
    void define(String domainName, String xml) throws ConnectorException {
        try {
            conn.domainDefineXML(xml);
        } catch (LibvirtException e) {
            throw failure("redefine domain " + domainName + " on", e);
        }
    }

    /** Detaches one device, in the running guest ({@code live}) and/or from the definition ({@code config}). */
    void detach(Listed d, String deviceXml, boolean live, boolean config) throws ConnectorException {
        try {
            d.handle().detachDeviceFlags(deviceXml, flags(live, config));
        } catch (LibvirtException e) {
            throw failure("detach a device from domain " + d.name() + " on", e);
        }
    }

    void attach(Listed d, String deviceXml, boolean live, boolean config) throws ConnectorException {
        try {
            d.handle().attachDeviceFlags(deviceXml, flags(live, config));
        } catch (LibvirtException e) {
            throw failure("attach a device to domain " + d.name() + " on", e);
        }
    }

    private static int flags(boolean live, boolean config) {
        return (live ? Domain.DeviceModifyFlags.LIVE : 0) | (config ? Domain.DeviceModifyFlags.CONFIG : 0);
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (LibvirtException e) {
            // the daemon is gone already: nothing left to close
        }
    }

    private ConnectorException failure(String what, LibvirtException e) {
        return new ConnectorException((lost(e) ? "lost the connection to " + uri + " while trying to " : "cannot ") + what
                + " " + uri + ": " + message(e), lost(e) ? new java.net.SocketException(message(e)) : null);
    }

    /** Whether the daemon is gone (killed, restarted, network), as opposed to refusing one request. */
    static boolean lost(LibvirtException e) {
        ErrorNumber code = e.getError().getCode();
        return code == ErrorNumber.VIR_ERR_SYSTEM_ERROR || code == ErrorNumber.VIR_ERR_RPC
                || code == ErrorNumber.VIR_ERR_NO_CONNECT || code == ErrorNumber.VIR_ERR_INVALID_CONN
                || message(e).contains("client socket is closed") || message(e).contains("End of file while reading");
    }

    static String message(LibvirtException e) {
        String m = e.getError() == null ? e.getMessage() : e.getError().getMessage();
        return m == null ? e.toString() : m.strip();
    }

    /**
     * Answers libvirt's account questions (SASL on qemu+tcp or qemu+tls) from the admin's
     * credentials; without them it answers none, and libvirt says authentication failed. ssh keys,
     * TLS client certificates and polkit need no answers here.
     */
    private static final class AccountAnswers extends ConnectAuth {
        private final Credentials credentials;

        AccountAnswers(Credentials credentials) {
            this.credentials = credentials;
            credType = new CredentialType[] {CredentialType.VIR_CRED_AUTHNAME, CredentialType.VIR_CRED_USERNAME,
                CredentialType.VIR_CRED_PASSPHRASE, CredentialType.VIR_CRED_NOECHOPROMPT};
        }

        @Override
        public int callback(Credential[] asked) {
            if (credentials == null || credentials.user() == null || credentials.user().isEmpty()) {
                return -1;
            }
            for (Credential c : asked) {
                switch (c.type) {
                    case VIR_CRED_AUTHNAME, VIR_CRED_USERNAME -> c.result = credentials.user();
                    case VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT -> c.result = new String(credentials.password());
                    default -> {
                        return -1;
                    }
                }
            }
            return 0;
        }
    }
}
