package org.hvdiag.hyperv.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS socket factory of one transport, remembering the socket it made last, so that NTLM's channel
 * bindings hash exactly the certificate of the connection being logged on. core's HttpConnection does
 * not expose its socket; the transport opens one connection at a time, so "last" is that connection.
 */
final class PeerRecordingTls extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private volatile SSLSocket last;

    PeerRecordingTls(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    /** The server certificate of the last connection's TLS session. */
    X509Certificate peerCertificate() throws SSLPeerUnverifiedException {
        SSLSocket s = last;
        if (s == null) {
            throw new SSLPeerUnverifiedException("no TLS connection was opened");
        }
        Certificate[] chain = s.getSession().getPeerCertificates();
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate x)) {
            throw new SSLPeerUnverifiedException("the server presented no X.509 certificate");
        }
        return x;
    }

    private Socket remember(Socket s) {
        if (s instanceof SSLSocket t) {
            last = t;
        }
        return s;
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return remember(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return remember(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return remember(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return remember(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return remember(delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }
}
