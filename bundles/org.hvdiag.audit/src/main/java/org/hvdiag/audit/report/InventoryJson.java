package org.hvdiag.audit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonGenerator;

import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.ObjectError;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.Vm;

/**
 * The inventory as schema/hvdiag-inventory.schema.json describes it. Values a hypervisor did not
 * report are null (never -1 or ""), so a script cannot mistake "unknown" for a value.
 */
public final class InventoryJson implements InventoryWriter {
    public static final String SCHEMA_ID = "https://hvdiag.org/schema/inventory-1.json";

    private final Clock clock;

    public InventoryJson(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String format() {
        return "json";
    }

    @Override
    public void write(List<Inventory> inventories, OutputStream out) throws IOException {
        try (JsonGenerator g = JsonOutput.open(out)) {
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA_ID);
            g.writeStringField("generatedAt", JsonOutput.timestamp(clock.instant()));
            g.writeArrayFieldStart("targets");
            for (Inventory inv : inventories) {
                target(g, inv);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void target(JsonGenerator g, Inventory inv) throws IOException {
        g.writeStartObject();
        g.writeStringField("target", inv.target());
        g.writeStringField("readAt", JsonOutput.timestamp(inv.readAt()));
        g.writeArrayFieldStart("hosts");
        for (Host h : inv.hosts()) {
            host(g, h);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("vms");
        for (Vm vm : inv.vms()) {
            vm(g, vm);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("errors");
        for (ObjectError e : inv.errors()) {
            g.writeStartObject();
            g.writeStringField("object", e.object());
            g.writeStringField("location", e.location());
            g.writeStringField("message", e.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void host(JsonGenerator g, Host h) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", h.id());
        g.writeStringField("name", h.name());
        g.writeStringField("hypervisor", KindNames.of(h.kind()));
        g.writeStringField("productVersion", h.productVersion());
        count(g, "cpuPackages", h.cpuPackages());
        count(g, "cpuCores", h.cpuCores());
        count(g, "cpuThreads", h.cpuThreads());
        count(g, "memoryMiB", h.memoryMiB());
        text(g, "newestHardwareVersion", h.newestHardwareVersion() == null ? null : h.newestHardwareVersion().toString());
        JsonOutput.stringArray(g, "extensionPacks", h.extensionPacks());
        g.writeEndObject();
    }

    private static void vm(JsonGenerator g, Vm vm) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", vm.id());
        g.writeStringField("name", vm.name());
        g.writeStringField("hostId", vm.hostId());
        g.writeStringField("source", vm.source());
        g.writeStringField("hypervisor", KindNames.of(vm.kind()));
        g.writeStringField("powerState", vm.powerState().name());
        text(g, "hardwareVersion", vm.hardwareVersion() == null ? null : vm.hardwareVersion().toString());
        g.writeStringField("firmware", vm.firmware().name());
        g.writeObjectFieldStart("guestOs");
        g.writeStringField("id", vm.guestOs().id());
        g.writeStringField("family", vm.guestOs().family().name());
        g.writeStringField("name", vm.guestOs().displayName());
        g.writeBooleanField("server", vm.guestOs().server());
        g.writeEndObject();
        count(g, "vcpus", vm.vcpus());
        count(g, "memoryMiB", vm.memoryMiB());
        g.writeBooleanField("cpuHotAdd", vm.cpuHotAdd());
        g.writeBooleanField("memoryHotAdd", vm.memoryHotAdd());
        g.writeBooleanField("deviceHotplug", vm.deviceHotplug());
        g.writeArrayFieldStart("usbControllers");
        for (UsbController c : vm.usbControllers()) {
            g.writeStartObject();
            g.writeStringField("id", c.id());
            g.writeStringField("type", c.type().name());
            g.writeStringField("model", c.model());
            g.writeBooleanField("autoConnectDevices", c.autoConnectDevices());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("usbDevices");
        for (UsbDevice d : vm.usbDevices()) {
            g.writeStartObject();
            g.writeStringField("id", d.id());
            g.writeStringField("name", d.name());
            id(g, "vendorId", d.vendorId());
            id(g, "productId", d.productId());
            g.writeStringField("speed", d.speed().name());
            g.writeStringField("controllerId", d.controllerId());
            g.writeBooleanField("autoConnect", d.autoConnect());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("usbFilters");
        for (UsbFilter f : vm.usbFilters()) {
            g.writeStartObject();
            g.writeStringField("id", f.id());
            g.writeStringField("name", f.name());
            id(g, "vendorId", f.vendorId());
            id(g, "productId", f.productId());
            g.writeStringField("port", f.port());
            g.writeStringField("pattern", f.pattern());
            g.writeBooleanField("active", f.active());
            g.writeBooleanField("matchesAnyDevice", f.matchesAnyDevice());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("tools");
        g.writeStringField("state", vm.toolsState().name());
        g.writeStringField("version", vm.toolsVersion());
        g.writeStringField("upgradePolicy", vm.toolsUpgradePolicy());
        g.writeEndObject();
        count(g, "snapshotCount", vm.snapshotCount());
        g.writeStringField("powerOffBehaviour", vm.powerOffBehaviour().name());
        g.writeEndObject();
    }

    private static void count(JsonGenerator g, String field, long value) throws IOException {
        if (value < 0) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }

    /** USB ids as the four hex digits admins know them by ("0781"), null when the rule or device leaves them open. */
    private static void id(JsonGenerator g, String field, int value) throws IOException {
        text(g, field, value < 0 ? null : String.format("%04x", value));
    }

    private static void text(JsonGenerator g, String field, String value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, value);
        }
    }
}
