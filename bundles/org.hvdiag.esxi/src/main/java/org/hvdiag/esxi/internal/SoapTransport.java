package org.hvdiag.esxi.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Sends one SOAP envelope to the server's /sdk within the logged-in session and gives the answer's
 * body as it arrives (a fault's body too). PinnedClient is the one the connector uses; tests give
 * recorded answers.
 */
interface SoapTransport {
    InputStream send(String envelope) throws IOException;
}
