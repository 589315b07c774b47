package org.hvdiag.core.journal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** Reads a journal back into one entry per VM, naming the line of anything it cannot read. */
public final class JournalReader {

    /** The header and entries of one journal. */
    public record Contents(Path file, String connectorId, String target, List<JournalEntry> entries) { }

    private JournalReader() {
    }

    public static Contents read(Path file) throws IOException {
        Map<Integer, JournalEntry> bySeq = new LinkedHashMap<>();
        String connector = null;
        String target = null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int lineNo = 0;
            while ((text = in.readLine()) != null) {
                lineNo++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode line;
                try {
                    line = Journal.JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    throw new IOException(file + ": line " + lineNo + ": not a JSON object (" + e.getOriginalMessage() + ")");
                }
                String type = line.path("type").asText();
                switch (type) {
                    case "journal" -> {
                        if (line.path("format").asInt() != Journal.FORMAT) {
                            throw new IOException(file + ": line " + lineNo + ": journal format " + line.path("format")
                                    + " is not supported (expected " + Journal.FORMAT + ")");
                        }
                        connector = line.path("connector").asText();
                        target = line.path("target").asText();
                    }
                    case "intent" -> {
                        int seq = line.path("seq").asInt();
                        bySeq.put(seq, new JournalEntry(seq, line.path("vmId").asText(), line.path("vmName").asText(),
                                strings(line.path("rules")), strings(line.path("changes")), map(line.path("before")),
                                map(line.path("beforeState")), null, "", Map.of(), Map.of()));
                    }
                    case "outcome" -> {
                        int seq = line.path("seq").asInt();
                        JournalEntry intent = bySeq.get(seq);
                        if (intent == null) {
                            throw new IOException(file + ": line " + lineNo + ": outcome for seq " + seq + " has no intent before it");
                        }
                        bySeq.put(seq, intent.withOutcome(line.path("result").asText(), line.path("detail").asText(),
                                map(line.path("after")), map(line.path("afterState"))));
                    }
                    default -> throw new IOException(file + ": line " + lineNo + ": unknown line type '" + type
                            + "' (expected journal, intent or outcome)");
                }
            }
        }
        if (connector == null) {
            throw new IOException(file + ": not an hvdiag journal (no header line)");
        }
        return new Contents(file, connector, target, new ArrayList<>(bySeq.values()));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> map(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
