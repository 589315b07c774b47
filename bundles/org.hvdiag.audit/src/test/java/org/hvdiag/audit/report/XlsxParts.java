package org.hvdiag.audit.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A workbook read back with the JDK's own zip and StAX readers, nothing of the writer's: the sheets by
 * name (through workbook.xml and its relationships, as a spreadsheet finds them) with their frozen
 * pane, filter range, formula count and cells. Enough to check structure over 50,000 rows; the CLI's
 * test reads the cells with openpyxl as well.
 */
final class XlsxParts {
    /** t is the cell type as written: inlineStr, s, n (or absent: a number), b, str (a formula's result). */
    record Cell(String type, String text, String style) { }

    record Sheet(String frozenTopLeft, String paneState, String autoFilter, int formulas, List<Map<String, Cell>> rows) { }

    private final Map<String, byte[]> parts = new HashMap<>();
    private final Map<String, String> sheetFiles = new LinkedHashMap<>();

    /**
     * Through the zip's central directory, as spreadsheets read it: the JDK's ZipInputStream cannot
     * read the streamed entries' ZIP64 data descriptors, which Excel, LibreOffice and Python's zipfile
     * (openpyxl) never look at.
     */
    XlsxParts(Path workbook) throws IOException, XMLStreamException {
        try (ZipFile zip = new ZipFile(workbook.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    parts.put(e.getName(), in.readAllBytes());
                }
            }
        }
        Map<String, String> targets = new HashMap<>();
        XMLStreamReader rels = reader("xl/_rels/workbook.xml.rels");
        while (rels.hasNext()) {
            if (rels.next() == XMLStreamConstants.START_ELEMENT && rels.getLocalName().equals("Relationship")) {
                String target = rels.getAttributeValue(null, "Target");
                targets.put(rels.getAttributeValue(null, "Id"), target.startsWith("/") ? target.substring(1) : "xl/" + target);
            }
        }
        XMLStreamReader wb = reader("xl/workbook.xml");
        while (wb.hasNext()) {
            if (wb.next() == XMLStreamConstants.START_ELEMENT && wb.getLocalName().equals("sheet")) {
                String id = wb.getAttributeValue("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id");
                sheetFiles.put(wb.getAttributeValue(null, "name"), targets.get(id));
            }
        }
    }

    List<String> sheetNames() {
        return List.copyOf(sheetFiles.keySet());
    }

    boolean has(String part) {
        return parts.containsKey(part);
    }

    Sheet sheet(String name) throws XMLStreamException {
        XMLStreamReader r = reader(sheetFiles.get(name));
        String frozen = null;
        String state = null;
        String filter = null;
        int formulas = 0;
        List<Map<String, Cell>> rows = new ArrayList<>();
        Map<String, Cell> row = null;
        String ref = null;
        String type = null;
        String style = null;
        StringBuilder text = null;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "pane" -> {
                        frozen = r.getAttributeValue(null, "topLeftCell");
                        state = r.getAttributeValue(null, "state");
                    }
                    case "autoFilter" -> filter = r.getAttributeValue(null, "ref");
                    case "row" -> {
                        row = new LinkedHashMap<>();
                        rows.add(row);
                    }
                    case "c" -> {
                        ref = r.getAttributeValue(null, "r").replaceAll("[0-9]", "");
                        type = r.getAttributeValue(null, "t");
                        style = r.getAttributeValue(null, "s");
                        text = new StringBuilder();
                    }
                    case "f" -> formulas++;
                    default -> { }
                }
            } else if (ev == XMLStreamConstants.CHARACTERS && text != null) {
                text.append(r.getText());
            } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("c")) {
                row.put(ref, new Cell(type == null ? "n" : type, text.toString(), style));
                text = null;
            }
        }
        return new Sheet(frozen, state, filter, formulas, rows);
    }

    private XMLStreamReader reader(String part) throws XMLStreamException {
        byte[] bytes = parts.get(part);
        if (bytes == null) {
            throw new AssertionError("the workbook has no part " + part + "; it has " + parts.keySet());
        }
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        return f.createXMLStreamReader(new ByteArrayInputStream(bytes));
    }
}
