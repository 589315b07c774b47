#!/usr/bin/env bash
# Checks the endpoint's faults and Hyper-V rules with pywinrm's protocol layer: w:TimedOut while a
# command runs past OperationTimeout, an unknown ShellId, an unknown action, an account denied
# access, a change refused on a running VM (with the change before it kept), and the fleet file
# after SIGKILL and restart. Prints "winrm smoke: N passed, M failed".
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$work"; }
trap cleanup EXIT
HVDIAG_WINRM_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"; export HVDIAG_WINRM_PASSWORD
cp "$repo/examples/hyperv-lab/host.json" "$work/host.json"
start() { # start NAME OPTIONS...: sets $port
  local name="$1"; shift
  "$here/run" --fleet "$work/host.json" --port 0 --cert-out "$work/$name.pem" "$@" >"$work/$name.out" 2>"$work/$name.err" &
  pids+=($!); last_pid=$!
  for _ in $(seq 1 600); do grep -q '^thumbprint ' "$work/$name.out" 2>/dev/null && break; sleep 0.2; done
  port="$(sed -n 's#^listening on https://127\.0\.0\.1:\([0-9]*\)/$#\1#p' "$work/$name.out")"
}
start slow --command-delay 3000 --denied-user guest
slow_port=$port
start main
main_pid=$last_pid
/usr/bin/python3 - "$slow_port" "$port" "$work" "$repo" > "$work/py.out" 2>&1 <<'PY'
import base64, json, os, sys, winrm
from winrm.exceptions import WinRMError, WinRMOperationTimeoutError
slow, main, work, repo = sys.argv[1:5]
pw = os.environ["HVDIAG_WINRM_PASSWORD"]
res = {"passed": 0, "failed": 0}
def check(name, ok, detail=""):
    res["passed" if ok else "failed"] += 1
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else "\n     " + str(detail)[:2000]))
def proto(port, user="Administrator", timeout=20):
    pem = work + ("/slow.pem" if port == slow else "/main.pem")
    return winrm.protocol.Protocol("https://127.0.0.1:%s/wsman" % port, transport="basic", username=user, password=pw,
                                   ca_trust_path=pem, operation_timeout_sec=timeout, read_timeout_sec=timeout + 10)
# w:TimedOut: output ready after 3 s, OperationTimeout 1 s.
p = proto(slow, timeout=1)
sh = p.open_shell(); cid = p.run_command(sh, "hostname")
try:
    p._raw_get_command_output(sh, cid); check("Receive before the output is ready: w:TimedOut", False, "no fault")
except WinRMOperationTimeoutError:
    check("Receive before the output is ready: w:TimedOut (2150858793)", True)
out, err, rc = p.get_command_output(sh, cid)
check("Receive retried until done", rc == 0 and out.strip() == b"HV-LAB-01", (out, err, rc))
p.cleanup_command(sh, cid); p.close_shell(sh)
# unknown ShellId
p = proto(main)
try:
    p.run_command("11111111-2222-3333-4444-555555555555", "hostname"); check("unknown ShellId faults", False, "no fault")
except WinRMError as e:
    check("unknown ShellId: w:InvalidSelectors 2150858843", "2150858843" in str(e) and "InvalidSelectors" in str(e), e)
# unknown action
env = p._get_soap_header(action="http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate",
                         resource_uri="http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd")
import xmltodict
try:
    p.send_message(xmltodict.unparse({"env:Envelope": dict(env, **{"env:Body": {}})})); check("unknown action faults", False, "")
except WinRMError as e:
    check("unknown action: a:ActionNotSupported 2150858771", "ActionNotSupported" in str(e) and "2150858771" in str(e), e)
# access denied
try:
    proto(slow, user="guest").open_shell(); check("denied account faults", False, "")
except WinRMError as e:
    check("denied account: w:AccessDenied", "AccessDenied" in str(e) and "Access is denied" in str(e), e)
# change refused on a running VM after one change that works while running
lab = json.load(open(work + "/host.json"))
vm = next(v for v in lab["VMs"] if v["Name"] == "sql-reporting")
plan = {"VmId": vm["Id"], "Changes": [{"Kind": "AutomaticStopAction", "Value": "ShutDown"}, {"Kind": "ProcessorCount", "Value": 2}]}
res_dir = repo + "/bundles/org.hvdiag.hyperv/src/main/resources/org/hvdiag/hyperv/internal/"
script = open(res_dir + "vm-json.ps1").read() + open(res_dir + "change.ps1").read().replace(
    "HVDIAG_PLAN_BASE64", base64.b64encode(json.dumps(plan).encode()).decode())
cmd = "powershell.exe -NoProfile -NonInteractive -EncodedCommand " + base64.b64encode(script.encode("utf_16_le")).decode()
sh = p.open_shell(); cid = p.run_command(sh, cmd, skip_cmd_shell=True)
out, err, rc = p.get_command_output(sh, cid); p.cleanup_command(sh, cid); p.close_shell(sh)
after = next(v for v in json.load(open(work + "/host.json"))["VMs"] if v["Id"] == vm["Id"])
check("Set-VMProcessor on a running VM refused, exit 1", rc == 1 and b"Set-VMProcessor : The operation cannot be performed while the virtual machine is in its current state." in err, (rc, err))
check("the change before the refusal stays applied (file)", after["AutomaticStopAction"] == "ShutDown" and after["ProcessorCount"] == vm["ProcessorCount"], after)
# an off VM: version raised to the host default, then SIGKILL
vm = next(v for v in lab["VMs"] if v["Name"] == "file-server-01")
plan = {"VmId": vm["Id"], "Changes": [{"Kind": "UpdateVersion"}, {"Kind": "ProcessorCount", "Value": 2}]}
script = open(res_dir + "vm-json.ps1").read() + open(res_dir + "change.ps1").read().replace(
    "HVDIAG_PLAN_BASE64", base64.b64encode(json.dumps(plan).encode()).decode())
cmd = "powershell.exe -NoProfile -NonInteractive -EncodedCommand " + base64.b64encode(script.encode("utf_16_le")).decode()
sh = p.open_shell(); cid = p.run_command(sh, cmd, skip_cmd_shell=True)
out, err, rc = p.get_command_output(sh, cid)
got = json.loads(out.decode()) if rc == 0 else {}
check("Update-VMVersion and Set-VMProcessor on an off VM", got.get("Version") == "10.0" and got.get("ProcessorCount") == 2, (rc, out, err))
open(work + "/changed-id", "w").write(vm["Id"])
print("RESULT %d %d" % (res["passed"], res["failed"]))
PY
cat "$work/py.out" | grep -v '^RESULT'
read -r _ passed failed < <(grep '^RESULT' "$work/py.out" || echo "RESULT 0 1")
kill -9 "$main_pid"; wait "$main_pid" 2>/dev/null
start restarted
id="$(cat "$work/changed-id" 2>/dev/null)"
if /usr/bin/python3 -c 'import json,sys; v=[v for v in json.load(open(sys.argv[1]))["VMs"] if v["Id"]==sys.argv[2]][0]; sys.exit(0 if v["Version"]=="10.0" and v["ProcessorCount"]==2 else 1)' "$work/host.json" "$id" && [ -n "$port" ]; then
  passed=$((passed + 1)); echo "ok   after SIGKILL and restart the fleet file holds the applied change"
else
  failed=$((failed + 1)); echo "FAIL after SIGKILL and restart the fleet file holds the applied change"
fi
echo "winrm smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
