#!/usr/bin/env bash
# End-to-end benchmark of the vSphere connector against the simulator harness serving COUNT VMs
# (default 10,000), in one run:
#   (a) floor: the same requests the connector sends (ContainerView, RetrievePropertiesEx with the
#       same property paths and page size, ContinueRetrievePropertiesEx until the last page), sent
#       with curl and the responses read: what the server and the wire cost without any client;
#   (b) the connector's fetch and mapping inside a warm JVM (Session.inventory());
#   (c) `hvdiag audit vsphere://...` end to end with the launcher's default JVM settings (its
#       HVDIAG_JAVA_OPTS default), beside the JVM start-up floor with the same settings.
# Prints medians of RUNS runs, (b)/(a), (c)/(a) and peak RSS against the aims of issue 12
# ((b) within 1.1 x (a), (c) within 1.4 x (a), (c) at most 300 MiB).
# Usage: benchmarks/vsphere-10k.sh [COUNT] [RUNS]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
count=${1:-10000}
runs=${2:-3}
work=$(mktemp -d)
harness_pid=""
cleanup() { [ -n "$harness_pid" ] && kill "$harness_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$repo/hvdiag" --version >/dev/null   # builds the product if needed, outside the timings
bin=$("$repo/tools/vcsim-harness/build.sh")
export VCSIM_PASSWORD="bench-$$" HVDIAG_PASSWORD="bench-$$"
"$bin" -vms "$count" -user bench >"$work/harness.out" 2>"$work/harness.err" &
harness_pid=$!
for _ in $(seq 600); do grep -q '^ready' "$work/harness.out" 2>/dev/null && break; sleep 0.1; done
grep -q '^ready' "$work/harness.out" || { cat "$work/harness.err" >&2; echo "harness did not start" >&2; exit 2; }
sdk=$(sed -n 's/^url //p' "$work/harness.out")
thumb=$(sed -n 's/^thumbprint //p' "$work/harness.out")
hostport=${sdk#https://}; hostport=${hostport%/sdk}
target="vsphere://bench@$hostport"

# --- (a) the floor: the connector's requests, sent with curl -------------------------------------
soap() { # body -> response on stdout
  curl -sk -b "$work/cookies" -c "$work/cookies" -H 'Content-Type: text/xml; charset=utf-8' \
    -H 'SOAPAction: urn:vim25/6.0' --data-binary @- "$sdk" <<XML
<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>$1</soapenv:Body></soapenv:Envelope>
XML
}
soap "<Login xmlns=\"urn:vim25\"><_this type=\"SessionManager\">SessionManager</_this><userName>bench</userName><password>$VCSIM_PASSWORD</password></Login>" >/dev/null
paths() { for p in "$@"; do printf '<pathSet>%s</pathSet>' "$p"; done; }
vm_paths=$(paths name config.version config.guestId config.firmware config.hardware.numCPU config.hardware.memoryMB \
  config.hardware.device config.cpuHotAddEnabled config.memoryHotAddEnabled config.extraConfig \
  config.tools.toolsUpgradePolicy config.defaultPowerOps.powerOffType guest.toolsStatus guest.toolsVersion \
  runtime.powerState runtime.host)
host_paths=$(paths name summary.hardware.numCpuPkgs summary.hardware.numCpuCores summary.hardware.numCpuThreads \
  summary.hardware.memorySize summary.config.product.version)
read_all() { # type pathSet-xml
  local view token resp
  view=$(soap "<CreateContainerView xmlns=\"urn:vim25\"><_this type=\"ViewManager\">ViewManager</_this><container type=\"Folder\">group-d1</container><type>$1</type><recursive>true</recursive></CreateContainerView>" \
    | sed -n 's:.*<returnval type="ContainerView">\([^<]*\)</returnval>.*:\1:p')
  resp=$(soap "<RetrievePropertiesEx xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">propertyCollector</_this><specSet><propSet><type>$1</type><all>false</all>$2</propSet><objectSet><obj type=\"ContainerView\">$view</obj><skip>true</skip><selectSet xsi:type=\"TraversalSpec\"><name>view</name><type>ContainerView</type><path>view</path><skip>false</skip></selectSet></objectSet></specSet><options><maxObjects>1000</maxObjects></options></RetrievePropertiesEx>" \
    | tee -a "$work/floor.xml" | grep -o '<token>[^<]*</token>' || true)
  token=$(echo "$resp" | sed 's:</*token>::g')
  while [ -n "$token" ]; do
    token=$(soap "<ContinueRetrievePropertiesEx xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">propertyCollector</_this><token>$token</token></ContinueRetrievePropertiesEx>" \
      | tee -a "$work/floor.xml" | grep -o '<token>[^<]*</token>' | sed 's:</*token>::g' || true)
  done
  soap "<DestroyView xmlns=\"urn:vim25\"><_this type=\"ContainerView\">$view</_this></DestroyView>" >/dev/null
}
floor_once() { : >"$work/floor.xml"; read_all HostSystem "$host_paths"; read_all VirtualMachine "$vm_paths"; }
floor_once   # warm-up
floor_times=()
for _ in $(seq "$runs"); do
  s=$(date +%s.%N); floor_once; e=$(date +%s.%N)
  floor_times+=("$(echo "$e - $s" | bc)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
floor=$(median "${floor_times[@]}")
vms_in_floor=$(grep -o '<obj type="VirtualMachine">' "$work/floor.xml" | wc -l)
floor_mib=$(( $(stat -c %s "$work/floor.xml") / 1048576 ))

# --- (b) the connector in a warm JVM -----------------------------------------------------------
m2="${MAVEN_REPO:-$HOME/.m2/repository}"
cp="$repo/bundles/org.hvdiag.core/target/classes:$repo/bundles/org.hvdiag.esxi/target/classes"
for j in com/toastcoders/yavijava/6.0.05/yavijava-6.0.05.jar org/dom4j/dom4j/2.1.4/dom4j-2.1.4.jar \
    javax/xml/bind/jaxb-api/2.3.1/jaxb-api-2.3.1.jar com/sun/activation/javax.activation/1.2.0/javax.activation-1.2.0.jar \
    ch/qos/reload4j/reload4j/1.2.26/reload4j-1.2.26.jar com/fasterxml/jackson/core/jackson-core/2.18.2/jackson-core-2.18.2.jar \
    com/fasterxml/jackson/core/jackson-databind/2.18.2/jackson-databind-2.18.2.jar \
    com/fasterxml/jackson/core/jackson-annotations/2.18.2/jackson-annotations-2.18.2.jar; do
  cp="$cp:$m2/$j"
done
javac -d "$work/classes" -cp "$cp" "$repo/benchmarks/vsphere/InventoryFetch.java"
/usr/bin/time -f "%M" -o "$work/fetch.rss" java -Xmx512m -cp "$cp:$work/classes" InventoryFetch "$target" "$thumb" "$runs" >"$work/fetch.out"
read -r fetch fetch_vms <"$work/fetch.out"

# --- (c) hvdiag audit end to end, and the start-up floor ----------------------------------------
unset HVDIAG_JAVA_OPTS   # (c) and the floor run with the launcher's defaults
launcher_opts=$(sed -n 's/^default_java_opts="\(.*\)"$/\1/p' "$repo/hvdiag")
measure() { # command... -> "median max_rss_mib"
  local times=() rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || true
    read -r t m < <(tail -n 1 "$work/time")
    times+=("$t"); [ "$m" -gt "$rss" ] && rss=$m
  done
  echo "$(median "${times[@]}") $((rss / 1024))"
}
read -r startup startup_rss < <(measure "$repo/hvdiag" --version)
read -r audit audit_rss < <(measure "$repo/hvdiag" audit "$target" --thumbprint "$thumb" --format json --output "$work/report.json")
findings=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(r['summary']['vms'], r['summary']['findings'])" "$work/report.json")

echo "vSphere connector against the simulator harness: $count VMs, median of $runs runs, $(nproc) cores"
printf '(a) floor: same requests with curl        %6.2f s   (%d VMs, %d MiB of SOAP)\n' "$floor" "$vms_in_floor" "$floor_mib"
printf '(b) connector fetch + mapping, warm JVM    %6.2f s   (%d VMs, -Xmx512m, peak RSS %d MiB)\n' "$fetch" "$fetch_vms" $(( $(tail -n1 "$work/fetch.rss") / 1024 ))
printf '(c) hvdiag audit vsphere://, end to end    %6.2f s   (launcher defaults, peak RSS %d MiB; VMs, findings: %s)\n' "$audit" "$audit_rss" "$findings"
printf '    JVM start-up floor (hvdiag --version)  %6.2f s   (peak RSS %d MiB)\n' "$startup" "$startup_rss"
printf '    launcher defaults: %s\n' "$launcher_opts"
printf '(b)/(a) = %.2f (aim: within 1.1); (c)/(a) = %.2f (aim: within 1.4); (c) peak RSS %d MiB (aim: at most 300); (c) - start-up floor = %.2f s\n' \
  "$(echo "$fetch / $floor" | bc -l)" "$(echo "$audit / $floor" | bc -l)" "$audit_rss" "$(echo "$audit - $startup" | bc -l)"
