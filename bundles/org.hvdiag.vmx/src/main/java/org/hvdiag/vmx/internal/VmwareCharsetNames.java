package org.hvdiag.vmx.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VMware's names for the charset of a .vmx, resolved to the Java charset that decodes the same bytes.
 * <p>
 * VMware looks an {@code .encoding} name up in its own table (open-vm-tools lib/unicode/
 * unicodeSimpleTypes.c, {@code xRef}): {@code windows-N} by Windows code page N, any other name by
 * name and alias, ignoring case and every character but letters and digits. Each entry is an ICU
 * converter, and VMware writes the entry's preferred name. On a Windows host that is the entry of the
 * host's code page: {@code windows-949-2000} on Korean Windows (ICU's converter for code page 949; the
 * year dates ICU's copy of Microsoft's table, as in windows-874-2000, windows-936-2000 and
 * windows-950-2000), {@code Shift_JIS} on Japanese, {@code GBK} on Simplified and {@code Big5} on
 * Traditional Chinese Windows, {@code windows-1252} on Western.
 * <p>
 * Resolved here: {@code windows-N} and ICU's dated {@code windows-N-YYYY} by code page; ICU converter
 * names VMware's table lists ({@code ibm-943_P15A-2003}, {@code ibm-5348_P100-1997}, ...); and the
 * names Java reads with another table than VMware's converter: VMware's Shift_JIS, GBK and Big5 are
 * Windows code pages 932, 936 and 950, and Java's Shift_JIS refuses the NEC and IBM rows of 932 that
 * Japanese Windows writes. Any other name is left to Java's own charset names.
 */
final class VmwareCharsetNames {
    /** windows-949, windows-949-2000 (and VMware's looser spellings: case, '_' for '-'). */
    private static final Pattern WINDOWS = Pattern.compile("windows[-_]?(\\d{3,5})(?:[-_](?:19|20)\\d\\d)?",
            Pattern.CASE_INSENSITIVE);

    private static final Map<Integer, String> CODE_PAGES = Map.ofEntries(
            Map.entry(874, "x-windows-874"), Map.entry(932, "windows-31j"), Map.entry(936, "x-mswin-936"),
            Map.entry(949, "x-windows-949"), Map.entry(950, "x-windows-950"),
            Map.entry(1250, "windows-1250"), Map.entry(1251, "windows-1251"), Map.entry(1252, "windows-1252"),
            Map.entry(1253, "windows-1253"), Map.entry(1254, "windows-1254"), Map.entry(1255, "windows-1255"),
            Map.entry(1256, "windows-1256"), Map.entry(1257, "windows-1257"), Map.entry(1258, "windows-1258"),
            Map.entry(737, "x-IBM737"), Map.entry(775, "IBM775"), Map.entry(850, "IBM850"), Map.entry(858, "IBM00858"),
            Map.entry(862, "IBM862"), Map.entry(866, "IBM866"), Map.entry(65001, "UTF-8"));

    /**
     * Java charset, then the names of VMware's table entries that Java lacks or reads otherwise
     * (ICU converter names first). Each row is one entry of VMware's table.
     */
    private static final String[][] ENTRIES = {
        {"windows-31j", "Shift_JIS", "MS_Kanji", "csShiftJIS", "ibm-943_P15A-2003", "ibm-943", "x-sjis", "x-ms-cp932",
            "cp932", "cp943c", "IBM-943C", "ms932", "pck", "sjis", "ibm-943_VSUB_VPUA"},
        {"x-mswin-936", "GBK", "CP936", "MS936"},
        {"x-mswin-936", "ibm-1386_P100-2001", "ibm-1386", "cp1386", "ibm-1386_VSUB_VPUA"},
        {"x-windows-950", "Big5", "csBig5", "x-big5"},
        {"x-windows-950", "ibm-1373_P100-2002", "ibm-1373"},
        {"x-windows-949", "KS_C_5601-1989", "csKSC56011987", "korean", "iso-ir-149", "ms949"},
        {"EUC-KR", "ibm-970_P110_P110-2006_U2", "ibm-970", "ibm-eucKR", "cp970", "ibm-970_VPUA"},
        {"EUC-JP", "ibm-954_P101-2007", "ibm-954", "ibm-33722_P12A_P12A-2004_U2", "ibm-33722", "ibm-5050",
            "ibm-33722_VPUA", "IBM-eucJP"},
        {"GB2312", "ibm-1383_P110-1999", "ibm-1383", "cp1383", "EUC-CN", "ibm-eucCN", "hp15CN", "ibm-1383_VPUA"},
        {"GB18030", "ibm-1392"},
        {"Big5-HKSCS", "ibm-1375_P100-2007", "ibm-1375_P100-2008", "ibm-1375", "HKSCS-BIG5"},
        {"UTF-8", "ibm-1208", "ibm-1209", "ibm-5304", "ibm-5305", "ibm-13496", "ibm-13497", "ibm-17592", "ibm-17593",
            "cp1208"},
        {"windows-1250", "ibm-5346_P100-1998", "ibm-5346", "ibm-1250_P100-1995", "ibm-1250"},
        {"windows-1251", "ibm-5347_P100-1998", "ibm-5347", "ANSI1251", "ibm-1251_P100-1995", "ibm-1251"},
        {"windows-1252", "ibm-5348_P100-1997", "ibm-5348", "ibm-1252_P100-2000", "ibm-1252"},
        {"windows-1253", "ibm-5349_P100-1998", "ibm-5349", "ibm-1253_P100-1995", "ibm-1253"},
        {"windows-1254", "ibm-5350_P100-1998", "ibm-5350", "ibm-1254_P100-1995", "ibm-1254"},
        {"windows-1255", "ibm-9447_P100-2002", "ibm-9447", "ibm-5351_P100-1998", "ibm-5351"},
        {"windows-1256", "ibm-9448_X100-2005", "ibm-9448", "ibm-5352_P100-1998", "ibm-5352"},
        {"windows-1257", "ibm-9449_P100-2002", "ibm-9449", "ibm-5353_P100-1998", "ibm-5353"},
        {"windows-1258", "ibm-5354_P100-1998", "ibm-5354", "ibm-1258_P100-1997", "ibm-1258"},
        {"ISO-8859-2", "ibm-912_P100-1995"},
        {"ISO-8859-3", "ibm-913_P100-2000"},
        {"ISO-8859-4", "ibm-914_P100-1995"},
        {"ISO-8859-5", "ibm-915_P100-1995"},
        {"ISO-8859-6", "ibm-1089_P100-1995"},
        {"ISO-8859-7", "ibm-9005_X110-2007", "ibm-9005", "ibm-813_P100-1995"},
        {"ISO-8859-8", "ibm-5012_P100-1999", "ibm-5012"},
        {"ISO-8859-9", "ibm-920_P100-1995"},
        {"ISO-8859-13", "ibm-921_P100-1995"},
        {"ISO-8859-15", "ibm-923_P100-1998"},
        {"IBM850", "ibm-850_P100-1995"},
        {"IBM862", "ibm-862_P100-1995"},
        {"IBM866", "ibm-866_P100-1995"},
        {"IBM775", "ibm-775_P100-1996"},
        {"IBM00858", "ibm-858_P100-1997"},
        {"x-IBM737", "ibm-737_P100-1997"},
        {"KOI8-R", "ibm-878_P100-1996"},
        {"KOI8-U", "ibm-1168_P100-2002", "ibm-1168"},
    };

    private static final Map<String, String> BY_NAME = new HashMap<>();

    static {
        for (String[] entry : ENTRIES) {
            for (int i = 1; i < entry.length; i++) {
                String previous = BY_NAME.put(normalize(entry[i]), entry[0]);
                if (previous != null) {
                    throw new IllegalStateException(entry[i] + " is listed twice");
                }
            }
        }
    }

    private VmwareCharsetNames() {
    }

    /** The Java charset name for a name VMware resolves to a table Java knows by another name; null otherwise. */
    static String javaName(String vmwareName) {
        Matcher m = WINDOWS.matcher(vmwareName.trim());
        if (m.matches()) {
            String byCodePage = CODE_PAGES.get(Integer.parseInt(m.group(1)));
            if (byCodePage != null) {
                return byCodePage;
            }
        }
        return BY_NAME.get(normalize(vmwareName));
    }

    /** Every Java charset name this class resolves to, for a check that the runtime has them all. */
    static Set<String> javaNames() {
        Set<String> names = new TreeSet<>(CODE_PAGES.values());
        names.addAll(BY_NAME.values());
        return names;
    }

    /** VMware's comparison form (UnicodeNormalizeEncodingName): letters and digits only, lower case. */
    static String normalize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                out.append((char) (c + ('a' - 'A')));
            }
        }
        return out.toString();
    }
}
