package org.hvdiag.virtualbox.internal;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Credentials;

/**
 * One logon to vboxwebsrv: the IVirtualBox reference every call starts from, and the ISession that
 * locks machines for changes. Closing logs off, which frees every managed object reference the
 * session holds on the server, also when an audit failed midway.
 */
final class WebSession implements AutoCloseable {
    private final VboxWeb web;
    private final String virtualBox;
    private final ApiVersion api;
    private final String version;
    private String session;

    private WebSession(VboxWeb web, String virtualBox, ApiVersion api, String version) {
        this.web = web;
        this.virtualBox = virtualBox;
        this.api = api;
        this.version = version;
    }

    static WebSession logon(VboxWeb web, Credentials credentials) throws ConnectorException {
        char[] password = credentials.password();
        String ref;
        try {
            ref = web.call("IWebsessionManager_logon", "username", credentials.user(), "password", new String(password)).value();
        } catch (VboxFault f) {
            throw new ConnectorException("VirtualBox web service " + web.url().hostAndPort() + " refused the logon of user '"
                    + credentials.user() + "': " + f.reason());
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
        WebSession s = new WebSession(web, ref, null, null);
        try {
            ApiVersion api = ApiVersion.of(web.call("IVirtualBox_getAPIVersion", "_this", ref).value(), web.url().hostAndPort());
            String version = web.call("IVirtualBox_getVersion", "_this", ref).value();
            return new WebSession(web, ref, api, version);
        } catch (ConnectorException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    VboxWeb web() {
        return web;
    }

    String virtualBox() {
        return virtualBox;
    }

    ApiVersion api() {
        return api;
    }

    /** VirtualBox's version as the server states it ("7.0.14" or "7.0.14_Debian"). */
    String version() {
        return version;
    }

    /** The websession's one ISession: machines are locked through it, one at a time. */
    synchronized String session() throws ConnectorException {
        if (session == null) {
            session = web.call("IWebsessionManager_getSessionObject", "refIVirtualBox", virtualBox).value();
        }
        return session;
    }

    @Override
    public void close() {
        try {
            web.call("IWebsessionManager_logoff", "refIVirtualBox", virtualBox);
        } catch (ConnectorException | RuntimeException e) {
            // A server that is gone has dropped the websession with it; one that refuses keeps it
            // until its idle timeout (300 s by default): nothing more the client can do.
        }
    }
}
