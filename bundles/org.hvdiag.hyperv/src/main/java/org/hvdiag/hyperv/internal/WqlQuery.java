package org.hvdiag.hyperv.internal;

import java.util.ArrayList;
import java.util.List;

import org.hvdiag.core.connector.ConnectorException;

/** A WQL query over WS-Enumeration: an optimized Enumerate, then Pulls until the end of the sequence. */
final class WqlQuery {
    private final WsmanClient client;
    private final WsmanRequest requests;

    WqlQuery(WsmanClient client, WsmanSettings settings) {
        this.client = client;
        this.requests = new WsmanRequest(settings);
    }

    /**
     * @param resourceUri the WMI namespace, e.g. http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/*
     * @param batch items per reply
     * @param maxItems more items than this is an error, not a silent cut
     */
    List<EnumItem> run(String resourceUri, String wql, int batch, int maxItems) throws ConnectorException {
        List<EnumItem> items = new ArrayList<>();
        WsmanReply.Enumerated r = client.call(requests.enumerate(resourceUri, wql, batch), WsmanReply.Enumerated.class);
        while (true) {
            items.addAll(r.items());
            if (items.size() > maxItems) {
                throw new ConnectorException(client.where() + " returned more than " + maxItems + " items for " + wql);
            }
            if (r.endOfSequence()) {
                return items;
            }
            if (r.context() == null) {
                throw new ConnectorException(client.where() + " answered " + wql
                        + " with neither an EnumerationContext to pull with nor EndOfSequence");
            }
            r = client.call(requests.pull(resourceUri, r.context(), batch), WsmanReply.Enumerated.class);
        }
    }
}
