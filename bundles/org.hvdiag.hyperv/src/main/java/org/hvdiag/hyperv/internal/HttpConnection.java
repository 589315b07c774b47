package org.hvdiag.hyperv.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One keep-alive HTTP/1.1 connection to a WinRM listener, one POST at a time. HTTP.sys, which serves
 * WinRM, answers with Content-Length or chunked bodies and says "Connection: close" when it ends one.
 * Written here rather than with java.net.http for the same reasons as the VirtualBox client (see
 * org.hvdiag.virtualbox's SoapConnection): its CPU cost per call, and a later NTLM step needs the
 * authentication bound to one connection, which java.net.http's pool does not allow.
 */
final class HttpConnection implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 15_000;
    private static final int MAX_HEADER_LINE = 16384;
    private static final long MAX_BODY = 64L << 20;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String hostHeader;
    private boolean open = true;
    private long lastUsed = System.nanoTime();

    /** The answer's status, the headers hvdiag acts on, and the body. */
    record Answer(int status, String contentType, String wwwAuthenticate, byte[] body) {
    }

    private HttpConnection(Socket socket, String hostHeader) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16384);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16384);
        this.hostHeader = hostHeader;
    }

    /**
     * @param tls null for plain HTTP; else the factory whose trust manager checks the server
     * @param readTimeoutMs longer than the requests' OperationTimeout, which the host may use in full
     */
    static HttpConnection open(String host, int port, SSLSocketFactory tls, int readTimeoutMs) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(readTimeoutMs);
            if (tls != null) {
                SSLSocket t = (SSLSocket) tls.createSocket(s, host, port, true);
                SSLParameters p = t.getSSLParameters();
                // The system trust manager checks the host name too; a pinned certificate skips that check.
                p.setEndpointIdentificationAlgorithm("HTTPS");
                t.setSSLParameters(p);
                t.startHandshake();
                s = t;
            }
            return new HttpConnection(s, (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** How long the connection has been idle since its last answer (or since it opened). */
    long idleNanos() {
        return System.nanoTime() - lastUsed;
    }

    /** POSTs one envelope to /wsman and reads the answer. */
    Answer post(byte[] body, String authorization) throws IOException {
        StringBuilder head = new StringBuilder(256).append("POST /wsman HTTP/1.1\r\nHost: ").append(hostHeader)
                .append("\r\nContent-Type: application/soap+xml;charset=UTF-8\r\nUser-Agent: hvdiag\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        try {
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return readAnswer();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Answer readAnswer() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.") || status.length() < 12) {
            throw new IOException("not an HTTP answer: '" + status + "'");
        }
        int code;
        try {
            code = Integer.parseInt(status.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("malformed HTTP status line: '" + status + "'");
        }
        long length = -1;
        boolean chunked = false;
        boolean closing = status.startsWith("HTTP/1.0");
        String contentType = "";
        String challenge = "";
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closing = value.toLowerCase(Locale.ROOT).contains("close")
                        || (closing && !value.toLowerCase(Locale.ROOT).contains("keep-alive"));
                case "content-type" -> contentType = value;
                case "www-authenticate" -> challenge = challenge.isEmpty() ? value : challenge + ", " + value;
                default -> { }
            }
        }
        byte[] bodyBytes;
        if (chunked) {
            bodyBytes = chunks();
        } else if (length >= 0) {
            bodyBytes = exactly(length);
        } else {
            bodyBytes = in.readNBytes((int) MAX_BODY);
            closing = true;
        }
        if (closing) {
            close();
        }
        lastUsed = System.nanoTime();
        return new Answer(code, contentType, challenge, bodyBytes);
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semi = size.indexOf(';');
            long n;
            try {
                n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size '" + size + "'");
            }
            if (n == 0) {
                for (String t = line(); !t.isEmpty(); t = line()) {
                    // trailers: none matter here
                }
                return b.toByteArray();
            }
            if (b.size() + n > MAX_BODY) {
                throw new IOException("answer larger than " + MAX_BODY + " bytes");
            }
            b.write(exactly(n));
            line();
        }
    }

    private byte[] exactly(long n) throws IOException {
        if (n > MAX_BODY) {
            throw new IOException("answer of " + n + " bytes, more than hvdiag reads");
        }
        byte[] b = in.readNBytes((int) n);
        if (b.length < n) {
            throw new EOFException("the server closed the connection in the middle of an answer");
        }
        return b;
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the server closed the connection in the middle of an answer");
            }
            if (c == '\n') {
                return sb.toString();
            }
            if (c != '\r') {
                sb.append((char) c);
            }
            if (sb.length() > MAX_HEADER_LINE) {
                throw new IOException("an HTTP header line longer than " + MAX_HEADER_LINE + " bytes");
            }
        }
    }

    boolean isOpen() {
        return open && !socket.isClosed();
    }

    @Override
    public void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing left to do with it
        }
    }
}
