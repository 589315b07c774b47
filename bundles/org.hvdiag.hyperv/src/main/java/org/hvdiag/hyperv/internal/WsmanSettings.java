package org.hvdiag.hyperv.internal;

import java.time.Duration;

/**
 * What every request says about the conversation: where it goes, how large an answer may be, how long
 * the service may hold a Receive or Pull before answering "timed out", and the locale of messages.
 *
 * @param serviceUrl the endpoint, e.g. https://host:5986/wsman (WS-Addressing To)
 * @param maxEnvelopeSize bytes; WinRM's default limit is 500 KiB (MaxEnvelopeSizekb 500)
 * @param operationTimeout how long the service may wait for output before answering with a
 *        timed-out fault, which the client answers by asking again
 * @param locale the language of fault messages, e.g. en-US
 * @param maxTimedOutPolls Receives in a row that may time out before the command counts as hung
 */
record WsmanSettings(String serviceUrl, int maxEnvelopeSize, Duration operationTimeout, String locale,
        int maxTimedOutPolls) {

    WsmanSettings {
        if (serviceUrl == null || serviceUrl.isBlank()) {
            throw new IllegalArgumentException("a WS-Management service URL is needed, e.g. https://host:5986/wsman");
        }
        if (maxEnvelopeSize < 8192) {
            throw new IllegalArgumentException("MaxEnvelopeSize " + maxEnvelopeSize + " is below 8192 bytes");
        }
        if (operationTimeout.isNegative() || operationTimeout.isZero()) {
            throw new IllegalArgumentException("OperationTimeout must be positive, not " + operationTimeout);
        }
        if (maxTimedOutPolls < 1) {
            throw new IllegalArgumentException("at least one Receive must be allowed to time out");
        }
    }

    /** 150 KiB envelopes (fits every WinRM since Windows 7), 60 s per poll, one hour of silence at most. */
    static WsmanSettings defaults(String serviceUrl) {
        return new WsmanSettings(serviceUrl, 153600, Duration.ofSeconds(60), "en-US", 60);
    }

    /** xs:duration as WS-Management wants it: PT60S, PT0.500S. */
    String operationTimeoutText() {
        long ms = operationTimeout.toMillis();
        return ms % 1000 == 0 ? "PT" + ms / 1000 + "S" : String.format("PT%d.%03dS", ms / 1000, ms % 1000);
    }
}
