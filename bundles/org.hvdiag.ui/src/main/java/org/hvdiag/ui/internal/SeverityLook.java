package org.hvdiag.ui.internal;

import java.util.EnumMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Display;

import org.hvdiag.audit.Severity;
import org.hvdiag.audit.report.SeverityColours;

/** The HTML report's severity palette as SWT colours and small square icons, owned by one part. */
public final class SeverityLook {
    private final Map<Severity, Color> colours = new EnumMap<>(Severity.class);
    private final Map<Severity, Image> icons = new EnumMap<>(Severity.class);

    public SeverityLook(Display display) {
        for (Severity s : Severity.values()) {
            int rgb = Integer.parseInt(SeverityColours.of(s).substring(1), 16);
            Color c = new Color(rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff);
            colours.put(s, c);
            Image icon = new Image(display, 12, 12);
            GC gc = new GC(icon);
            gc.setBackground(display.getSystemColor(SWT.COLOR_LIST_BACKGROUND));
            gc.fillRectangle(0, 0, 12, 12);
            gc.setBackground(c);
            gc.fillRoundRectangle(1, 1, 10, 10, 4, 4);
            gc.dispose();
            icons.put(s, icon);
        }
    }

    public Color colour(Severity s) {
        return colours.get(s);
    }

    public Image icon(Severity s) {
        return icons.get(s);
    }

    public void dispose() {
        icons.values().forEach(Image::dispose);
    }
}
