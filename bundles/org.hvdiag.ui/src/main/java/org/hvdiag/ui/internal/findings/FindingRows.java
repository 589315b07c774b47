package org.hvdiag.ui.internal.findings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hvdiag.audit.Finding;
import org.hvdiag.audit.Severity;

/**
 * The rows the virtual table shows, recomputed on each filter, sort or grouping change: an array
 * of indexes into the findings, so that 50,000 findings sort without copying them. With grouping
 * on, each rule's findings follow a header row; a header is stored as {@code -(group + 1)}.
 */
public final class FindingRows {
    /** One rule's header row. */
    public record Group(String ruleId, int count) { }

    private List<FindingLine> lines = List.of();
    private int[] rows = new int[0];
    private final List<Group> groups = new ArrayList<>();
    private final Map<Severity, Integer> shownBySeverity = new EnumMap<>(Severity.class);

    public void update(List<FindingLine> all, FindingFilter filter, FindingColumn sortBy, boolean ascending, boolean groupByRule) {
        lines = all;
        Integer[] kept = new Integer[all.size()];
        int n = 0;
        for (Severity s : Severity.values()) {
            shownBySeverity.put(s, 0);
        }
        for (int i = 0; i < all.size(); i++) {
            FindingLine l = all.get(i);
            if (filter.accepts(l)) {
                kept[n++] = i;
                shownBySeverity.merge(l.finding().severity(), 1, Integer::sum);
            }
        }
        Comparator<FindingLine> order = ascending ? sortBy.order() : sortBy.order().reversed();
        if (groupByRule) {
            order = Comparator.comparing((FindingLine l) -> l.finding().ruleId()).thenComparing(order);
        }
        Comparator<FindingLine> byLine = order;
        Arrays.sort(kept, 0, n, (a, b) -> byLine.compare(all.get(a), all.get(b)));
        groups.clear();
        if (!groupByRule) {
            rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = kept[i];
            }
            return;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(all.get(kept[i]).finding().ruleId(), 1, Integer::sum);
        }
        rows = new int[n + counts.size()];
        int r = 0;
        String current = null;
        for (int i = 0; i < n; i++) {
            String rule = all.get(kept[i]).finding().ruleId();
            if (!rule.equals(current)) {
                current = rule;
                groups.add(new Group(rule, counts.get(rule)));
                rows[r++] = -groups.size();
            }
            rows[r++] = kept[i];
        }
    }

    public int size() {
        return rows.length;
    }

    /** The finding on a row, or null for a group header. */
    public Finding finding(int row) {
        FindingLine l = line(row);
        return l == null ? null : l.finding();
    }

    /** The finding on a row with its host's name, or null for a group header. */
    public FindingLine line(int row) {
        int i = rows[row];
        return i < 0 ? null : lines.get(i);
    }

    public Group group(int row) {
        int i = rows[row];
        return i < 0 ? groups.get(-i - 1) : null;
    }

    /** The number of findings shown (group headers not counted), per severity. */
    public int shown(Severity s) {
        return shownBySeverity.getOrDefault(s, 0);
    }

    public int shown() {
        int n = 0;
        for (int c : shownBySeverity.values()) {
            n += c;
        }
        return n;
    }
}
