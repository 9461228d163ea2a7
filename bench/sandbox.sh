#!/usr/bin/env bash
# The sandbox's overhead on a trivial image (start to report), side by side in one run, interleaved rounds:
#   bare      runc run of the same busybox rootfs (umoci's bundle, no overlay, no tracing, no network): the floor
#   none      drydock sandbox --network none --no-trace   (unpack, overlay, bundle, limits, seccomp, file diff, report)
#   traced    drydock sandbox --network none              (+ strace attached to the container)
#   full      drydock sandbox                             (+ the sink namespace pair and its services)
# The image runs `echo hi`. Prints the median seconds of each and its ratio to `bare`.
# Needs root, runc, strace, umoci, iproute2, iptables and busybox-static. Usage: bench/sandbox.sh [--rounds N]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
drydock=${DRYDOCK:-$root/drydock}
rounds=7
while [ $# -gt 0 ]; do case $1 in --rounds) rounds=$2; shift 2 ;; *) echo "sandbox.sh: unknown option $1" >&2; exit 2 ;; esac; done
for tool in runc strace umoci ip iptables /usr/bin/busybox; do
  command -v "$tool" >/dev/null || { echo "sandbox.sh: $tool is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'runc --root "$work/state" delete -f bench-bare >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
layout=$work/layout
umoci init --layout "$layout" && umoci new --image "$layout:t"
umoci unpack --image "$layout:t" "$work/b" >/dev/null
mkdir -p "$work/b/rootfs"/{bin,etc,tmp}
cp /usr/bin/busybox "$work/b/rootfs/bin/busybox"
ln -s busybox "$work/b/rootfs/bin/sh"; ln -s busybox "$work/b/rootfs/bin/echo"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$work/b/rootfs/etc/passwd"
umoci repack --image "$layout:t" "$work/b" >/dev/null
umoci config --image "$layout:t" --config.entrypoint /bin/sh --config.entrypoint -c --config.cmd "echo hi"
# The bare baseline runs umoci's own bundle of the same image.
rm -rf "$work/bare"; umoci unpack --image "$layout:t" "$work/bare" >/dev/null
sed -i 's/"terminal": true/"terminal": false/' "$work/bare/config.json"   # no tty here: runc would fail to open /dev/tty

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
time_of() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "sandbox.sh: failed: $*" >&2; exit 3; }; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN {print e - s}'; }

declare -A t
for r in $(seq "$rounds"); do
  t[bare]+="$(time_of runc --root "$work/state" run --bundle "$work/bare" bench-bare) "
  t[none]+="$(time_of "$drydock" sandbox "oci:$layout:t" --network none --no-trace) "
  t[traced]+="$(time_of "$drydock" sandbox "oci:$layout:t" --network none) "
  t[full]+="$(time_of "$drydock" sandbox "oci:$layout:t") "
done
base=$(tr ' ' '\n' <<<"${t[bare]}" | grep . | median)
printf '%-8s %10s %8s   (%d rounds, medians)\n' run seconds ratio "$rounds"
for k in bare none traced full; do
  m=$(tr ' ' '\n' <<<"${t[$k]}" | grep . | median)
  printf '%-8s %10.3f %8.2f\n' "$k" "$m" "$(awk -v m="$m" -v b="$base" 'BEGIN {print m / b}')"
done
