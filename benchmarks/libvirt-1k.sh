#!/usr/bin/env bash
# End-to-end benchmark of the libvirt connector against a real session libvirtd (QEMU driver) of its
# own, holding COUNT shut-off domains (default 1,000) generated from examples/libvirt-lab (each
# template in turn, with a name and UUID of its own), in one run:
#   (a) floor: one virsh shell session (commands on its stdin, one connection) running `list --all`
#       and then `dumpxml NAME` for every domain, output to /dev/null: what an admin's script needs
#       at the least to get every definition; wall time and peak RSS of that virsh;
#   (b) the connector's Session.inventory() in a warm JVM (-Xmx128m) on one connection: three list
#       calls, then each domain's XML from 4 threads at once; peak RSS of that JVM.
# Prints medians of RUNS runs (each after one warm-up), (b)/(a) (aim: below 1.00) and peak RSS.
# Run as root, the daemon runs as the unprivileged uid 65534 (as the tests' SessionLibvirtd does);
# otherwise as the calling user. Needs the built classes of org.hvdiag.core and org.hvdiag.libvirt;
# run it under the build lock so that no build deletes them meanwhile and no build skews the times:
#   flock /tmp/hvdiag-build.lock benchmarks/libvirt-1k.sh [COUNT] [RUNS]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
count=${1:-1000}
runs=${2:-5}
for tool in /usr/bin/virsh /usr/bin/time; do
  [ -x "$tool" ] || { echo "$tool is missing (tools/install-packages installs it)" >&2; exit 2; }
done
[ -d "$repo/bundles/org.hvdiag.libvirt/target/classes/org" ] && [ -d "$repo/bundles/org.hvdiag.core/target/classes/org" ] || {
  echo "build first: flock /tmp/hvdiag-build.lock tools/mvn -o -B -q clean verify -pl target-platform,bundles/org.hvdiag.core,bundles/org.hvdiag.audit,bundles/org.hvdiag.libvirt -DskipTests" >&2
  exit 2
}

# Short: the daemon's sockets live below it, and a UNIX socket path has at most 107 bytes.
work=$(mktemp -d /tmp/hvb-XXXX)
daemon_pid=""
cleanup() {
  if [ -n "$daemon_pid" ]; then
    kill "$daemon_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$daemon_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$daemon_pid" 2>/dev/null || true
    wait "$daemon_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- the session libvirtd ----------------------------------------------------------------------
mkdir -p "$work/fleet" "$work/classes"
"$repo/tools/session-libvirtd" "$work" >"$work/libvirtd.log" 2>&1 &
daemon_pid=$!
uri="qemu+unix:///session?socket=$work/run/libvirt/libvirt-sock"
up=""
for _ in $(seq 600); do
  kill -0 "$daemon_pid" 2>/dev/null || break
  if virsh -q -c "$uri" uri >/dev/null 2>&1; then up=yes; break; fi
  sleep 0.1
done
[ -n "$up" ] || { cat "$work/libvirtd.log" >&2; echo "libvirtd did not answer on $uri" >&2; exit 2; }
qemu=$(virsh -c "$uri" version | sed -n 's/^Running hypervisor: *//p')

# --- COUNT domains from the lab's templates, defined by one virsh ------------------------------
python3 - "$repo/examples/libvirt-lab" "$work/fleet" "$count" <<'PY'
import glob, os, re, sys
src, dst, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
templates = sorted(glob.glob(os.path.join(src, "*.xml")))
if not templates:
    sys.exit("no domain XML in " + src)
width = max(4, len(str(count)))
with open(os.path.join(dst, "define.virsh"), "w") as define, open(os.path.join(dst, "names"), "w") as names:
    for i in range(1, count + 1):
        t = templates[(i - 1) % len(templates)]
        xml = open(t).read()
        orig = re.search(r"<name>\s*([^<]*?)\s*</name>", xml).group(1)
        name = "bench-%0*d-%s" % (width, i, orig)
        uuid = "b0000000-0000-4000-8000-%012x" % i
        xml = re.sub(r"<name>[^<]*</name>", "<name>%s</name>" % name, xml, count=1)
        if re.search(r"<uuid>[^<]*</uuid>", xml):
            xml = re.sub(r"<uuid>[^<]*</uuid>", "<uuid>%s</uuid>" % uuid, xml, count=1)
        else:
            xml = xml.replace("</name>", "</name>\n  <uuid>%s</uuid>" % uuid, 1)
        path = os.path.join(dst, "%s.xml" % name)
        open(path, "w").write(xml)
        define.write("define %s\n" % path)
        names.write(name + "\n")
PY
virsh -q -c "$uri" <"$work/fleet/define.virsh" >"$work/define.out" 2>"$work/define.err"
defined=$(virsh -q -c "$uri" list --all --name | awk 'NF { n++ } END { print n + 0 }')
[ "$defined" -eq "$count" ] || { head -n 20 "$work/define.err" >&2; echo "defined $defined domains, not $count" >&2; exit 2; }

# --- (a) the floor: list --all and every domain's dumpxml in one virsh session -------------------
{ echo "list --all"; sed 's/^/dumpxml /' "$work/fleet/names"; } >"$work/floor.virsh"
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
floor_run() {
  /usr/bin/time -f "%e %M" -o "$work/floor.time" virsh -q -c "$uri" <"$work/floor.virsh" >/dev/null 2>"$work/floor.err" || {
    cat "$work/floor.err" >&2; echo "the virsh floor failed" >&2; exit 2; }
  [ ! -s "$work/floor.err" ] || { head -n 20 "$work/floor.err" >&2; echo "the virsh floor reported errors" >&2; exit 2; }
}
floor_run   # warm-up
floor_times=(); floor_rss=()
for _ in $(seq "$runs"); do
  floor_run
  read -r t m <"$work/floor.time"
  floor_times+=("$t"); floor_rss+=("$m")
done
floor=$(median "${floor_times[@]}")
floor_mib=$(( $(median "${floor_rss[@]}") / 1024 ))

# --- (b) the connector in a warm JVM -----------------------------------------------------------
m2="${MAVEN_REPO:-$HOME/.m2/repository}"
cp="$repo/bundles/org.hvdiag.core/target/classes:$repo/bundles/org.hvdiag.libvirt/target/classes"
for j in com/fasterxml/jackson/core/jackson-core/2.18.2/jackson-core-2.18.2.jar \
    com/fasterxml/jackson/core/jackson-databind/2.18.2/jackson-databind-2.18.2.jar \
    com/fasterxml/jackson/core/jackson-annotations/2.18.2/jackson-annotations-2.18.2.jar \
    org/libvirt/libvirt/0.5.4/libvirt-0.5.4.jar \
    net/java/dev/jna/jna/5.17.0/jna-5.17.0.jar; do
  [ -f "$m2/$j" ] || { echo "$m2/$j is missing: build the connector first (tools/mvn)" >&2; exit 2; }
  cp="$cp:$m2/$j"
done
javac -nowarn -d "$work/classes" -cp "$cp" "$repo/benchmarks/libvirt/InventoryFetch.java" 2>"$work/javac.err" || {
  cat "$work/javac.err" >&2; exit 2; }
/usr/bin/time -f "%M" -o "$work/fetch.rss" java -Xmx128m -cp "$cp:$work/classes" InventoryFetch "$uri" "$runs" "$count" \
  >"$work/fetch.out" || { echo "the connector's inventory failed" >&2; exit 2; }
read -r fetch fetch_vms <"$work/fetch.out"
rss=$(( $(tail -n 1 "$work/fetch.rss") / 1024 ))

echo "libvirt connector against a session libvirtd ($qemu, libvirt $(virsh --version)): $count shut-off domains, median of $runs runs, $(nproc) cores"
printf '(a) floor: one virsh session, list --all + %d dumpxml         %6.2f s   (peak RSS %d MiB)\n' "$count" "$floor" "$floor_mib"
printf '(b) connector inventory, warm JVM, 4 readers: %d VMs          %6.2f s   (-Xmx128m, peak RSS %d MiB)\n' "$fetch_vms" "$fetch" "$rss"
printf '(b)/(a) = %.2f (aim: below 1.00)\n' "$(echo "$fetch / $floor" | bc -l)"
