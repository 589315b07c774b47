package org.hvdiag.esxi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.rmi.RemoteException;
import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import com.vmware.vim25.ws.WSClient;

/**
 * yavijava's SOAP client with a TLS context of its own. yavijava caches one SSL context for the whole
 * JVM, so the first connection's trust decision would silently apply to every later one (another
 * server, another thumbprint); this client builds its context per connection.
 */
final class PinnedClient extends WSClient implements SoapTransport {

    PinnedClient(String url, TrustManager trust, int connectMillis, int readMillis) throws MalformedURLException, RemoteException {
        super(url, false, trust);
        setConnectTimeout(connectMillis);
        setReadTimeout(readMillis);
        setVimNameSpace(" xmlns=\"urn:vim25\">");
        // Ask for API 6.0 answers: a real vCenter then leaves out the fields newer than yavijava knows.
        setSoapActionOnApiVersion("6.0");
    }

    /**
     * One SOAP envelope over this client's own connection set-up (the pinned TLS context, the
     * session cookie, the API version's SOAPAction, the timeouts): the answer's body as it arrives,
     * a fault's too, for the streamed reads that parse it themselves.
     */
    @Override
    public InputStream send(String envelope) throws IOException {
        return post(envelope);
    }

    @Override
    protected SSLSocketFactory getCustomTrustManagerSocketFactory(TrustManager trust) throws RemoteException {
        try {
            return socketFactory(trust);
        } catch (GeneralSecurityException e) {
            throw new RemoteException("cannot set up TLS", e);
        }
    }

    /** A TLS context that trusts what {@code trust} does and nothing else: the SOAP port's and datastore reads'. */
    static SSLSocketFactory socketFactory(TrustManager trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null);
        return context.getSocketFactory();
    }
}
