package org.hvdiag.winrm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed reads from parsed JSON that name the field and its place when the value is missing or wrong. */
final class Fields {
    private Fields() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> m, String key, String where) {
        if (m.get(key) instanceof Map<?, ?> o) {
            return (Map<String, Object>) o;
        }
        throw wrong(key, where, "an object");
    }

    static List<Object> list(Map<String, Object> m, String key, String where) {
        if (m.get(key) instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw wrong(key, where, "an array");
    }

    static String string(Map<String, Object> m, String key, String where) {
        if (m.get(key) instanceof String s) {
            return s;
        }
        throw wrong(key, where, "a string");
    }

    static String stringOrNull(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw wrong(key, where, "a string or null");
    }

    static List<String> strings(Map<String, Object> m, String key, String where) {
        List<String> out = new ArrayList<>();
        for (Object o : list(m, key, where)) {
            if (!(o instanceof String s)) {
                throw wrong(key, where, "an array of strings");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    static long number(Map<String, Object> m, String key, String where) {
        if (m.get(key) instanceof Long l) {
            return l;
        }
        throw wrong(key, where, "a whole number");
    }

    static Long numberOrNull(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        return v == null ? null : number(m, key, where);
    }

    static int integer(Map<String, Object> m, String key, String where, int min, int max) {
        long v = number(m, key, where);
        if (v < min || v > max) {
            throw new IllegalArgumentException(where + ": " + key + " must be from " + min + " to " + max + ", not " + v);
        }
        return (int) v;
    }

    static boolean bool(Map<String, Object> m, String key, String where) {
        if (m.get(key) instanceof Boolean b) {
            return b;
        }
        throw wrong(key, where, "true or false");
    }

    private static IllegalArgumentException wrong(String key, String where, String what) {
        return new IllegalArgumentException(where + ": " + key + " must be " + what);
    }
}
