package org.hvdiag.ui.internal;

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
}
