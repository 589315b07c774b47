package org.hvdiag.esxi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

import javax.xml.stream.XMLStreamException;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Progress;

/**
 * A paged property read sent as SOAP text and parsed as it arrives. The token of the next page
 * comes first in each answer, so ContinueRetrievePropertiesEx for page N+1 goes out while page N is
 * still being received and parsed: the server prepares the next page while this client reads, and
 * only one page's objects are in flight at a time.
 */
final class StreamedRetrieval {
    private final SoapTransport transport;
    private final VsphereUrl server;
    private final String collector;

    StreamedRetrieval(SoapTransport transport, VsphereUrl server, String collector) {
        this.transport = transport;
        this.server = server;
        this.collector = collector;
    }

    /** Every object of {@code type} in the ContainerView {@code view}, handed to {@code each} in the server's order. */
    void readView(String view, String type, List<String> paths, int page, Progress progress, Consumer<ObjectProperties> each)
            throws ConnectorException {
        String call = "RetrievePropertiesEx";
        InputStream in = send(RetrieveRequest.overView(collector, view, type, paths, page), type, call);
        int[] objects = {0};
        while (in != null) {
            Ahead ahead = new Ahead();
            int count;
            try (InputStream answer = in) {
                count = RetrieveResultParser.parse(answer, new RetrieveResultParser.Page() {
                    @Override
                    public void token(String token) {
                        if (!token.isEmpty()) {
                            ahead.start(RetrieveRequest.next(collector, token));
                        }
                    }

                    @Override
                    public void object(ObjectProperties object) {
                        each.accept(object);
                        objects[0]++;
                    }
                });
            } catch (SoapFault f) {
                ahead.abandon();
                throw new ConnectorException("cannot read " + type + " properties from " + server.hostAndPort() + ": "
                        + (f.type() == null ? "" : f.type() + ": ") + f.getMessage() + " (fault answering " + call + ")");
            } catch (XMLStreamException | IOException | RuntimeException e) {
                ahead.abandon();
                throw broken(type, call, objects[0], e);
            }
            progress.worked(count);
            call = "ContinueRetrievePropertiesEx";
            in = ahead.answer(type, call);
        }
    }

    private InputStream send(String envelope, String type, String call) throws ConnectorException {
        try {
            return transport.send(envelope);
        } catch (IOException e) {
            throw VimConnection.failure(server, null, "read " + type + " properties (" + call + ") from", e);
        }
    }

    /** An answer that stopped or went wrong part way: the server named, what was read so far, never a request header. */
    private ConnectorException broken(String type, String call, int objectsRead, Exception e) {
        var network = org.hvdiag.core.connector.NetworkFailure.of(server.hostAndPort(), server.host(),
                "read " + type + " properties (" + call + ") from", e);
        if (network.isPresent()) {
            return network.get();
        }
        String why = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip();
        return new ConnectorException("the answer of " + server.hostAndPort() + " to " + call + " (" + type
                + " properties) is cut off or malformed (" + objectsRead + " objects read): " + why);
    }

    /** The next page's request, sent on its own thread as soon as the token is known. */
    private final class Ahead {
        private FutureTask<InputStream> task;

        void start(String envelope) {
            task = new FutureTask<>(() -> transport.send(envelope));
            Thread t = new Thread(task, "hvdiag-vsphere-next-page");
            t.setDaemon(true);
            t.start();
        }

        /** The next page's answer, or null after the last page. */
        InputStream answer(String type, String call) throws ConnectorException {
            if (task == null) {
                return null;
            }
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException("interrupted while reading " + type + " properties from " + server.hostAndPort());
            } catch (ExecutionException e) {
                Exception cause = e.getCause() instanceof Exception x ? x : e;
                throw VimConnection.failure(server, null, "read " + type + " properties (" + call + ") from", cause);
            }
        }

        /** The read failed: the next page, if asked for, is closed unread when it comes. */
        void abandon() {
            if (task == null) {
                return;
            }
            FutureTask<InputStream> pending = task;
            Thread t = new Thread(() -> {
                try {
                    pending.get().close();
                } catch (Exception e) {
                    // nothing to free
                }
            }, "hvdiag-vsphere-abandon");
            t.setDaemon(true);
            t.start();
        }
    }
}
