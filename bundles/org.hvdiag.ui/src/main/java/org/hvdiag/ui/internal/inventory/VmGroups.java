package org.hvdiag.ui.internal.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.Vm;

/**
 * How the Inventory lays out the VMs of one host. Up to {@link #FLAT} VMs sit right under the host,
 * as they always have. A bigger host gets a row per power state, and a power state with more than
 * {@link #MOST_CHILDREN} VMs is cut into pages of at most that many, in the order the admin chose,
 * each named by the range it covers the way a phone book's guide words are ("kiosk-0025 – kiosk-0049",
 * or "12 – 3 crashes" when sorted by crashes); a power state with more pages than that gets pages of
 * pages. So no row opens onto more than a few hundred rows, and every VM is in exactly one place.
 */
public final class VmGroups {
    /** A host with up to this many VMs lists them flat. */
    public static final int FLAT = 500;
    /** No group holds more rows than this. */
    public static final int MOST_CHILDREN = 250;

    /** The order the view shows VMs in: as the inventory listed them, by name, or most crashes first. */
    public enum Order { INVENTORY, NAME, CRASHES }

    /** Power states in the order admins look at them: what runs first. */
    private static final List<PowerState> STATES = List.of(PowerState.POWERED_ON, PowerState.PAUSED, PowerState.SUSPENDED,
            PowerState.POWERED_OFF, PowerState.UNKNOWN);

    /**
     * A row that holds either groups or VMs, never both. {@code crashes} sums the abnormal stops of
     * the VMs in it whose logs were read, or is -1 when none were.
     */
    public record Group(String name, List<Group> groups, List<Vm> vms, int vmCount, int crashes) {
        public Group {
            groups = List.copyOf(groups);
            vms = List.copyOf(vms);
        }

        /** The rows it opens onto. */
        public int size() {
            return groups.size() + vms.size();
        }

        /** What its row says: the name and how many VMs are in it. */
        public String label() {
            return name + "  (" + vmCount + ")";
        }
    }

    private final Order order;
    private final ToIntFunction<Vm> crashes;

    private VmGroups(Order order, ToIntFunction<Vm> crashes) {
        this.order = order;
        this.crashes = crashes;
    }

    /**
     * The rows under a host whose VMs are {@code vms}, already in the order the view shows (as the
     * inventory listed them, by name, or by {@code crashes}; {@code turned} when the admin turned
     * that order round). The result is the host's own row: its groups, or its VMs when it is small.
     * A big host in the inventory's order is paged by name: pages of an unordered list would have
     * no range to be named by.
     */
    public static Group of(List<Vm> vms, Order order, boolean turned, ToIntFunction<Vm> crashes) {
        VmGroups layout = new VmGroups(order == Order.INVENTORY ? Order.NAME : order, crashes);
        if (vms.size() <= FLAT) {
            return layout.group("", List.of(), vms);
        }
        List<Vm> ordered = vms;
        if (order == Order.INVENTORY) {
            ordered = new ArrayList<>(vms);
            ordered.sort(Comparator.comparing(Vm::name, String.CASE_INSENSITIVE_ORDER));
        }
        List<Group> states = new ArrayList<>();
        for (PowerState state : STATES) {
            List<Vm> in = ordered.stream().filter(vm -> vm.powerState() == state).toList();
            if (!in.isEmpty()) {
                states.add(layout.paged(stateName(state), in));
            }
        }
        if (order == Order.CRASHES) {
            // Among the power states too, the most crashes first (a state with no log read last).
            Comparator<Group> most = Comparator.comparingInt(Group::crashes).reversed();
            states.sort(turned ? most.reversed() : most);
        }
        return layout.group("", states, List.of());
    }

    private Group paged(String name, List<Vm> vms) {
        if (vms.size() <= MOST_CHILDREN) {
            return group(name, List.of(), vms);
        }
        // The fewest VMs per page that keep this row at MOST_CHILDREN rows or fewer; pages of pages
        // when one level is not enough. Pages are of even size: 501 VMs make 3 pages of 167, not 250, 250, 1.
        long perPage = MOST_CHILDREN;
        while ((vms.size() + perPage - 1) / perPage > MOST_CHILDREN) {
            perPage *= MOST_CHILDREN;
        }
        int pages = (int) ((vms.size() + perPage - 1) / perPage);
        int size = (vms.size() + pages - 1) / pages;
        List<Group> children = new ArrayList<>();
        for (int from = 0; from < vms.size(); from += size) {
            int to = Math.min(vms.size(), from + size);
            Vm before = from == 0 ? null : vms.get(from - 1);
            Vm after = to == vms.size() ? null : vms.get(to);
            children.add(paged(range(vms.subList(from, to), before, after), vms.subList(from, to)));
        }
        return group(name, children, List.of());
    }

    private Group group(String name, List<Group> groups, List<Vm> vms) {
        int count = vms.size();
        int sum = -1;
        for (Group g : groups) {
            count += g.vmCount();
            sum = g.crashes() < 0 ? sum : Math.max(sum, 0) + g.crashes();
        }
        for (Vm vm : vms) {
            int c = crashes.applyAsInt(vm);
            sum = c < 0 ? sum : Math.max(sum, 0) + c;
        }
        return new Group(name, groups, vms, count, sum);
    }

    /** A page's name: the range of the order it covers, told apart from the pages beside it. */
    private String range(List<Vm> page, Vm before, Vm after) {
        Vm first = page.get(0);
        Vm last = page.get(page.size() - 1);
        // The first and last pages have no neighbour on one side: the whole name there.
        String names = (before == null ? first.name() : guide(first.name(), before.name())) + " – "
                + (after == null ? last.name() : guide(last.name(), after.name()));
        if (order != Order.CRASHES) {
            return names;
        }
        int a = crashes.applyAsInt(first);
        int b = crashes.applyAsInt(last);
        if (a == b) {
            // Equal counts are in name order, so the names tell the pages of "0 crashes" apart.
            return crashCount(a) + ", " + names;
        }
        return (a >= 0 && b >= 0 ? Integer.toString(a) : crashCount(a)) + " – " + crashCount(b);
    }

    /**
     * The shortest start of {@code name} that is not also the start of {@code beside}: a guide word.
     * A number is never cut ("kiosk-0247" beside "kiosk-03704" would read as a smaller number), so
     * the guide word runs to the end of a number it ends in.
     */
    static String guide(String name, String beside) {
        int common = 0;
        int most = Math.min(name.length(), beside.length());
        while (common < most && Character.toLowerCase(name.charAt(common)) == Character.toLowerCase(beside.charAt(common))) {
            common++;
        }
        int end = Math.min(name.length(), common + 1);
        while (end < name.length() && Character.isDigit(name.charAt(end - 1)) && Character.isDigit(name.charAt(end))) {
            end++;
        }
        return name.substring(0, end);
    }

    private static String crashCount(int n) {
        return n < 0 ? "logs not read" : n == 1 ? "1 crash" : n + " crashes";
    }

    private static String stateName(PowerState state) {
        return state == PowerState.UNKNOWN ? "Power state unknown"
                : state.name().substring(0, 1) + state.name().substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
