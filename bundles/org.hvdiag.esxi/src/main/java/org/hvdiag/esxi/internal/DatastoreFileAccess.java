package org.hvdiag.esxi.internal;

import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * The HTTP file access every ESXi host and vCenter serves beside the API:
 * {@code https://HOST/folder/PATH?dcPath=DATACENTER&dsName=DATASTORE}, authenticated by the API
 * session's cookie (vSphere Web Services SDK Programming Guide, "HTTP access to datastore files";
 * govc datastore.download uses it). Reads ask for {@code Range: bytes=N-} so only a log's tail
 * travels. TLS trusts exactly what the API connection trusts. The cookie is sent and never shown.
 */
final class DatastoreFileAccess {
    private final VimConnection vim;
    private final String base;
    private final SSLSocketFactory tls;

    DatastoreFileAccess(VimConnection vim) throws GeneralSecurityException {
        this.vim = vim;
        String sdk = vim.url().sdkUrl();
        this.base = sdk.substring(0, sdk.length() - "/sdk".length());
        this.tls = vim.tls();
    }

    /** The URL of a file; its query names the datacenter and datastore, its path the file in the datastore. */
    String url(String datacenterPath, DatastorePath file) {
        StringBuilder b = new StringBuilder(base).append("/folder");
        for (String segment : file.path().split("/")) {
            if (!segment.isEmpty()) {
                b.append('/').append(encode(segment));
            }
        }
        return b.append("?dcPath=").append(encode(datacenterPath)).append("&dsName=").append(encode(file.datastore())).toString();
    }

    /** The file's bytes from {@code offset}; FileNotFoundException for a file the host does not have. */
    InputStream open(String url, DatastorePath file, long offset) throws IOException {
        HttpURLConnection c = connect(url, "GET");
        if (offset > 0) {
            c.setRequestProperty("Range", "bytes=" + offset + "-");
        }
        int code = c.getResponseCode();
        if (code == 416) {
            // Nothing at or after offset (the log was rotated under the reader): no bytes.
            discard(c);
            return InputStream.nullInputStream();
        }
        check(c, code, file);
        InputStream in = c.getInputStream();
        if (offset > 0 && code == HttpURLConnection.HTTP_OK) {
            // A server that ignores Range sends the whole file: skip to the offset (correct, only slower).
            in.skipNBytes(offset);
        }
        return new FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    c.disconnect();
                }
            }
        };
    }

    /** The file's length from a HEAD request, for a host whose datastore browser did not give it. */
    long size(String url, DatastorePath file) throws IOException {
        HttpURLConnection c = connect(url, "HEAD");
        try {
            check(c, c.getResponseCode(), file);
            return c.getContentLengthLong();
        } finally {
            c.disconnect();
        }
    }

    private HttpURLConnection connect(String url, String method) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        if (c instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(tls);
        }
        c.setRequestMethod(method);
        c.setConnectTimeout(vim.connectMillis());
        c.setReadTimeout(vim.readMillis());
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        String cookie = vim.sessionCookie();
        if (cookie != null) {
            c.setRequestProperty("Cookie", cookie);
        }
        return c;
    }

    private void check(HttpURLConnection c, int code, DatastorePath file) throws IOException {
        if (code == HttpURLConnection.HTTP_OK || code == HttpURLConnection.HTTP_PARTIAL) {
            return;
        }
        discard(c);
        String host = vim.url().hostAndPort();
        switch (code) {
            case HttpURLConnection.HTTP_NOT_FOUND -> throw new FileNotFoundException(
                    file + " is not on the datastore (HTTP 404 from " + host + ")");
            case HttpURLConnection.HTTP_UNAUTHORIZED, HttpURLConnection.HTTP_FORBIDDEN -> throw new IOException(
                    host + " refused this session's datastore file access (HTTP " + code + "): the session may have "
                            + "ended, or the user lacks the Datastore > Browse datastore privilege on " + file.datastore());
            default -> throw new IOException(host + " answered HTTP " + code + " for " + file);
        }
    }

    private static void discard(HttpURLConnection c) {
        try (InputStream err = c.getErrorStream()) {
            if (err != null) {
                err.skip(Long.MAX_VALUE);
            }
        } catch (IOException e) {
            // only freeing the connection
        }
        c.disconnect();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
