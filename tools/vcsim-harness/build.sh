#!/usr/bin/env bash
# Builds the vSphere simulator harness offline with Debian's golang-go and the govmomi simulator
# from golang-github-vmware-govmomi-dev (GOPATH mode: Debian ships the sources under /usr/share/gocode).
# Prints the path of the binary. Rebuilds only when a source is newer than the binary.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${VCSIM_HARNESS_OUT:-$here/target}"
bin="$out/vcsim-harness"
if [ -x "$bin" ] && [ -z "$(find "$here" -maxdepth 1 -name '*.go' -newer "$bin" -print -quit)" ]; then
  echo "$bin"; exit 0
fi
command -v go >/dev/null || { echo "build.sh: 'go' not found: apt-get install golang-go golang-github-vmware-govmomi-dev" >&2; exit 2; }
[ -d /usr/share/gocode/src/github.com/vmware/govmomi/simulator ] || { echo "build.sh: govmomi simulator sources missing: apt-get install golang-github-vmware-govmomi-dev" >&2; exit 2; }
# A writable GOPATH: Debian's tree as it is, plus this program as a package of its own.
gopath="$out/gopath"
mkdir -p "$gopath/src/hvdiag" "$out"
for d in /usr/share/gocode/src/*; do
  [ -e "$gopath/src/$(basename "$d")" ] || ln -s "$d" "$gopath/src/$(basename "$d")"
done
rm -rf "$gopath/src/hvdiag/vcsim-harness"
mkdir -p "$gopath/src/hvdiag/vcsim-harness"
cp "$here"/*.go "$gopath/src/hvdiag/vcsim-harness/"
export GOPATH="$gopath" GO111MODULE=off GOCACHE="${GOCACHE:-$out/gocache}" GOPROXY=off
(cd "$gopath/src/hvdiag/vcsim-harness" && go build -o "$bin" .) >&2
echo "$bin"
