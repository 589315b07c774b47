package org.hvdiag.audit.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.hvdiag.audit.FleetEvidence;
import org.hvdiag.core.evidence.VmEvent;

/** One row per event, RFC 4180 and guarded against formulas as {@link CsvReport} is. */
public final class TimelineCsv implements TimelineWriter {
    private static final String CRLF = "\r\n";
    static final String HEADER = "target,vmId,vmName,time,kind,description,vendorId,productId,device,speed,controller,"
            + "stopCode,reason,source,line,rawLine";

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public void write(FleetEvidence evidence, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write(HEADER);
        w.write(CRLF);
        for (FleetEvidence.Entry entry : evidence.entries()) {
            for (VmEvent e : entry.evidence().events()) {
                EventFields f = EventFields.of(e.kind());
                String[] row = {entry.target(), e.vmId(), e.vmName(), e.time().toString(), f.kind(), e.kind().describe(),
                    f.device().vendorId(), f.device().productId(), f.device().name(),
                    e.kind().isUsb() ? f.device().speed().label() : "", f.controller(), f.stopCode(), f.reason(),
                    e.source().location(), e.source().line() < 0 ? "" : Long.toString(e.source().line()), e.rawLine()};
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        w.write(',');
                    }
                    CsvReport.field(w, row[i]);
                }
                w.write(CRLF);
            }
        }
        w.flush();
    }
}
