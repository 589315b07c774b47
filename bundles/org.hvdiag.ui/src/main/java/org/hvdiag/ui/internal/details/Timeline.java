package org.hvdiag.ui.internal.details;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import org.hvdiag.ui.internal.WidgetIds;

/**
 * A VM's events as a table, oldest first: USB events blue, crashes and hard power-offs red (with
 * the word in the Mark column), the selected finding's events bold and its span shaded. The raw log
 * line of the selected row and the notes of the read (log missing, byte bound reached) sit below.
 * Rows are virtual: a read keeps up to 10,000 events.
 */
final class Timeline {
    static final String[] COLUMNS = {"Time", "Mark", "Finding", "Kind", "Description", "Source"};
    private static final int[] WIDTHS = {215, 95, 75, 135, 440, 150};

    private final Composite root;
    private final Label heading;
    private final Table table;
    private final Text raw;
    private final Text notes;
    private final Color usbColour = new Color(0x15, 0x65, 0xc0);
    private final Color stopColour = new Color(0xc6, 0x28, 0x28);
    private final Color spanColour = new Color(0xff, 0xf1, 0xb8);
    private final Image usbIcon;
    private final Image stopIcon;
    private List<TimelineRow> rows = List.of();

    Timeline(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(root);
        heading = WidgetIds.name(new Label(root, SWT.WRAP), "details.timeline.heading");
        heading.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(heading);
        table = WidgetIds.name(new Table(root, SWT.VIRTUAL | SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE), "details.timeline");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (int i = 0; i < COLUMNS.length; i++) {
            TableColumn c = new TableColumn(table, SWT.LEFT);
            c.setText(COLUMNS[i]);
            c.setWidth(WIDTHS[i]);
        }
        GridDataFactory.fillDefaults().grab(true, true).hint(300, 120).applyTo(table);
        raw = WidgetIds.name(new Text(root, SWT.READ_ONLY | SWT.SINGLE | SWT.BORDER), "details.timeline.raw");
        raw.setMessage("Select an event to see its log line");
        raw.setFont(JFaceResources.getTextFont());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(raw);
        notes = WidgetIds.name(new Text(root, SWT.READ_ONLY | SWT.MULTI | SWT.WRAP), "details.timeline.notes");
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(notes);
        Display d = parent.getDisplay();
        usbIcon = icon(d, usbColour, false);
        stopIcon = icon(d, stopColour, true);
        table.addListener(SWT.SetData, this::fill);
        table.addListener(SWT.Selection, e -> showRaw());
        root.addListener(SWT.Dispose, e -> {
            usbIcon.dispose();
            stopIcon.dispose();
        });
        showNothing("Select a finding to see its VM's timeline.");
    }

    Composite control() {
        return root;
    }

    Table table() {
        return table;
    }

    /** The VM's events with {@code title} above and the read's notes below; scrolls to the finding's span. */
    void show(String title, List<TimelineRow> shown, List<String> readNotes) {
        rows = List.copyOf(shown);
        heading.setText(title);
        table.setRedraw(false);
        table.deselectAll();
        table.setItemCount(rows.size());
        table.clearAll();
        table.setRedraw(true);
        int first = TimelineRow.firstHighlighted(rows);
        if (first >= 0) {
            table.setTopIndex(Math.max(0, first - 2));
        } else if (!rows.isEmpty()) {
            table.setTopIndex(rows.size() - 1);
        }
        raw.setText("");
        notes.setText(readNotes.isEmpty() ? "" : "Notes on this VM's logs:\n- " + String.join("\n- ", readNotes));
        root.layout(true, true);
    }

    /** No timeline to show, and why. */
    void showNothing(String why) {
        show(why, List.of(), List.of());
    }

    private void fill(Event e) {
        int i = e.index;
        // GTK asks for row -1 while the table empties itself.
        if (i < 0 || i >= rows.size()) {
            return;
        }
        TableItem item = (TableItem) e.item;
        TimelineRow row = rows.get(i);
        item.setText(row.cells());
        if (row.mark() == TimelineRow.Mark.USB) {
            item.setImage(1, usbIcon);
            item.setForeground(1, usbColour);
            item.setForeground(3, usbColour);
        } else if (row.mark().isStop()) {
            item.setImage(1, stopIcon);
            item.setForeground(1, stopColour);
            item.setForeground(3, stopColour);
        }
        if (row.place().highlighted()) {
            item.setBackground(spanColour);
        }
        if (row.place() == TimelineRow.Place.EVENT) {
            item.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
        }
    }

    private void showRaw() {
        int i = table.getSelectionIndex();
        if (i < 0 || i >= rows.size()) {
            raw.setText("");
            return;
        }
        var event = rows.get(i).event();
        raw.setText(event.source() + "  " + event.rawLine());
    }

    /** A small diamond for a stop, a square for USB, so the mark reads without colour too. */
    private static Image icon(Display d, Color c, boolean diamond) {
        // Drawn on magenta, which is then made transparent, so the shaded span shows around it.
        RGB clear = new RGB(0xff, 0, 0xff);
        Image img = new Image(d, 12, 12);
        GC gc = new GC(img);
        gc.setBackground(new Color(clear));
        gc.fillRectangle(0, 0, 12, 12);
        gc.setBackground(c);
        if (diamond) {
            gc.fillPolygon(new int[] {6, 0, 12, 6, 6, 12, 0, 6});
        } else {
            gc.fillRectangle(1, 2, 10, 8);
        }
        gc.dispose();
        ImageData data = img.getImageData();
        img.dispose();
        data.transparentPixel = data.palette.getPixel(clear);
        return new Image(d, data);
    }
}
