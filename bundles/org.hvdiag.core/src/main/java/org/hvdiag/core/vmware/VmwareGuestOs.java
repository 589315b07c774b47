package org.hvdiag.core.vmware;

import java.util.HashMap;
import java.util.Map;

import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.GuestOs.Family;

/**
 * VMware's guest operating system identifiers, as a .vmx file writes them ({@code guestOS =
 * "windows9-64"}) and as the vSphere API names them ({@code windows9_64Guest}), mapped onto
 * {@link GuestOs}.
 * <p>
 * Both spellings reduce to one look-up key: lower case, without '-' and '_', without the "Guest"
 * suffix. Where the two products name a release differently (vSphere's {@code windows7Server64Guest}
 * is the .vmx {@code windows7srv-64}) the table lists the vSphere name as an alias. Called once per VM
 * of fleets of tens of thousands, so a look-up is one small char loop and one hash probe.
 * <p>
 * Release numbers follow {@link GuestOs}: Windows NT version times ten (51 XP/2003, 60 Vista/2008,
 * 61 7/2008 R2, 62 8/2012, 100 for 10 and later); Linux the oldest kernel series the release shipped
 * with (204 for 2.4, 206 for any 2.6, 300, 400, 500, 600 for 3.x to 6.x), so that a rule testing
 * "2.6.35 or later" errs on the side of the old kernel; macOS the Darwin major version. -1 when the
 * identifier does not say (ubuntu-64 covers every Ubuntu release).
 */
public final class VmwareGuestOs {

    private record Entry(Family family, int release, boolean server, String displayName) { }

    private static final Map<String, Entry> BY_KEY = new HashMap<>(512);

    static {
        windows();
        linux();
        macos();
        others();
    }

    private VmwareGuestOs() {
    }

    /**
     * The guest OS an identifier names; family OTHER and release -1 when VMware's catalog as known
     * here does not list it. An empty or null id is {@link GuestOs#UNKNOWN}.
     */
    public static GuestOs of(String id) {
        if (id == null || id.isEmpty()) {
            return GuestOs.UNKNOWN;
        }
        Entry e = BY_KEY.get(key(id));
        if (e == null) {
            return new GuestOs(id, Family.OTHER, -1, false, id);
        }
        return new GuestOs(id, e.family, e.release, e.server, e.displayName);
    }

    /** Whether the catalog knows the identifier (in either spelling). */
    public static boolean isKnown(String id) {
        return id != null && !id.isEmpty() && BY_KEY.containsKey(key(id));
    }

    /** "windows7_64Guest" and "windows7-64" both become "windows764"; "otherGuest64" becomes "other64". */
    static String key(String id) {
        int n = id.length();
        char[] out = new char[n];
        int len = 0;
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            if (c == '-' || c == '_' || c == ' ') {
                continue;
            }
            out[len++] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        if (endsWith(out, len, "guest64")) {
            len -= 7;
            out[len++] = '6';
            out[len++] = '4';
        } else if (endsWith(out, len, "guest")) {
            len -= 5;
        }
        return new String(out, 0, len);
    }

    private static boolean endsWith(char[] s, int len, String suffix) {
        int k = suffix.length();
        if (len < k) {
            return false;
        }
        for (int i = 0; i < k; i++) {
            if (s[len - k + i] != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static void add(Family family, int release, boolean server, String displayName, String... ids) {
        Entry e = new Entry(family, release, server, displayName);
        for (String id : ids) {
            Entry old = BY_KEY.put(key(id), e);
            if (old != null && !old.equals(e)) {
                // Two identifiers reducing to one key would silently swap guests: a table error.
                throw new IllegalStateException("guest OS ids collide on '" + key(id) + "': " + old + " and " + e);
            }
        }
    }

    /** A 32-bit id and its 64-bit sibling ("-64"), both with the same facts. */
    private static void add3264(Family family, int release, boolean server, String displayName, String id32) {
        add(family, release, server, displayName, id32);
        add(family, release, server, displayName + " (64-bit)", id32 + "-64");
    }

    private static void win(int release, boolean server, String displayName, String... ids) {
        add(Family.WINDOWS, release, server, displayName, ids);
    }

    private static void windows() {
        win(31, false, "Windows 3.1", "win31");
        win(40, false, "Windows 95", "win95");
        win(41, false, "Windows 98", "win98");
        win(49, false, "Windows Me", "winMe");
        win(40, false, "Windows NT", "winNT");
        win(50, false, "Windows 2000 Professional", "win2000Pro");
        win(50, true, "Windows 2000 Server", "win2000Serv");
        win(50, true, "Windows 2000 Advanced Server", "win2000AdvServ");
        win(51, false, "Windows XP Home Edition", "winXPHome");
        win(51, false, "Windows XP Professional", "winXPPro");
        win(51, false, "Windows XP Professional (64-bit)", "winXPPro-64");
        win(51, true, "Windows Server 2003 Web Edition", "winNetWeb");
        win(51, true, "Windows Small Business Server 2003", "winNetBusiness");
        add3264(Family.WINDOWS, 51, true, "Windows Server 2003 Standard Edition", "winNetStandard");
        add3264(Family.WINDOWS, 51, true, "Windows Server 2003 Enterprise Edition", "winNetEnterprise");
        add3264(Family.WINDOWS, 51, true, "Windows Server 2003 Datacenter Edition", "winNetDatacenter");
        add3264(Family.WINDOWS, 60, false, "Windows Vista", "winVista");
        win(60, true, "Windows Server 2008", "longhorn", "winLonghornGuest");
        win(60, true, "Windows Server 2008 (64-bit)", "longhorn-64", "winLonghorn64Guest");
        win(60, true, "Hyper-V Server", "winHyperV", "windowsHyperVGuest");
        add3264(Family.WINDOWS, 61, false, "Windows 7", "windows7");
        win(61, true, "Windows Server 2008 R2 (64-bit)", "windows7srv-64", "windows7Server64Guest");
        // VMware has no separate id for 8.1 and 2012 R2: they use the 8 / 2012 ids, hence 62 not 63.
        add3264(Family.WINDOWS, 62, false, "Windows 8.x", "windows8");
        win(62, true, "Windows Server 2012 / 2012 R2 (64-bit)", "windows8srv-64", "windows8Server64Guest");
        add3264(Family.WINDOWS, 100, false, "Windows 10", "windows9");
        win(100, true, "Windows Server 2016 (64-bit)", "windows9srv-64", "windows9Server64Guest");
        win(100, true, "Windows Server 2019 (64-bit)", "windows2019srv-64");
        win(100, true, "Windows Server 2022 (64-bit)", "windows2019srvNext-64");
        win(100, true, "Windows Server 2025 (64-bit)", "windows2022srvNext-64");
        win(100, false, "Windows 11 (64-bit)", "windows11-64");
        win(100, false, "Windows 12 (64-bit)", "windows12-64");
    }

    private static void linux(int kernel, boolean server, String displayName, String... ids) {
        add(Family.LINUX, kernel, server, displayName, ids);
    }

    private static void linux3264(int kernel, boolean server, String displayName, String id32) {
        add3264(Family.LINUX, kernel, server, displayName, id32);
    }

    private static void linux() {
        // Enterprise releases keep their first kernel series for their whole life (RHEL 6 is 2.6.32
        // throughout), so the id pins the series. SLES 11 moved from 2.6.27 to 3.0 in SP2: 206, the
        // older one, so that a kernel-minimum rule warns rather than stays silent.
        linux(204, true, "Red Hat Enterprise Linux 2.1", "rhel2");
        linux3264(204, true, "Red Hat Enterprise Linux 3", "rhel3");
        linux3264(206, true, "Red Hat Enterprise Linux 4", "rhel4");
        linux3264(206, true, "Red Hat Enterprise Linux 5", "rhel5");
        linux3264(206, true, "Red Hat Enterprise Linux 6", "rhel6");
        linux3264(300, true, "Red Hat Enterprise Linux 7", "rhel7");
        linux(400, true, "Red Hat Enterprise Linux 8 (64-bit)", "rhel8-64");
        linux(500, true, "Red Hat Enterprise Linux 9 (64-bit)", "rhel9-64");
        linux(600, true, "Red Hat Enterprise Linux 10 (64-bit)", "rhel10-64");
        linux3264(206, true, "CentOS 4/5", "centos");
        linux3264(206, true, "CentOS 6", "centos6");
        linux3264(300, true, "CentOS 7", "centos7");
        linux(400, true, "CentOS 8 (64-bit)", "centos8-64");
        linux(500, true, "CentOS Stream 9 (64-bit)", "centos9-64");
        linux3264(206, true, "Oracle Linux 4/5", "oraclelinux");
        linux3264(206, true, "Oracle Linux 6", "oraclelinux6");
        linux(300, true, "Oracle Linux 7 (64-bit)", "oraclelinux7-64");
        linux(400, true, "Oracle Linux 8 (64-bit)", "oraclelinux8-64");
        linux(500, true, "Oracle Linux 9 (64-bit)", "oraclelinux9-64");
        linux(400, true, "Rocky Linux (64-bit)", "rockylinux-64");
        linux(400, true, "AlmaLinux (64-bit)", "almalinux-64");
        linux3264(206, true, "SUSE Linux Enterprise Server 9", "sles");
        linux3264(206, true, "SUSE Linux Enterprise Server 10", "sles10");
        linux3264(206, true, "SUSE Linux Enterprise Server 11", "sles11");
        linux3264(300, true, "SUSE Linux Enterprise Server 12", "sles12");
        linux(400, true, "SUSE Linux Enterprise Server 15 (64-bit)", "sles15-64");
        linux(600, true, "SUSE Linux Enterprise Server 16 (64-bit)", "sles16-64");
        linux3264(-1, false, "SUSE Linux", "suse");
        linux3264(-1, false, "openSUSE", "opensuse");
        linux(206, false, "Novell Linux Desktop 9", "nld9");
        linux3264(-1, false, "Ubuntu", "ubuntu");
        linux3264(206, false, "Debian 4", "debian4");
        linux3264(206, false, "Debian 5", "debian5");
        linux3264(206, false, "Debian 6", "debian6");
        linux3264(300, false, "Debian 7", "debian7");
        linux3264(300, false, "Debian 8", "debian8");
        linux3264(400, false, "Debian 9", "debian9");
        linux3264(400, false, "Debian 10", "debian10");
        linux3264(500, false, "Debian 11", "debian11");
        linux3264(600, false, "Debian 12", "debian12");
        linux3264(-1, false, "Fedora", "fedora");
        linux(-1, false, "Red Hat Linux", "redhat");
        linux(-1, false, "Mandrake Linux", "mandrake");
        linux3264(-1, false, "Mandriva Linux", "mandriva");
        linux3264(-1, false, "Turbolinux", "turbolinux");
        linux3264(206, false, "Asianux 3", "asianux3");
        linux3264(206, false, "Asianux 4", "asianux4");
        linux(300, false, "Asianux 5 (64-bit)", "asianux5-64");
        linux(300, false, "Asianux 7 (64-bit)", "asianux7-64");
        linux(400, false, "Asianux 8 (64-bit)", "asianux8-64");
        linux(500, false, "Asianux 9 (64-bit)", "asianux9-64");
        linux(400, false, "Amazon Linux 2 (64-bit)", "amazonlinux2-64");
        linux(600, false, "Amazon Linux 2023 (64-bit)", "amazonlinux3-64");
        linux(400, false, "VMware Photon OS (64-bit)", "vmware-photon-64");
        linux(300, false, "CoreOS (64-bit)", "coreos-64");
        linux3264(204, false, "Other Linux 2.4.x kernel", "other24xlinux");
        linux3264(206, false, "Other Linux 2.6.x kernel", "other26xlinux");
        linux3264(300, false, "Other Linux 3.x kernel", "other3xlinux");
        linux3264(400, false, "Other Linux 4.x kernel", "other4xlinux");
        linux3264(500, false, "Other Linux 5.x kernel", "other5xlinux");
        linux3264(600, false, "Other Linux 6.x kernel", "other6xlinux");
        linux3264(-1, false, "Other Linux", "otherlinux");
    }

    private static void macos() {
        add3264(Family.MACOS, 9, false, "Mac OS X 10.5", "darwin");
        add3264(Family.MACOS, 10, false, "Mac OS X 10.6", "darwin10");
        add3264(Family.MACOS, 11, false, "Mac OS X 10.7", "darwin11");
        String[] names = {"OS X 10.8", "OS X 10.9", "OS X 10.10", "OS X 10.11", "macOS 10.12", "macOS 10.13",
                "macOS 10.14", "macOS 10.15", "macOS 11", "macOS 12", "macOS 13", "macOS 14", "macOS 15"};
        for (int i = 0; i < names.length; i++) {
            int darwin = 12 + i;
            add(Family.MACOS, darwin, false, names[i] + " (64-bit)", "darwin" + darwin + "-64");
        }
    }

    private static void other(String displayName, String... ids) {
        add(Family.OTHER, -1, false, displayName, ids);
    }

    private static void others() {
        other("MS-DOS", "dos");
        other("OS/2", "os2");
        other("eComStation", "eComStation");
        other("eComStation 2", "eComStation2");
        add3264(Family.OTHER, -1, false, "FreeBSD", "freebsd");
        for (int v = 11; v <= 14; v++) {
            add3264(Family.OTHER, -1, false, "FreeBSD " + v, "freebsd" + v);
        }
        add3264(Family.OTHER, -1, false, "Solaris 10", "solaris10");
        other("Solaris 11 (64-bit)", "solaris11-64");
        other("NetWare 5", "netware5");
        other("NetWare 6", "netware6");
        other("SCO OpenServer 5", "openserver5");
        other("SCO OpenServer 6", "openserver6");
        other("SCO UnixWare 7", "unixware7");
        other("VMware ESX", "vmkernel");
        other("VMware ESXi 5", "vmkernel5");
        other("VMware ESXi 6.0", "vmkernel6");
        other("VMware ESXi 6.5", "vmkernel65");
        other("VMware ESXi 7", "vmkernel7");
        other("VMware ESXi 8", "vmkernel8");
        add3264(Family.OTHER, -1, false, "Other", "other");
    }
}
