#!/usr/bin/env bash
# End-to-end benchmark of the Hyper-V connector against the loopback WinRM endpoint
# (tools/winrm-endpoint) playing a host with COUNT VMs (default 2,000) generated from
# examples/hyperv-lab, over HTTPS with Basic authentication, in one run:
#   capture: one inventory read by the connector against the endpoint started with --record gives
#       the round trips (recorded exchanges) and the request bodies the floor sends again;
#   (a) floor: the same WS-Management requests sent by curl to an endpoint without --record on the
#       same fleet. A shell's ShellId and CommandId are the server's, so the floor takes three curl
#       processes: Create; Command (with the new ShellId); the Receives, Signal and Delete with
#       --next over one kept-alive connection (with the new CommandId). Each is a TLS connection of
#       its own and the ids are filled in by bash in between: the floor pays two more connections
#       and process starts than the connector, which keeps one connection;
#   (b) the connector's Session.inventory() in one warm JVM (-Xmx256m) against that endpoint; peak
#       RSS of that JVM.
# After WARMUP reads of each (the endpoint's JIT warms up too), (a) and (b) alternate for RUNS
# reads each, so that drift on a shared machine hits both. Prints round trips and bytes of both,
# medians, (b)/(a) against the aim of 1.5.
# Usage: benchmarks/hyperv-2k.sh [COUNT] [RUNS] [WARMUP]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
count=${1:-2000}
runs=${2:-5}
warmup=${3:-3}
umask 077   # the curl configs below hold the password
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

m2="${MAVEN_REPO:-$HOME/.m2/repository}"
cp="$repo/bundles/org.hvdiag.core/target/classes:$repo/bundles/org.hvdiag.hyperv/target/classes"
for j in com/fasterxml/jackson/core/jackson-core/2.18.2/jackson-core-2.18.2.jar \
    com/fasterxml/jackson/core/jackson-databind/2.18.2/jackson-databind-2.18.2.jar \
    com/fasterxml/jackson/core/jackson-annotations/2.18.2/jackson-annotations-2.18.2.jar; do
  [ -f "$m2/$j" ] || { echo "missing $m2/$j (build the project once with tools/mvn)" >&2; exit 2; }
  cp="$cp:$m2/$j"
done
[ -d "$repo/bundles/org.hvdiag.hyperv/target/classes/org" ] || { echo "build first: flock /tmp/hvdiag-build.lock tools/mvn -o -q verify -pl target-platform,bundles/org.hvdiag.core,bundles/org.hvdiag.hyperv -DskipTests" >&2; exit 2; }
for tool in curl bc /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "hyperv-2k: $tool is needed (Debian packages curl, bc, time, python3)" >&2; exit 2; }
done
javac -d "$work/classes" -cp "$cp" "$repo/benchmarks/hyperv/InventoryFetch.java"

"$repo/tools/winrm-endpoint/run" generate --from "$repo/examples/hyperv-lab/host.json" --count "$count" --into "$work/host.json" >/dev/null
export HVDIAG_WINRM_PASSWORD="bench-$$" HVDIAG_PASSWORD="bench-$$"

# start_endpoint NAME [ARGS...]: sets url, hostport, thumbprint; the PEM is $work/NAME.pem.
start_endpoint() {
  local name=$1; shift
  "$repo/tools/winrm-endpoint/run" --fleet "$work/host.json" --port 0 --cert-out "$work/$name.pem" "$@" \
    >"$work/$name.out" 2>"$work/$name.err" &
  pids+=($!)
  for _ in $(seq 600); do grep -q '^thumbprint ' "$work/$name.out" 2>/dev/null && break; sleep 0.1; done
  grep -q '^thumbprint ' "$work/$name.out" || { cat "$work/$name.err" >&2; echo "hyperv-2k: the WinRM endpoint did not start" >&2; exit 2; }
  url=$(sed -n 's/^listening on //p' "$work/$name.out" | head -n 1); url=${url%/}
  hostport=${url#https://}; hostport=${hostport%/}
  thumbprint=$(sed -n 's/^thumbprint //p' "$work/$name.out" | head -n 1)
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# --- capture: one read, recorded --------------------------------------------------------------
start_endpoint capture --record "$work/record.jsonl"
echo read | java -Xmx256m -cp "$cp:$work/classes" InventoryFetch "winrm+https://Administrator@$hostport" "$thumbprint" >"$work/capture.txt"
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
read -r _ vms <"$work/capture.txt"
[ "$vms" = "$count" ] || { echo "hyperv-2k: the connector read $vms VMs, the host has $count" >&2; exit 1; }
capture_hp=$hostport

# --- the endpoint both (a) and (b) read, without recording ------------------------------------
start_endpoint timed
# Request templates: the capture's ShellId, CommandId and address replaced by placeholders.
python3 - "$work/record.jsonl" "$work/tpl" "$capture_hp" "$hostport" >"$work/capture-stats.txt" <<'PY'
import json, os, re, sys
rec = [json.loads(l) for l in open(sys.argv[1])]
out, old_hp, new_hp = sys.argv[2], sys.argv[3], sys.argv[4]
os.makedirs(out)
actions = [r["action"] for r in rec]
bad = [r for r in rec if r["status"] != 200]
if bad or actions[:2] != ["Create", "Command"] or actions[-2:] != ["Signal", "Delete"] or set(actions[2:-2]) != {"Receive"}:
    sys.exit("unexpected exchanges in one read: %s (non-200: %d)" % (actions, len(bad)))
shell = re.search(r"<rsp:ShellId>([^<]+)</rsp:ShellId>", rec[0]["response"]).group(1)
command = re.search(r"<rsp:CommandId>([^<]+)</rsp:CommandId>", rec[1]["response"]).group(1)
for i, r in enumerate(rec):
    body = r["request"].replace(shell, "@@SHELL@@").replace(command, "@@COMMAND@@").replace(old_hp, new_hp)
    open(os.path.join(out, "%02d-%s.xml" % (i, r["action"])), "w", encoding="utf-8").write(body)
up = sum(len(r["request"].encode()) for r in rec)
down = sum(len(r["response"].encode()) for r in rec)
print(len(rec), actions.count("Receive"), up, down)
PY
read -r trips receives conn_up conn_down <"$work/capture-stats.txt"

# curl: Basic authentication from a config file (not the command line), the endpoint's own
# certificate as the only authority, WinRM's content type; each transfer's body sizes and new connections.
printf 'user = "Administrator:%s"\n' "$HVDIAG_WINRM_PASSWORD" >"$work/auth.cfg"
common=(-sS --fail-with-body -K "$work/auth.cfg" --cacert "$work/timed.pem" -H 'Content-Type: application/soap+xml;charset=UTF-8')
wfmt='%{size_upload} %{size_download} %{num_connects}\n'
# The request bodies, read once; per run the ids are filled in with bash's own substitution (no
# process), and the files the third curl sends are written the same way.
tpls=("$work"/tpl/*.xml)
bodies=()
for f in "${tpls[@]}"; do IFS= read -r -d '' body <"$f" || true; bodies+=("$body"); done
: >"$work/rest.cfg"
for ((i = 2; i < ${#tpls[@]}; i++)); do
  [ "$i" -gt 2 ] && echo next >>"$work/rest.cfg"
  # --next starts afresh: each transfer carries the account, the authority and the header again.
  printf 'url = "%s/wsman"\nuser = "Administrator:%s"\ncacert = "%s"\nheader = "Content-Type: application/soap+xml;charset=UTF-8"\n' \
    "$url" "$HVDIAG_WINRM_PASSWORD" "$work/timed.pem" >>"$work/rest.cfg"
  printf 'data-binary = "@%s/now-%02d.xml"\noutput = "/dev/null"\nwrite-out = "%s"\nsilent\nshow-error\nfail-with-body\n' \
    "$work" "$i" "$wfmt" >>"$work/rest.cfg"
done
id_of() { # file element: the element's text, with bash's regex
  local text
  IFS= read -r -d '' text <"$1" || true
  [[ $text =~ \<rsp:$2\>([^<]+)\</rsp:$2\> ]] || { echo "hyperv-2k: no $2 in $(head -c 600 "$1")" >&2; return 1; }
  REPLY=${BASH_REMATCH[1]}
}
floor_once() { # $1: file for the sizes
  local shell command b i
  printf '%s' "${bodies[0]}" >"$work/now-00.xml"
  curl "${common[@]}" -w "$wfmt" --data-binary @"$work/now-00.xml" -o "$work/create.out" "$url/wsman" >"$1"
  id_of "$work/create.out" ShellId; shell=$REPLY
  b=${bodies[1]}; printf '%s' "${b//@@SHELL@@/$shell}" >"$work/now-01.xml"
  curl "${common[@]}" -w "$wfmt" --data-binary @"$work/now-01.xml" -o "$work/command.out" "$url/wsman" >>"$1"
  id_of "$work/command.out" CommandId; command=$REPLY
  for ((i = 2; i < ${#bodies[@]}; i++)); do
    b=${bodies[i]//@@SHELL@@/$shell}; printf '%s' "${b//@@COMMAND@@/$command}" >"$(printf '%s/now-%02d.xml' "$work" "$i")"
  done
  curl -K "$work/rest.cfg" >>"$1"
}

# --- (a) and (b), alternating -------------------------------------------------------------------
coproc FETCH { /usr/bin/time -f "%M" -o "$work/fetch.rss" java -Xmx256m -cp "$cp:$work/classes" InventoryFetch \
  "winrm+https://Administrator@$hostport" "$thumbprint" 2>"$work/fetch.err"; }
pids+=("$FETCH_PID")
fetch_once() { # sets REPLY to the read's seconds
  local secs n
  echo read >&"${FETCH[1]}"
  read -r secs n <&"${FETCH[0]}" || { cat "$work/fetch.err" >&2; echo "hyperv-2k: the connector's JVM failed" >&2; exit 1; }
  [ "$n" = "$count" ] || { echo "hyperv-2k: the connector read $n VMs, the host has $count" >&2; exit 1; }
  REPLY=$secs
}
for w in $(seq "$warmup"); do floor_once "$work/floor-warm-$w.txt"; fetch_once; done
floor_times=(); fetch_times=()
for r in $(seq "$runs"); do
  s=$(date +%s.%N); floor_once "$work/floor-$r.txt"; e=$(date +%s.%N)
  floor_times+=("$(echo "$e - $s" | bc | sed 's/^\./0./')")
  fetch_once; fetch_times+=("$REPLY")
done
# What one more curl process costs the floor: its start, a TLS connection, one small exchange (a 404).
start_times=()
for r in $(seq "$runs"); do
  s=$(date +%s.%N); curl -s --cacert "$work/timed.pem" -o /dev/null "$url/not-wsman"; e=$(date +%s.%N)
  start_times+=("$(echo "$e - $s" | bc | sed 's/^\./0./')")
done
exec {FETCH[1]}>&-
wait "$FETCH_PID" || true
floor=$(median "${floor_times[@]}")
fetch=$(median "${fetch_times[@]}")
rss=$(( $(tail -n 1 "$work/fetch.rss") / 1024 ))
read -r floor_trips floor_up floor_down floor_conns < <(awk '{n++; u+=$1; d+=$2; c+=$3} END {print n, u, d, c}' "$work/floor-$runs.txt")
[ "$floor_trips" = "$trips" ] || { echo "hyperv-2k: the floor made $floor_trips exchanges, the connector $trips" >&2; exit 1; }

echo "Hyper-V connector against the loopback WinRM endpoint (HTTPS, Basic): $count VMs, median of $runs runs after $warmup warm-up, $(nproc) cores"
printf '(a) floor, curl: %d round trips (Create, Command, %d Receive, Signal, Delete), %d B up, %d B down, %d TLS connections   %6.3f s  (runs: %s)\n' \
  "$floor_trips" "$receives" "$floor_up" "$floor_down" "$floor_conns" "$floor" "${floor_times[*]}"
printf '(b) connector inventory, warm JVM: %d round trips, %d B up, %d B down (recorded), %d VMs   %6.3f s  (runs: %s)\n' \
  "$trips" "$conn_up" "$conn_down" "$count" "$fetch" "${fetch_times[*]}"
extra=$(median "${start_times[@]}")
printf '    one more curl process with its TLS connection and a small request: %.3f s (the floor has two more than the connector)\n' "$extra"
printf '(b)/(a) = %.2f (aim: at most 1.5); against (a) less those two: %.2f; peak RSS of (b) %d MiB (-Xmx256m)\n' \
  "$(echo "$fetch / $floor" | bc -l)" "$(echo "$fetch / ($floor - 2 * $extra)" | bc -l)" "$rss"
