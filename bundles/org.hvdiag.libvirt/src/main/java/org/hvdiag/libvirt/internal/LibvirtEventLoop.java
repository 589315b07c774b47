package org.hvdiag.libvirt.internal;

import org.libvirt.Library;
import org.libvirt.LibvirtException;

/**
 * libvirt's default event loop, run by one daemon thread for the whole JVM. It is process-wide
 * because libvirt's is: virEventRegisterDefaultImpl installs one set of event callbacks for the
 * whole client library, and a connection only delivers domain events (and answers keepalives) if
 * that implementation was registered before it was opened. So it starts, once, before the first
 * connection hvdiag opens, and it never stops: the workbench opens and closes sessions for as long
 * as it runs, and the CLI exits without waiting for a daemon thread.
 * <p>
 * libvirt's default implementation is built on GLib's default main context. In a GTK workbench
 * SWT's UI thread already iterates that context; a second thread iterating it too would dispatch
 * GTK's own sources on the wrong thread (rows of virtual tables left blank, expand events lost).
 * So a host application whose UI loop iterates GLib's default context says so with the system
 * property {@value #HOST_LOOP_PROPERTY}{@code =true}: the implementation is registered and the
 * host's loop delivers libvirt's events; no thread of ours runs it.
 */
public final class LibvirtEventLoop {
    /** Set to "true" by a host whose UI thread iterates GLib's default main context (SWT on GTK). */
    public static final String HOST_LOOP_PROPERTY = "hvdiag.libvirt.hostEventLoop";

    private static boolean hostRuns;
    private static Thread thread;
    /** Why the loop could not start, or null: sessions then record no events and say why. */
    private static String failure;

    private LibvirtEventLoop() {
    }

    /**
     * Starts the loop if it is not running yet. Never throws for libvirt's refusal: a session
     * without events still audits, fixes and reads the QEMU logs.
     */
    static synchronized void start() {
        if (thread != null || hostRuns || failure != null) {
            return;
        }
        try {
            Library.initEventLoop();
        } catch (LibvirtException e) {
            failure = "libvirt's event loop could not start: " + LibvirtLink.message(e);
            return;
        }
        if (Boolean.getBoolean(HOST_LOOP_PROPERTY)) {
            hostRuns = true;
            return;
        }
        thread = new Thread(LibvirtEventLoop::run, "hvdiag libvirt events");
        thread.setDaemon(true);
        thread.start();
    }

    /** Null while the loop runs; else why no events are received. */
    static synchronized String failure() {
        return thread == null && !hostRuns && failure == null ? "libvirt's event loop was not started" : failure;
    }

    private static void run() {
        while (true) {
            try {
                Library.runEventLoop();
            } catch (InterruptedException e) {
                return;
            } catch (LibvirtException | RuntimeException e) {
                // One failed poll (a descriptor that went bad as a daemon died) must not end event
                // delivery for every other connection: poll again, after a pause so that a failure
                // that repeats does not spin a core.
                try {
                    Thread.sleep(200);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }
}
