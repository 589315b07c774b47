package org.hvdiag.hyperv.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For tools/corpus-check: reads reply bodies (one file each, as a recorded exchange's response) with
 * the client's own parser and prints, one JSON line per file, what it understood. The check compares
 * that with what it finds in the same files by other means. Needs only this bundle's and core's
 * classes on the class path, not the product.
 */
public final class ReplayCheck {
    private ReplayCheck() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: java -cp CORE_CLASSES:HYPERV_CLASSES " + ReplayCheck.class.getName()
                    + " REPLY.xml...   (prints one JSON line per reply)");
            System.exit(2);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        for (String a : args) {
            out.println(Json.write(describe(Path.of(a))));
        }
    }

    static Map<String, Object> describe(Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        try {
            WsmanReply r = WsmanReplyParser.parse(Files.readAllBytes(file));
            m.put("ok", true);
            m.put("action", r.action());
            describe(r, m);
        } catch (ReplyFormatException e) {
            m.put("ok", false);
            m.put("error", e.getMessage());
        } catch (RuntimeException e) {
            // A crash on one reply is that reply's failure, reported with the others, not the end of the run.
            m.put("ok", false);
            m.put("error", "the parser crashed: " + e);
        }
        return m;
    }

    private static void describe(WsmanReply r, Map<String, Object> m) {
        if (r instanceof WsmanReply.ShellCreated s) {
            m.put("kind", "shellCreated");
            m.put("shellId", s.shellId());
        } else if (r instanceof WsmanReply.CommandStarted c) {
            m.put("kind", "commandStarted");
            m.put("commandId", c.commandId());
        } else if (r instanceof WsmanReply.Received rec) {
            m.put("kind", "received");
            Map<String, Object> streams = new LinkedHashMap<>();
            for (StreamChunk c : rec.chunks()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> s = (Map<String, Object>) streams.computeIfAbsent(c.name(), k -> {
                    Map<String, Object> n = new LinkedHashMap<>();
                    n.put("chunks", 0);
                    n.put("bytes", new java.io.ByteArrayOutputStream());
                    n.put("end", false);
                    return n;
                });
                s.put("chunks", (Integer) s.get("chunks") + 1);
                ((java.io.ByteArrayOutputStream) s.get("bytes")).writeBytes(c.data());
                s.put("end", (Boolean) s.get("end") || c.end());
            }
            for (Object o : streams.values()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> s = (Map<String, Object>) o;
                s.put("bytes", Base64.getEncoder().encodeToString(((java.io.ByteArrayOutputStream) s.get("bytes"))
                        .toByteArray()));
            }
            m.put("streams", streams);
            m.put("state", rec.state() == null ? null : rec.state().state());
            m.put("done", rec.state() != null && rec.state().done());
            m.put("exitCode", rec.state() == null ? null : rec.state().exitCode());
        } else if (r instanceof WsmanReply.Enumerated e) {
            m.put("kind", "enumerated");
            m.put("context", e.context());
            m.put("endOfSequence", e.endOfSequence());
            List<Object> items = new ArrayList<>();
            for (EnumItem i : e.items()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("element", i.kind());
                item.put("fragment", i.isFragment());
                Map<String, Object> props = new LinkedHashMap<>();
                for (String p : i.propertyNames()) {
                    List<String> v = i.values(p);
                    props.put(p, v.size() == 1 ? v.get(0) : new ArrayList<Object>(v));
                }
                item.put("properties", props);
                items.add(item);
            }
            m.put("items", items);
        } else if (r instanceof WsmanReply.Fault f) {
            m.put("kind", "fault");
            m.put("code", f.fault().code());
            m.put("subcode", f.fault().subcode());
            m.put("reason", f.fault().reason());
            m.put("wsmanCode", f.fault().wsmanCode());
            m.put("message", f.fault().message());
            m.put("operationTimeout", f.fault().isOperationTimeout());
        } else if (r instanceof WsmanReply.Acknowledged a) {
            m.put("kind", "acknowledged");
            m.put("bodyElement", a.bodyElement());
        }
    }

    /** Just enough JSON for maps, lists, strings, numbers, booleans and null. */
    static final class Json {
        private Json() {
        }

        static String write(Object o) {
            StringBuilder b = new StringBuilder();
            write(o, b);
            return b.toString();
        }

        private static void write(Object o, StringBuilder b) {
            if (o == null) {
                b.append("null");
            } else if (o instanceof Boolean || o instanceof Number) {
                b.append(o);
            } else if (o instanceof Map<?, ?> map) {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    b.append(first ? "" : ",");
                    first = false;
                    string(String.valueOf(e.getKey()), b);
                    b.append(':');
                    write(e.getValue(), b);
                }
                b.append('}');
            } else if (o instanceof List<?> list) {
                b.append('[');
                for (int i = 0; i < list.size(); i++) {
                    b.append(i == 0 ? "" : ",");
                    write(list.get(i), b);
                }
                b.append(']');
            } else {
                string(o.toString(), b);
            }
        }

        private static void string(String s, StringBuilder b) {
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            b.append('"');
        }
    }
}
