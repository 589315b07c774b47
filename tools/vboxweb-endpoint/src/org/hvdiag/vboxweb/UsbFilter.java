package org.hvdiag.vboxweb;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An IUSBDeviceFilter object. Mutable, but only through the setters' checks, which follow
 * USBDeviceFilterImpl.cpp: the owning machine must be a session machine (mutable, saved or running),
 * numeric fields take a hex number up to 0xFFFF or a filter expression, remote a boolean filter.
 */
final class UsbFilter {
    /** Numeric filter expressions: numbers, ranges and alternatives ("0x0100-0x0200|0x0300"). */
    private static final Pattern NUMERIC_EXPRESSION = Pattern.compile(
            "\\s*(0[xX][0-9a-fA-F]+|[0-9]+)?\\s*(-\\s*(0[xX][0-9a-fA-F]+|[0-9]+)?)?\\s*"
                    + "(\\|\\s*(0[xX][0-9a-fA-F]+|[0-9]+)?\\s*(-\\s*(0[xX][0-9a-fA-F]+|[0-9]+)?)?\\s*)*");
    private static final Pattern HEX = Pattern.compile("\\s*(0[xX])?[0-9a-fA-F]+\\s*");

    final MachineObject owner;
    /** Set while the filter is in its machine's list (insertDeviceFilter refuses it twice). */
    boolean inList;
    String name;
    boolean active;
    String vendorId = "";
    String productId = "";
    String revision = "";
    String manufacturer = "";
    String product = "";
    String serialNumber = "";
    String port = "";
    String remote = "";
    long maskedInterfaces;

    UsbFilter(MachineObject owner, String name) {
        this.owner = owner;
        this.name = name;
    }

    static UsbFilter of(MachineObject owner, FilterValues v) {
        UsbFilter f = new UsbFilter(owner, v.name());
        f.active = v.active();
        f.vendorId = v.vendorId();
        f.productId = v.productId();
        f.revision = v.revision();
        f.manufacturer = v.manufacturer();
        f.product = v.product();
        f.serialNumber = v.serialNumber();
        f.port = v.port();
        f.remote = v.remote();
        f.maskedInterfaces = v.maskedInterfaces();
        f.inList = true;
        return f;
    }

    UsbFilter copyFor(MachineObject newOwner) {
        UsbFilter f = of(newOwner, values());
        f.inList = inList;
        return f;
    }

    FilterValues values() {
        return new FilterValues(name, active, vendorId, productId, revision, manufacturer, product, serialNumber, port,
                remote, maskedInterfaces);
    }

    String get(String field) {
        return switch (field) {
            case "Name" -> name;
            case "VendorId" -> vendorId;
            case "ProductId" -> productId;
            case "Revision" -> revision;
            case "Manufacturer" -> manufacturer;
            case "Product" -> product;
            case "SerialNumber" -> serialNumber;
            case "Port" -> port;
            case "Remote" -> remote;
            default -> throw new IllegalArgumentException(field);
        };
    }

    void set(String field, String value) throws VboxError {
        owner.checkFiltersChangeable();
        switch (field) {
            case "Name" -> name = value;
            case "VendorId" -> vendorId = numeric("Vendor ID", value);
            case "ProductId" -> productId = numeric("Product ID", value);
            case "Revision" -> revision = numeric("Revision", value);
            case "Port" -> port = numeric("Port number", value);
            case "Manufacturer" -> manufacturer = value;
            case "Product" -> product = value;
            case "SerialNumber" -> serialNumber = value;
            case "Remote" -> remote = remoteFilter(value);
            default -> throw new IllegalArgumentException(field);
        }
    }

    void setActive(boolean value) throws VboxError {
        owner.checkFiltersChangeable();
        active = value;
    }

    void setMaskedInterfaces(long value) throws VboxError {
        owner.checkFiltersChangeable();
        maskedInterfaces = value;
    }

    /** USBDeviceFilter::i_usbFilterFieldFromString for the numeric fields. */
    private static String numeric(String what, String value) throws VboxError {
        if (value.isEmpty()) {
            return value;
        }
        if (HEX.matcher(value).matches()) {
            String digits = value.strip();
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                digits = digits.substring(2);
            }
            long n = digits.length() > 12 ? Long.MAX_VALUE : Long.parseLong(digits, 16);
            if (n > 0xFFFF && n != 0xFFFFFFFFL) {
                throw new VboxError(ResultCode.E_INVALIDARG,
                        "The " + what + " value '" + value + "' is too big (max 0xFFFF)");
            }
            return value;
        }
        if (!NUMERIC_EXPRESSION.matcher(value).matches() || value.chars().noneMatch(Character::isDigit)) {
            throw new VboxError(ResultCode.E_INVALIDARG,
                    "The " + what + " filter expression '" + value + "' is not valid");
        }
        return value;
    }

    private static String remoteFilter(String value) throws VboxError {
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "", "yes", "no", "true", "false", "1", "0", "on", "off":
                return value;
            default:
                throw new VboxError(ResultCode.E_INVALIDARG,
                        "Remote state filter string '" + value + "' is not valid (error at position 1)");
        }
    }
}
