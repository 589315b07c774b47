package org.hvdiag.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.evidence.EventKind;

/**
 * libvirt's lifecycle events (virDomainEventType and its detail enums, libvirt-domain.h) as
 * evidence kinds, and their words in the form virsh event prints them.
 */
class DomainEventKindTest {
    @Test
    void stopsByDetail() {
        assertEquals(new EventKind.StoppedNormally("the guest shut down"), DomainEvents.kind(5, 0));
        assertEquals(new EventKind.HardPowerOff("libvirt destroy"), DomainEvents.kind(5, 1));
        assertEquals(new EventKind.StoppedAbnormally("crashed"), DomainEvents.kind(5, 2));
        assertEquals(new EventKind.StoppedNormally("migrated"), DomainEvents.kind(5, 3));
        assertEquals(new EventKind.StoppedNormally("saved"), DomainEvents.kind(5, 4));
        assertEquals(new EventKind.StoppedAbnormally("failed"), DomainEvents.kind(5, 5));
        assertEquals(new EventKind.StoppedNormally("libvirt gave detail 42"), DomainEvents.kind(5, 42),
                "a detail newer than this build is still a stop");
    }

    @Test
    void startsAndCrashes() {
        assertEquals(new EventKind.PoweredOn(), DomainEvents.kind(2, 0));
        assertEquals(new EventKind.PoweredOn(), DomainEvents.kind(2, 2), "restored from a saved state");
        assertNull(DomainEvents.kind(2, 4), "a wake-up from S3 is not a power-on");
        assertEquals(new EventKind.GuestCrashed(null, "the guest panicked (libvirt event)"), DomainEvents.kind(8, 0));
        assertEquals(new EventKind.GuestCrashed(null, "crashed (libvirt event, detail 1)"), DomainEvents.kind(8, 1));
    }

    @Test
    void definedSuspendedResumedAndUnknownTypesAreNotEvidence() {
        for (int type : new int[] {0, 1, 3, 4, 6, 7, 9, -1}) {
            assertNull(DomainEvents.kind(type, 0), "type " + type);
        }
    }

    @Test
    void wordsAsVirshEventPrintsThem() {
        assertEquals("Stopped Destroyed", DomainEvents.words(5, 1));
        assertEquals("Started Booted", DomainEvents.words(2, 0));
        assertEquals("Crashed Panicked", DomainEvents.words(8, 0));
        assertEquals("event 42 detail 7", DomainEvents.words(42, 7));
        assertEquals("Stopped detail 99", DomainEvents.words(5, 99));
    }
}
