#!/usr/bin/env bash
# End-to-end benchmark of the evidence read: `hvdiag events` on COUNT generated Workstation VMs
# (default 1,000), each with a vmware.log and a vmware-0.log (default about 1.5 MiB and 1 MiB, so
# 2.5 MiB a VM, 2.6 GB in all; written by generate-vmx-fleet.py --logs, 2 % of the VMs crashing
# after a USB connect), beside a floor measured in the same run:
#   (a) floor: the cheapest honest tool reading the same bytes an evidence read needs: one pipeline
#       for the whole fleet: each VM's logs newest first within the byte bound (whole files with
#       cat, a cut file with tail -c, files past the bound not at all; sizes from one find), into
#       one LC_ALL=C grep -E for the markers the parser reads (Log for VMware, USB: Found/
#       Connecting/Disconnecting device, Unexpected signal, VMX has left the building, ...), its
#       lines counted by wc -l;
#   (b) `hvdiag events FLEET --since 2026-11-01 --until 2026-12-01 --format csv > /dev/null` with
#       the default bound (8 MiB a VM: every byte of the fleet);
#   (c) the same with --log-bytes 512KiB (the newest 512 KiB of each vmware.log; vmware-0.log
#       not read), beside its own floor (a').
# Also the start-up floor (hvdiag --version). Prints wall times (median of RUNS), peak RSS (the
# largest over the runs), (b)/(a), (c)/(a'), the bytes each read (the floor's from the plan, hvdiag's
# from its own bytesRead, summed from one --format json run outside the timings) and the events.
# hvdiag reads the VMs on as many threads as there are cores (at most 4); the floor's cat/tail and grep run side by
# side (2 processes). The fleet is written, synced and read once before the timings, so both read
# from the page cache. Run it under the build lock, so no build skews the times:
#   flock /tmp/hvdiag-build.lock benchmarks/evidence-1k.sh [COUNT] [RUNS] [CURRENT,ROTATED]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
count=${1:-1000}
runs=${2:-3}
sizes=${3:-1.5M,1M}
since=2026-11-01
until=2026-12-01
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (tools/install-packages installs it)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$repo/hvdiag" --version >/dev/null   # builds the product if needed, outside the timings
/usr/bin/python3 "$repo/benchmarks/generate-vmx-fleet.py" "$work/fleet" "$count" --logs "$sizes" 2>"$work/generated"
sync
find "$work/fleet" -name 'vmware*.log' -print0 | xargs -0 cat >/dev/null   # into the page cache

# The floor, for one bound: plan (one find, sizes; newest first: vmware.log, vmware-0.log, -1, ...),
# then the bytes through one grep. Writes "BYTES MARKER_LINES" to $3.
cat >"$work/floor.sh" <<'SH'
set -euo pipefail
bound=$1; fleet=$2; out=$3; plan=$(mktemp -d)
trap 'rm -rf "$plan"' EXIT
markers='Log for VMware |USB: (Found|Connecting|Disconnecting) device|USBGL: Connect failed|Unexpected signal: |msg\.log\.error\.unrecoverable|msg\.moduletable\.powerOnFailed|VMX has left the building: |VMAutomation_InitiatePowerOff|Chipset: The guest has requested|Transitioned vmx/execState/val to suspended|WinBSOD: Synthetic MSR'
find "$fleet" -name 'vmware*.log' -printf '%h\t%f\t%s\n' \
  | awk -F'\t' -v OFS='\t' '{ r = ($2 == "vmware.log") ? -1 : substr($2, 8) + 0; print $1, r, $2, $3 }' \
  | LC_ALL=C sort -t "$(printf '\t')" -k1,1 -k2,2n \
  | awk -F'\t' -v b="$bound" -v whole="$plan/whole" -v cut="$plan/cut" -v bytes="$plan/bytes" '
      $1 != vm { vm = $1; left = b }
      left <= 0 { next }
      { path = $1 "/" $3
        if ($4 <= left) { print path > whole; left -= $4; total += $4 }
        else { printf "%d\t%s\n", left, path > cut; total += left; left = 0 } }
      END { printf "%.0f\n", total > bytes }'
touch "$plan/whole" "$plan/cut"
lines=$( {
    xargs -d '\n' -r cat <"$plan/whole"
    # cut files grouped by how much of each is read: one tail for all when the bound cuts every newest log
    LC_ALL=C sort -n "$plan/cut" | awk -F'\t' '{ print $1 }' | uniq | while read -r n; do
      awk -F'\t' -v n="$n" '$1 == n { print $2 }' "$plan/cut" | xargs -d '\n' -r tail -q -c "$n"
    done
  } | LC_ALL=C grep -E "$markers" | wc -l)
echo "$(cat "$plan/bytes") $lines" >"$out"
SH

measure() { # label, command... -> prints median seconds and max RSS (KiB) over $runs runs
  local label=$1; shift
  local times=() rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || {
      tail -n 20 "$work/stderr" >&2; echo "$label failed: $*" >&2; exit 2; }
    read -r t m < <(tail -n 1 "$work/time")
    times+=("$t"); [ "$m" -gt "$rss" ] && rss=$m
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-40s %8.2f s   peak RSS %6d MiB\n' "$label" "$median" $((rss / 1024))
  echo "$median" >"$work/$label.median"
  echo $((rss / 1024)) >"$work/$label.rss"
}

total=$(find "$work/fleet" -name 'vmware*.log' -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f", s }')
echo "hvdiag events on $count generated VMs ($(cat "$work/generated"))"
echo "logs: $total bytes ($(awk -v s="$total" 'BEGIN { printf "%.2f GiB", s / 2^30 }')); median of $runs runs, $(nproc) cores"
events=("$repo/hvdiag" events "$work/fleet" --since "$since" --until "$until")
measure startup-floor "$repo/hvdiag" --version
measure "(a) floor, 8 MiB a VM" bash "$work/floor.sh" 8388608 "$work/fleet" "$work/floor-8m"
measure "(b) hvdiag events, default 8MiB" "${events[@]}" --format csv
measure "(a') floor, 512 KiB a VM" bash "$work/floor.sh" 524288 "$work/fleet" "$work/floor-512k"
measure "(c) hvdiag events --log-bytes 512KiB" "${events[@]}" --format csv --log-bytes 512KiB
# Bytes and events as hvdiag reports them: one JSON run of each, outside the timings.
"${events[@]}" --format json -o "$work/events-8m.json" 2>/dev/null
"${events[@]}" --format json --log-bytes 512KiB -o "$work/events-512k.json" 2>/dev/null
/usr/bin/python3 - "$work" <<'PY'
import collections, json, os, sys
w = sys.argv[1]
def median(label):
    return float(open(os.path.join(w, label + ".median")).read())
def events(name):
    doc = json.load(open(os.path.join(w, name)))
    kinds = collections.Counter(e["kind"] for vm in doc["vms"] for e in vm["events"])
    return sum(vm["bytesRead"] for vm in doc["vms"]), kinds, sum(len(vm["notes"]) for vm in doc["vms"])
start = median("startup-floor")
for floor, run, fb, js in (("(a) floor, 8 MiB a VM", "(b) hvdiag events, default 8MiB", "floor-8m", "events-8m.json"),
                           ("(a') floor, 512 KiB a VM", "(c) hvdiag events --log-bytes 512KiB", "floor-512k", "events-512k.json")):
    a, b = median(floor), median(run)
    floor_bytes, floor_lines = (int(x) for x in open(os.path.join(w, fb)).read().split())
    read, kinds, notes = events(js)
    print(f"{run[:3]}/{floor[:4].strip()}: {b / a:.2f}  ({b:.2f} s against {a:.2f} s; {b - start:.2f} s above the start-up floor,"
          f" {read / max(b - start, 0.001) / 2**20:.0f} MiB/s)")
    print(f"    bytes read: floor {floor_bytes} ({floor_lines} marker lines), hvdiag {read}"
          f" ({'the same' if read == floor_bytes else f'{read - floor_bytes:+d}'});"
          f" events {sum(kinds.values())}: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) + f"; notes {notes}")
PY
