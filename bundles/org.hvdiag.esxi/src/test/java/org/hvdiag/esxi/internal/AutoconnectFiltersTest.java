package org.hvdiag.esxi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.model.UsbFilter;

class AutoconnectFiltersTest {

    @Test
    void aBlankEntryInExtraConfigIsNoFilter() {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("usb.autoConnect.device0", "  ");
        raw.put("usb.autoConnect.device1", "vid:0x0781 pid:0x5567");
        List<UsbFilter> filters = VmMapper.filters(raw);
        assertEquals(List.of("usb.autoConnect.device1"), filters.stream().map(UsbFilter::id).toList());
        assertEquals(0x0781, filters.get(0).vendorId());
    }
}
