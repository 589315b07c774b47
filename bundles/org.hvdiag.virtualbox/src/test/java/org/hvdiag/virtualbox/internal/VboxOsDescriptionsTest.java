package org.hvdiag.virtualbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.hvdiag.core.model.GuestOs;

class VboxOsDescriptionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Ubuntu (64-bit)|Ubuntu_64",
            "Red Hat (64-bit)|RedHat_64",
            "Windows 7 (32-bit)|Windows7",
            "Windows 8.1 (64-bit)|Windows81_64",
            "Windows 2012 (64-bit)|Windows2012_64",
            "Windows ME|WindowsMe",
            "Other Windows (64-bit)|WindowsNT_64",
            "Linux 2.6 / 3.x / 4.x (64-bit)|Linux26_64",
            "Other Linux (32-bit)|Linux",
            "Other/Unknown|Other",
            "Mac OS X 10.13 High Sierra (64-bit)|MacOS1013_64",
            "Windows10_64|Windows10_64",
            "Haiku R1 (64-bit)|Haiku R1 (64-bit)"})
    void descriptionsTurnBackIntoTypeIds(String description, String id) {
        assertEquals(id, VboxOsDescriptions.idOf(description));
    }

    @Test
    void aWindows7DescriptionIsWindows7ForTheUsb3Rule() {
        GuestOs os = VboxOsTypes.of(VboxOsDescriptions.idOf("Windows 7 (64-bit)"));
        assertEquals(GuestOs.Family.WINDOWS, os.family());
        assertEquals(61, os.release());
    }
}
