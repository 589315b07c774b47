#!/usr/bin/env bash
# Proves the loopback WinRM endpoint speaks real WS-Management: two independent clients from Debian
# drive it over HTTPS with Basic and with NTLM authentication, python3-winrm (pywinrm, whose NTLM is
# requests-ntlm / ntlm-auth, with channel bindings and MIC) and the Go package github.com/masterzen/winrm
# (golang-github-masterzen-winrm-dev, the client Packer and Terraform use; its NTLM is Azure/go-ntlmssp).
# Both verify the endpoint's TLS certificate against the PEM it writes (--cert-out), so no check is
# switched off; pinning by thumbprint and certificate errors of hvdiag's own client are tested elsewhere.
# Prints "winrm interop: N passed, M failed"; exits 1 when any check failed.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
scripts="$repo/bundles/org.hvdiag.hyperv/src/main/resources/org/hvdiag/hyperv/internal"
py=/usr/bin/python3   # Debian's, where python3-winrm is installed (not a pyenv or venv python)
work="$(mktemp -d)"
endpoint_pid=""
cleanup() {
  [ -n "$endpoint_pid" ] && kill "$endpoint_pid" 2>/dev/null && wait "$endpoint_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

passed=0; failed=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/     /'; }
# check NAME OUTPUT PATTERN...: every grep -E pattern must match somewhere in OUTPUT.
check() {
  local name="$1" out="$2"; shift 2
  for p in "$@"; do
    # grep without -q reads all its input: with -q and pipefail, printf may die of SIGPIPE.
    if ! printf '%s\n' "$out" | grep -E -- "$p" >/dev/null; then fail "$name (no match for: $p)" "${out:0:3000}"; return; fi
  done
  pass "$name"
}

"$py" -c 'import winrm' 2>/dev/null || { echo "interop.sh: python3-winrm missing (tools/debian-packages.txt)" >&2; exit 2; }
gobin="$("$here/interop-go/build.sh")" || { echo "interop.sh: cannot build the Go client (tools/debian-packages.txt)" >&2; exit 2; }

cp "$repo/examples/hyperv-lab/host.json" "$work/host.json"
cat "$scripts/vm-json.ps1" "$scripts/inventory.ps1" > "$work/inventory.ps1"
# A password made for this run: it is in no file, log or recording.
HVDIAG_WINRM_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
export HVDIAG_WINRM_PASSWORD
"$here/run" --fleet "$work/host.json" --port 0 --user Administrator --cert-out "$work/cert.pem" \
  --record "$work/exchanges.jsonl" >"$work/stdout" 2>"$work/stderr" &
endpoint_pid=$!
for _ in $(seq 1 600); do
  grep -q '^thumbprint ' "$work/stdout" 2>/dev/null && break
  kill -0 "$endpoint_pid" 2>/dev/null || break
  sleep 0.2
done
port="$(sed -n 's#^listening on https://127\.0\.0\.1:\([0-9]*\)/$#\1#p' "$work/stdout")"
if [ -z "$port" ]; then
  echo "interop.sh: the endpoint did not start:"; cat "$work/stderr"; echo "winrm interop: 0 passed, 1 failed"; exit 1
fi
url="https://127.0.0.1:$port/wsman"

# ---- pywinrm -------------------------------------------------------------------------------
pyrun() { "$py" - "$url" "$work" "$@" <<'PY'
import base64, json, sys, winrm
from winrm.exceptions import InvalidCredentialsError
url, work, what = sys.argv[1], sys.argv[2], sys.argv[3]
import os
password = os.environ["HVDIAG_WINRM_PASSWORD"]
def session(pw=password, transport="basic", user="Administrator"):
    return winrm.Session(url, auth=(user, pw), transport=transport,
                         server_cert_validation="validate", ca_trust_path=work + "/cert.pem")
def show(r):
    print("exit=%d" % r.status_code); print("--stdout--"); print(r.std_out.decode()); print("--stderr--"); print(r.std_err.decode())
def encoded(path):
    return base64.b64encode(open(path).read().encode("utf_16_le")).decode("ascii")
def run_low(command, skip):
    # The shell protocol step by step, as run_cmd does, but with WINRS_SKIP_CMD_SHELL chosen.
    p = session().protocol
    shell = p.open_shell()
    cid = p.run_command(shell, command, skip_cmd_shell=skip)
    out, err, rc = p.get_command_output(shell, cid)
    p.cleanup_command(shell, cid); p.close_shell(shell)
    return winrm.Response((out, err, rc))
if what == "cmd":
    show(session().run_cmd(" ".join(sys.argv[4:])))
elif what == "inventory-via-cmd":
    # Exactly run_ps's command line (powershell -encodedcommand B64) through cmd.exe, as run_ps sends it.
    show(run_low("powershell -encodedcommand " + encoded(work + "/inventory.ps1"), False))
elif what == "inventory":
    # The same command line without cmd.exe (WINRS_SKIP_CMD_SHELL), as hvdiag's connector sends it.
    r = run_low("powershell -encodedcommand " + encoded(work + "/inventory.ps1"), True)
    show(r)
    lab = json.load(open(work + "/host.json"))
    got = json.loads(r.std_out.decode())
    want = sorted((v["Id"], v["Name"]) for v in lab["VMs"])
    have = sorted((v["Id"], v["Name"]) for v in got["VMs"])
    print("lab-vms-listed" if want == have and got["Host"]["ComputerName"] == lab["Host"]["ComputerName"] else "lab-vms-DIFFER")
elif what == "run_ps-short":
    # run_ps itself, with a script short enough for cmd.exe; stderr stays empty only on success,
    # since pywinrm 0.3.0's run_ps fails on Python 3 when there is stderr (its issue 285).
    script = "# hvdiag inventory v1\n"
    try:
        show(session().run_ps(script))
    except TypeError as e:
        print("run_ps could not clean stderr (pywinrm issue 285):", e)
    show(run_low("powershell -encodedcommand " + base64.b64encode(script.encode("utf_16_le")).decode(), False))
elif what == "change":
    lab = json.load(open(work + "/host.json"))
    vm = next(v for v in lab["VMs"] if v["Name"] == "sql-reporting")
    plan = json.dumps({"VmId": vm["Id"], "Changes": [{"Kind": "AutomaticStopAction", "Value": "ShutDown"}]})
    script = open(work + "/inventory.ps1").read().split("# hvdiag inventory v1")[0]
    script += open(sys.argv[4]).read().replace("HVDIAG_PLAN_BASE64", base64.b64encode(plan.encode()).decode())
    r = run_low("powershell -encodedcommand " + base64.b64encode(script.encode("utf_16_le")).decode(), True)
    show(r)
    after = next(v for v in json.load(open(work + "/host.json"))["VMs"] if v["Id"] == vm["Id"])
    print("file-has=" + after["AutomaticStopAction"])
elif what == "evidence":
    # evidence.ps1 alone, its query as base64 JSON: the lab's VMs on 26 November 2026.
    lab = json.load(open(work + "/host.json"))
    query = json.dumps({"VmIds": [v["Id"] for v in lab["VMs"]], "StartTime": "2026-11-26T00:00:00Z",
                        "EndTime": "2026-11-27T00:00:00Z", "LogNames": ["Microsoft-Windows-Hyper-V-Worker-Admin",
                        "Microsoft-Windows-Hyper-V-VMMS-Admin"], "Ids": [18500, 18502, 18590], "MaxEvents": 10000,
                        "MaxBytesPerVm": 8388608})
    script = open(sys.argv[4]).read().replace("HVDIAG_QUERY_BASE64", base64.b64encode(query.encode()).decode())
    r = run_low("powershell -encodedcommand " + base64.b64encode(script.encode("utf_16_le")).decode(), True)
    show(r)
    got = json.loads(r.std_out.decode())
    print("ids=" + ",".join(str(e["Id"]) for e in got["Events"]))
elif what == "wrong-password":
    try:
        session("not-" + password).run_cmd("hostname")
        print("accepted a wrong password")
    except InvalidCredentialsError as e:
        print("InvalidCredentialsError:", e)
elif what == "ntlm":
    # NTLM over HTTPS: no message encryption (TLS protects them), channel bindings of the certificate.
    user = sys.argv[4]
    show(session(transport="ntlm", user=user).run_cmd("hostname"))
elif what == "ntlm-wrong-password":
    try:
        session("not-" + password, transport="ntlm", user="HV-LAB-01\\Administrator").run_cmd("hostname")
        print("accepted a wrong password")
    except InvalidCredentialsError as e:
        print("InvalidCredentialsError:", e)
PY
}
check "pywinrm: hostname" "$(pyrun cmd hostname)" '^exit=0$' '^HV-LAB-01'
check "pywinrm: cmd /c echo hello" "$(pyrun cmd cmd /c echo hello)" '^exit=0$' '^hello'
check "pywinrm: unknown command" "$(pyrun cmd frobnicate --now)" '^exit=1$' "'frobnicate' is not recognized as an internal or external command"
check "pywinrm: inventory script (powershell -encodedcommand, no cmd.exe) lists the lab's VMs" "$(pyrun inventory)" \
  '^exit=0$' '^lab-vms-listed$' 'Stop-Computer'
check "pywinrm: run_ps's exact command through cmd.exe is over cmd.exe's 8191 characters" "$(pyrun inventory-via-cmd)" \
  '^exit=1$' 'The command line is too long'
check "pywinrm: run_ps of a script without vm-json.ps1" "$(pyrun run_ps-short)" '^exit=1$' "Get-HvdiagVm' is not recognized"
check "pywinrm: change script applies and is saved before the answer" "$(pyrun change "$scripts/change.ps1")" \
  '^exit=0$' '"AutomaticStopAction":"ShutDown"' '^file-has=ShutDown$'
check "pywinrm: evidence script reads the lab's events, each VM's newest first (turn-off; 0xFE crash)" \
  "$(pyrun evidence "$scripts/evidence.ps1")" '^exit=0$' '^ids=18502,18500,18590,18500$' 'ErrorCode0: 0xFE'
check "pywinrm: wrong password is HTTP 401" "$(pyrun wrong-password)" 'InvalidCredentialsError: the specified credentials were rejected'
check "pywinrm ntlm: local account" "$(pyrun ntlm Administrator)" '^exit=0$' '^HV-LAB-01'
check "pywinrm ntlm: HOST\\user" "$(pyrun ntlm 'HV-LAB-01\Administrator')" '^exit=0$' '^HV-LAB-01'
check "pywinrm ntlm: user@domain" "$(pyrun ntlm 'Administrator@hv-lab-01')" '^exit=0$' '^HV-LAB-01'
check "pywinrm ntlm: wrong password is HTTP 401" "$(pyrun ntlm-wrong-password)" 'InvalidCredentialsError: the specified credentials were rejected'

# ---- masterzen/winrm (Go) ------------------------------------------------------------------
gorun() { "$gobin" -port "$port" -cacert "$work/cert.pem" -user Administrator "$@" 2>&1; }
check "go winrm: hostname" "$(gorun hostname)" '^exit=0$' '^HV-LAB-01'
check "go winrm: cmd /c echo hello" "$(gorun cmd /c echo hello)" '^exit=0$' '^hello'
check "go winrm: unknown command" "$(gorun frobnicate --now)" '^exit=1$' "'frobnicate' is not recognized as an internal or external command"
# The Go client always goes through cmd.exe (WINRS_SKIP_CMD_SHELL FALSE): a real host refuses the
# ~8,800-character inventory command line there, and so does this endpoint.
check "go winrm: Powershell(inventory) through cmd.exe is over 8191 characters" "$(gorun -ps "$work/inventory.ps1")" \
  '^exit=1$' 'The command line is too long'
printf 'Get-Process | Select-Object -First 1\n' > "$work/other.ps1"
check "go winrm: a script that is not hvdiag's" "$(gorun -ps "$work/other.ps1")" '^exit=1$' "runs only hvdiag's inventory and change scripts"
check "go winrm: wrong password is HTTP 401" "$(HVDIAG_WINRM_PASSWORD="not-$HVDIAG_WINRM_PASSWORD" gorun hostname)" 'http (response )?error:? 401'
check "go winrm ntlm: hostname" "$(gorun -ntlm hostname)" '^exit=0$' '^HV-LAB-01'
check "go winrm ntlm: wrong password is HTTP 401" "$(HVDIAG_WINRM_PASSWORD="not-$HVDIAG_WINRM_PASSWORD" gorun -ntlm hostname)" 'http (response )?error:? 401'

# ---- the recording -------------------------------------------------------------------------
rec="$(cat "$work/exchanges.jsonl")"
basic="$(printf 'Administrator:%s' "$HVDIAG_WINRM_PASSWORD" | base64 -w0)"
if printf '%s' "$rec" | grep -F -e "$HVDIAG_WINRM_PASSWORD" -e "$basic" >/dev/null; then fail "recording holds no password"; else pass "recording holds no password"; fi
check "recording has every shell action" "$rec" '"action":"Create"' '"action":"Command"' '"action":"Receive"' \
  '"action":"Signal"' '"action":"Delete"' '"status":401'

echo "winrm interop: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
