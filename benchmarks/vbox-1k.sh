#!/usr/bin/env bash
# End-to-end benchmark of the VirtualBox connector against the loopback vboxwebsrv endpoint serving
# COUNT VMs (default 1,000) generated from examples/vbox-lab, in one run:
#   (a) floor: the requests one inventory read makes, recorded by the endpoint and sent again one
#       after another by a single curl process (--next between them) over keep-alive connections
#       (the endpoint, like vboxwebsrv, closes one after 100 requests; curl then opens the next);
#   (b) the connector's Session.inventory() in a warm JVM (-Xmx128m), which reads several VMs at once
#       over several keep-alive connections; peak RSS of that JVM.
# Prints calls per read, medians of RUNS runs, (b)/(a) (aim: at most 0.5) and peak RSS (aim: at
# most 256 MiB). Usage: benchmarks/vbox-1k.sh [COUNT] [RUNS]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
count=${1:-1000}
runs=${2:-5}
work=$(mktemp -d)
endpoint_pid=""
cleanup() { [ -n "$endpoint_pid" ] && kill "$endpoint_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$repo/tools/vboxweb-endpoint/run" generate --from "$repo/examples/vbox-lab" --count "$count" --into "$work/fleet" >/dev/null
export HVDIAG_VBOXWEB_PASSWORD="bench-$$" HVDIAG_PASSWORD="bench-$$"
"$repo/tools/vboxweb-endpoint/run" --fleet "$work/fleet" --port 0 --version 7.0.14 --user bench \
  --record "$work/record.jsonl" >"$work/endpoint.out" 2>"$work/endpoint.err" &
endpoint_pid=$!
for _ in $(seq 600); do grep -q '^listening on' "$work/endpoint.out" 2>/dev/null && break; sleep 0.1; done
grep -q '^listening on' "$work/endpoint.out" || { cat "$work/endpoint.err" >&2; echo "endpoint did not start" >&2; exit 2; }
url=$(sed -n 's/^listening on //p' "$work/endpoint.out" | head -n 1)
hostport=${url#http://}; hostport=${hostport%/}
target="vbox://bench@$hostport"

# --- the connector's classes ---------------------------------------------------------------------
m2="${MAVEN_REPO:-$HOME/.m2/repository}"
cp="$repo/bundles/org.hvdiag.core/target/classes:$repo/bundles/org.hvdiag.virtualbox/target/classes"
for j in com/fasterxml/jackson/core/jackson-core/2.18.2/jackson-core-2.18.2.jar \
    com/fasterxml/jackson/core/jackson-databind/2.18.2/jackson-databind-2.18.2.jar \
    com/fasterxml/jackson/core/jackson-annotations/2.18.2/jackson-annotations-2.18.2.jar; do
  cp="$cp:$m2/$j"
done
[ -d "$repo/bundles/org.hvdiag.virtualbox/target/classes/org" ] || { echo "build first: tools/mvn -o -q verify -pl target-platform,bundles/org.hvdiag.core,bundles/org.hvdiag.virtualbox" >&2; exit 2; }
javac -d "$work/classes" -cp "$cp" "$repo/benchmarks/virtualbox/InventoryFetch.java"

# --- (a) the floor: one read's requests, replayed by one curl over one connection ---------------
# A first JVM reads once and exits without logging off, so the references in its requests stay valid.
java -Xmx128m -cp "$cp:$work/classes" InventoryFetch "$target" 0 keep >"$work/capture.out"
read -r _ vms calls <"$work/capture.out"
python3 - "$work/record.jsonl" "$work/replay" "$url" <<'PY'
import json, os, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
os.makedirs(sys.argv[2])
# Skip the logon and the two version calls: the timed reads in (b) start after them too.
reqs = [l["request"] for l in lines if l["operation"] not in ("IWebsessionManager_logon", "IVirtualBox_getAPIVersion", "IVirtualBox_getVersion")]
with open(os.path.join(sys.argv[2], "curl.cfg"), "w") as cfg:
    for i, r in enumerate(reqs):
        p = os.path.join(sys.argv[2], "%06d.xml" % i)
        open(p, "w").write(r)
        if i:
            cfg.write("next\n")
        cfg.write('url = "%s"\nheader = "Content-Type: text/xml; charset=utf-8"\nheader = "SOAPAction: \\"\\""\n'
                  'data-binary = "@%s"\noutput = "/dev/null"\nsilent\n' % (sys.argv[3], p))
print(len(reqs))
PY
floor_calls=$(ls "$work/replay"/*.xml | wc -l)
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
curl -K "$work/replay/curl.cfg" >/dev/null   # warm-up
floor_times=()
for _ in $(seq "$runs"); do
  s=$(date +%s.%N); curl -K "$work/replay/curl.cfg" >/dev/null; e=$(date +%s.%N)
  floor_times+=("$(echo "$e - $s" | bc)")
done
floor=$(median "${floor_times[@]}")
faults=$(tail -n "$floor_calls" "$work/record.jsonl" | grep -c '"status": *500' || true)

# --- (b) the connector in a warm JVM -----------------------------------------------------------
/usr/bin/time -f "%M" -o "$work/fetch.rss" java -Xmx128m -cp "$cp:$work/classes" InventoryFetch "$target" "$runs" >"$work/fetch.out"
read -r fetch fetch_vms fetch_calls <"$work/fetch.out"
rss=$(( $(tail -n 1 "$work/fetch.rss") / 1024 ))

echo "VirtualBox connector against the loopback vboxwebsrv endpoint: $count VMs, median of $runs runs, $(nproc) cores"
printf '(a) floor: %d calls in order, one curl, keep-alive       %6.2f s   (%s of them faults in the last replay)\n' "$floor_calls" "$floor" "$faults"
printf '(b) connector inventory, warm JVM: %d calls, %d VMs          %6.2f s   (-Xmx128m, peak RSS %d MiB)\n' "$fetch_calls" "$fetch_vms" "$fetch" "$rss"
printf '(b)/(a) = %.2f (aim: at most 0.5); peak RSS %d MiB (aim: at most 256)\n' "$(echo "$fetch / $floor" | bc -l)" "$rss"
