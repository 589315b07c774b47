package org.hvdiag.ui.internal;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Widget;

/**
 * Names the widgets tests and accessibility tools look for, under one data key, the way SWTBot's
 * widget key works: a test walks the shell's widget tree and finds "findings.table".
 */
public final class WidgetIds {
    public static final String KEY = "org.hvdiag.ui.widget";

    private WidgetIds() {
    }

    public static <W extends Widget> W name(W widget, String id) {
        widget.setData(KEY, id);
        return widget;
    }

    /** The first control under {@code root} named {@code id}, or null. */
    public static <W> W find(Control root, String id, Class<W> type) {
        if (id.equals(root.getData(KEY)) && type.isInstance(root)) {
            return type.cast(root);
        }
        if (root instanceof Composite c) {
            for (Control child : c.getChildren()) {
                W found = find(child, id, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
