package org.hvdiag.core.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads one VM's logs, newest file first and each from its end, within the window's byte bound,
 * and returns the events inside the window oldest first. Memory stays fixed whatever the logs'
 * size: lines are streamed, and at most {@link #MAX_EVENTS} events are kept (the newest).
 * Files older than the window are not opened once a newer file's first line is before its start.
 */
public final class LogTail {
    /** A chatty USB device reconnecting every second for a week is still only this many rows. */
    public static final int MAX_EVENTS = 10_000;
    /** A step back bigger than this is a clock jump worth telling (NTP slews smaller ones). */
    static final Duration CLOCK_JUMP = Duration.ofMinutes(1);

    private final String vmId;
    private final String vmName;
    private final EvidenceWindow window;

    public LogTail(String vmId, String vmName, EvidenceWindow window) {
        this.vmId = vmId;
        this.vmName = vmName;
        this.window = window;
    }

    /**
     * @param newestFirst the VM's logs, the one being written first (vmware.log, vmware-0.log, ...)
     * @param parsers a fresh parser for each file
     */
    public VmEvidence read(List<LogFile> newestFirst, Supplier<LogParser> parsers) {
        List<String> notes = new ArrayList<>();
        List<Collection<VmEvent>> perFile = new ArrayList<>();
        long budget = window.maxBytesPerVm();
        long bytesRead = 0;
        int kept = 0;
        int dropped = 0;
        if (newestFirst.isEmpty()) {
            notes.add("no log found for this VM");
        }
        for (int f = 0; f < newestFirst.size(); f++) {
            LogFile file = newestFirst.get(f);
            if (budget <= 0) {
                notes.add("read bound of " + window.maxBytesPerVm() + " bytes reached: "
                        + (newestFirst.size() - f) + " older log file(s) not read, from " + file.name());
                break;
            }
            FileRead read = new FileRead(file, parsers.get());
            try {
                read.run(budget);
            } catch (IOException | RuntimeException e) {
                notes.add("could not read " + file.name() + ": " + message(e));
            }
            budget -= read.lines.bytesRead;
            bytesRead += read.lines.bytesRead;
            read.addNotes(notes);
            perFile.add(read.events);
            kept += read.events.size();
            dropped += read.dropped;
            if (read.startedBeforeWindow) {
                break;
            }
        }
        List<VmEvent> events = new ArrayList<>(Math.min(kept, MAX_EVENTS));
        for (int i = perFile.size() - 1; i >= 0; i--) {
            events.addAll(perFile.get(i));
        }
        if (events.size() > MAX_EVENTS) {
            dropped += events.size() - MAX_EVENTS;
            events = new ArrayList<>(events.subList(events.size() - MAX_EVENTS, events.size()));
        }
        if (dropped > 0) {
            notes.add(dropped + " older events in the window left out: only the newest " + MAX_EVENTS + " are kept");
        }
        return new VmEvidence(vmId, vmName, events, notes, bytesRead);
    }

    private static OffsetDateTime dateTime(long second, int nano, int offset) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(second, nano), ZoneOffset.ofTotalSeconds(offset));
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** One file's read: from its end back as far as the budget allows. */
    private final class FileRead {
        final LogFile file;
        final LogParser parser;
        /** The parser's look at a line's bytes, when it has one. */
        final LogParser.Quick quick;
        final LogParser.LineTime quickTime = new LogParser.LineTime();
        final LogLines lines = new LogLines();
        final Deque<VmEvent> events = new ArrayDeque<>();
        int dropped;
        boolean startedBeforeWindow;
        boolean sawTime;
        boolean partial;
        boolean torn;
        String clockJump;
        /** The last line's time (instant and offset), compared without making objects per line. */
        boolean hasLast;
        long lastSecond;
        int lastNano;
        int lastOffset;
        long lineNo;
        boolean skipFirst;

        FileRead(LogFile file, LogParser parser) {
            this.file = file;
            this.parser = parser;
            this.quick = parser instanceof LogParser.Quick q ? q : null;
        }

        void run(long budget) throws IOException {
            long size = file.size();
            long start = 0;
            int header = parser.headerBytes();
            if (size > budget) {
                partial = true;
                int head = (int) Math.min(header, budget / 2);
                // +1: the read starts one byte before start (see below), which keeps it within budget
                start = size - (budget - head) + 1;
                if (head > 0) {
                    try (InputStream in = file.open(0)) {
                        lines.read(in, 0, head, line -> {
                            if (line.terminated) {
                                parser.header(line.text());
                            }
                            return true;
                        });
                    }
                }
            }
            lineNo = start == 0 ? 0 : -1;
            skipFirst = start > 0;
            // Starting one byte early makes the dropped first line exactly the part before a whole line.
            long from = start == 0 ? 0 : start - 1;
            try (InputStream in = file.open(from)) {
                lines.read(in, from, size < 0 ? Long.MAX_VALUE : size - from, this::handle);
            }
        }

        private boolean handle(LogLines.Line line) {
            if (skipFirst) {
                skipFirst = false;
                return true;
            }
            if (lineNo >= 0) {
                lineNo++;
            }
            if (!line.terminated) {
                torn = true;
                return false;
            }
            if (quick != null && line.ascii) {
                int seen;
                try {
                    seen = quick.scan(line.bytes, line.from, line.to, quickTime);
                } catch (RuntimeException e) {
                    seen = LogParser.Quick.PARSE;
                }
                if (seen == LogParser.Quick.NOTHING) {
                    return true;
                }
                if (seen == LogParser.Quick.TIME_ONLY) {
                    LogParser.LineTime t = quickTime;
                    time(t.epochSecond, t.nano, t.offsetSeconds, line.offset);
                    return true;
                }
            }
            String text = line.text();
            LogParser.Parsed p;
            try {
                p = parser.parse(text);
            } catch (RuntimeException e) {
                return true;
            }
            if (p == null) {
                return true;
            }
            OffsetDateTime t = p.time();
            if (t != null) {
                time(t.toEpochSecond(), t.getNano(), t.getOffset().getTotalSeconds(), line.offset);
            }
            if (p.kind() == null || t == null) {
                return true;
            }
            Instant at = t.toInstant();
            if (!window.contains(at)) {
                return true;
            }
            events.addLast(new VmEvent(t, vmId, vmName, p.kind(),
                    new EventSource(file.name(), lineNo, line.offset), text));
            if (events.size() > MAX_EVENTS) {
                events.removeFirst();
                dropped++;
            }
            return true;
        }

        /** A line's time: the window's early stop on the first, the clock-jump check on each. */
        private void time(long second, int nano, int offset, long lineOffset) {
            if (!sawTime) {
                sawTime = true;
                Instant from = window.from();
                if (second < from.getEpochSecond() || second == from.getEpochSecond() && nano < from.getNano()) {
                    startedBeforeWindow = true;
                }
            }
            if (hasLast && clockJump == null) {
                // t.isBefore(last.minus(CLOCK_JUMP)), on the instants
                long limit = lastSecond - CLOCK_JUMP.getSeconds();
                if (second < limit || second == limit && nano < lastNano) {
                    clockJump = "the clock went back from " + dateTime(lastSecond, lastNano, lastOffset) + " to "
                            + dateTime(second, nano, offset) + " at " + where(lineOffset);
                }
            }
            hasLast = true;
            lastSecond = second;
            lastNano = nano;
            lastOffset = offset;
        }

        private String where(long offset) {
            return new EventSource(file.name(), lineNo, offset).toString();
        }

        void addNotes(List<String> notes) {
            if (partial) {
                notes.add("read the last " + lines.bytesRead + " bytes of " + file.name()
                        + " (the read bound); earlier lines not read");
            }
            if (torn) {
                notes.add("the last line of " + file.name() + " is incomplete (still being written): left out");
            }
            if (lines.notUtf8Lines > 0) {
                notes.add(lines.notUtf8Lines + " line(s) of " + file.name() + " are not UTF-8: read as ISO-8859-1");
            }
            if (lines.cutLines > 0) {
                notes.add(lines.cutLines + " line(s) of " + file.name() + " longer than "
                        + LogLines.MAX_LINE_BYTES + " bytes: cut there");
            }
            if (clockJump != null) {
                notes.add(clockJump + "; events keep the log's order");
            }
        }
    }
}
