package org.hvdiag.audit.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader for checking the CSV report: records end in CRLF, a quoted field may
 * hold commas, CR, LF and doubled quotes, and anything else (a bare LF between records, a quote
 * inside an unquoted field, text after a closing quote) is an error rather than a guess.
 */
final class Rfc4180Reader {
    private final String text;
    private int pos;

    private Rfc4180Reader(String text) {
        this.text = text;
    }

    static List<List<String>> read(String text) {
        return new Rfc4180Reader(text).records();
    }

    private List<List<String>> records() {
        List<List<String>> records = new ArrayList<>();
        while (pos < text.length()) {
            List<String> record = new ArrayList<>();
            while (true) {
                record.add(field());
                if (text.startsWith(",", pos)) {
                    pos++;
                    continue;
                }
                if (text.startsWith("\r\n", pos)) {
                    pos += 2;
                    break;
                }
                throw new IllegalArgumentException("expected ',' or CRLF at " + pos + ": " + context());
            }
            records.add(record);
        }
        return records;
    }

    private String field() {
        if (!text.startsWith("\"", pos)) {
            int start = pos;
            while (pos < text.length() && ",\r\n\"".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            if (text.startsWith("\"", pos)) {
                throw new IllegalArgumentException("quote inside an unquoted field at " + pos + ": " + context());
            }
            return text.substring(start, pos);
        }
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new IllegalArgumentException("unterminated quoted field");
            }
            char c = text.charAt(pos++);
            if (c != '"') {
                sb.append(c);
            } else if (text.startsWith("\"", pos)) {
                sb.append('"');
                pos++;
            } else {
                return sb.toString();
            }
        }
    }

    private String context() {
        return text.substring(Math.max(0, pos - 20), Math.min(text.length(), pos + 20));
    }
}
