package org.hvdiag.core.http;

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
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One keep-alive HTTP/1.1 connection to a hypervisor's SOAP endpoint (vboxwebsrv, a WinRM listener),
 * one POST at a time. It speaks what those servers do: a request with Content-Length; an answer with
 * Content-Length or chunked; "Connection: close" when the server ends the connection (vboxwebsrv
 * after --keepalive requests, HTTP.sys when it likes).
 * <p>
 * Why not java.net.http: measured on this project's 2-core machines it spent about 200 us of client
 * CPU per call (an inventory over the VirtualBox web service is tens of thousands of calls; see
 * benchmarks/vbox-1k.sh), and NTLM binds the authentication to one connection, which its pool does
 * not allow.
 */
public final class HttpConnection implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 15_000;
    private static final int MAX_HEADER_LINE = 16384;
    private static final long MAX_BODY = 64L << 20;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String hostHeader;
    private boolean open = true;
    private long lastUsed = System.nanoTime();
    /** The answer's first byte, read to tell "no answer" from a broken one. */
    private int pushedBack = -1;

    /** The answer's status, the headers hvdiag acts on, and the body. */
    public record Answer(int status, String contentType, String wwwAuthenticate, byte[] body) {
    }

    /**
     * The request went out on a connection that was already gone, or no byte of an answer came back:
     * the server may not have seen it, so a read-only request may be sent again on a new connection.
     */
    public static final class NoAnswer extends IOException {
        private static final long serialVersionUID = 1L;

        NoAnswer(IOException cause) {
            super(cause.getMessage(), cause);
        }
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
    public static HttpConnection open(String host, int port, SSLSocketFactory tls, int readTimeoutMs) throws IOException {
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
    public long idleNanos() {
        return System.nanoTime() - lastUsed;
    }

    /**
     * POSTs one body and reads the answer.
     *
     * @param headers further header lines, each "Name: value", none containing CR or LF
     */
    public Answer post(String path, String contentType, List<String> headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ")
                .append(hostHeader).append("\r\nContent-Type: ").append(contentType).append("\r\n");
        for (String h : headers) {
            if (h.indexOf('\r') >= 0 || h.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("an HTTP header must be one line");
            }
            head.append(h).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        try {
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        } catch (IOException e) {
            close();
            throw new NoAnswer(e);
        }
        int first;
        try {
            first = in.read();
        } catch (IOException e) {
            close();
            throw new NoAnswer(e);
        }
        if (first < 0) {
            close();
            throw new NoAnswer(new EOFException("the server closed the connection without answering"));
        }
        pushedBack = first;
        try {
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
            int c = pushedBack >= 0 ? pushedBack : in.read();
            pushedBack = -1;
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

    public boolean isOpen() {
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
