package org.hvdiag.virtualbox.internal;

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
 * One keep-alive HTTP/1.1 connection to vboxwebsrv, carrying one SOAP POST at a time. It speaks only
 * what gSOAP's server does for the web service: a request with Content-Length, an answer with
 * Content-Length or chunked, "Connection: close" when the server ends the connection (vboxwebsrv
 * closes one after --keepalive requests, 100 by default).
 * <p>
 * Why not java.net.http: measured on this project's 2-core machines it spent about 200 µs of CPU per
 * call in the client, as much as the whole round trip of a plain HTTP client, and an inventory is
 * tens of thousands of calls (see benchmarks/vbox-1k.sh and the README).
 */
final class SoapConnection implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 15_000;
    private static final int READ_TIMEOUT_MS = 60_000;
    private static final int MAX_HEADER_LINE = 8192;
    private static final long MAX_BODY = 256L << 20;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] head;
    private boolean open = true;

    /** Whether the answer said the server closes this connection after it. */
    private boolean closing;

    private SoapConnection(Socket socket, String hostHeader) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16384);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16384);
        this.head = ("POST / HTTP/1.1\r\nHost: " + hostHeader + "\r\nContent-Type: text/xml; charset=utf-8\r\n"
                + "SOAPAction: \"\"\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
    }

    /** @param tls null for plain HTTP; else the factory whose trust manager checks the server */
    static SoapConnection open(String host, int port, SSLSocketFactory tls) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(READ_TIMEOUT_MS);
            if (tls != null) {
                SSLSocket t = (SSLSocket) tls.createSocket(s, host, port, true);
                SSLParameters p = t.getSSLParameters();
                // The system trust manager checks the host name; a pinned certificate skips that check.
                p.setEndpointIdentificationAlgorithm("HTTPS");
                t.setSSLParameters(p);
                t.startHandshake();
                s = t;
            }
            String hostHeader = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            return new SoapConnection(s, hostHeader);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The answer's status and body. */
    record Answer(int status, byte[] body) {
    }

    /**
     * Sends one request and reads its answer. An {@link IOException} before any byte of the answer
     * arrived is a {@link NoAnswer}: the caller may send a read-only request again on a new connection.
     */
    Answer exchange(byte[] body) throws IOException {
        try {
            out.write(head);
            out.write(Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII));
            out.write('\r');
            out.write('\n');
            out.write('\r');
            out.write('\n');
            out.write(body);
            out.flush();
        } catch (IOException e) {
            open = false;
            throw new NoAnswer(e);
        }
        int first;
        try {
            first = in.read();
        } catch (IOException e) {
            open = false;
            throw new NoAnswer(e);
        }
        if (first < 0) {
            open = false;
            throw new NoAnswer(new EOFException("the server closed the connection without answering"));
        }
        try {
            return readAnswer(first);
        } catch (IOException | RuntimeException e) {
            open = false;
            throw e;
        }
    }

    private Answer readAnswer(int first) throws IOException {
        String status = line(first);
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: '" + status + "'");
        }
        int code;
        try {
            code = Integer.parseInt(status.substring(9, 12));
        } catch (RuntimeException e) {
            throw new IOException("malformed HTTP status line: '" + status + "'");
        }
        long length = -1;
        boolean chunked = false;
        closing = status.startsWith("HTTP/1.0");
        for (String h = line(in.read()); !h.isEmpty(); h = line(in.read())) {
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
                default -> { }
            }
        }
        byte[] bodyBytes;
        if (chunked) {
            bodyBytes = chunks();
        } else if (length >= 0) {
            bodyBytes = exactly(length);
        } else {
            bodyBytes = in.readAllBytes();
            closing = true;
        }
        if (closing) {
            close();
        }
        return new Answer(code, bodyBytes);
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            String size = line(in.read());
            int semi = size.indexOf(';');
            long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                for (String t = line(in.read()); !t.isEmpty(); t = line(in.read())) {
                    // trailers: none matter here
                }
                return b.toByteArray();
            }
            b.write(exactly(n));
            line(in.read());
            if (b.size() > MAX_BODY) {
                throw new IOException("answer larger than " + MAX_BODY + " bytes");
            }
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

    /** One CRLF-terminated header line, starting with the byte already read. */
    private String line(int first) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c = first;
        while (true) {
            if (c < 0) {
                throw new EOFException("the server closed the connection in the middle of an answer");
            }
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                sb.append((char) c);
            }
            if (sb.length() > MAX_HEADER_LINE) {
                throw new IOException("an HTTP header line longer than " + MAX_HEADER_LINE + " bytes");
            }
            c = in.read();
        }
        return sb.toString();
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

    /** The request went out on a connection that was already gone, or no answer started to come back. */
    static final class NoAnswer extends IOException {
        private static final long serialVersionUID = 1L;

        NoAnswer(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
