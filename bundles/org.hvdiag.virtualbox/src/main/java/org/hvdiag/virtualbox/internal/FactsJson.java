package org.hvdiag.virtualbox.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A machine's facts as one JSON value in a journal line: the before-state undo restores from. */
final class FactsJson {
    static final String KEY = "vboxFacts";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FactsJson() {
    }

    static String write(MachineFacts facts) {
        try {
            return JSON.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a VM's facts as JSON", e);
        }
    }

    static MachineFacts read(String json) throws IOException {
        return JSON.readValue(json, MachineFacts.class);
    }
}
