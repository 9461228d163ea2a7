#!/usr/bin/env bash
# Prepares a hybrid cgroup host (cgroup v1 controllers plus a v2 "unified" mount, as on these machines) for crun:
# crun refuses to create containers while any controller is still attached to the v2 hierarchy ("cgroups in hybrid
# mode not supported, drop all controllers from cgroupv2"). Each such controller (here usually hugetlb) is mounted
# as its own v1 hierarchy, which detaches it from v2. runc does not need this. Idempotent; root; a no-op on pure v1
# or pure v2 hosts and when nothing is attached to v2. The mounts last until reboot.
set -euo pipefail
unified=/sys/fs/cgroup/unified
[ -f "$unified/cgroup.controllers" ] || exit 0          # not a hybrid host
controllers=$(cat "$unified/cgroup.controllers")
[ -n "$controllers" ] || exit 0
if [ "$(id -u)" != 0 ]; then echo "sandbox-host-setup: need root to move cgroup controllers ($controllers) to v1" >&2; exit 1; fi
for c in $controllers; do
  mkdir -p "/sys/fs/cgroup/$c"
  mountpoint -q "/sys/fs/cgroup/$c" || mount -t cgroup -o "$c" cgroup "/sys/fs/cgroup/$c"
done
left=$(cat "$unified/cgroup.controllers")
[ -z "$left" ] || { echo "sandbox-host-setup: controllers still on cgroup v2: $left" >&2; exit 1; }
echo "sandbox-host-setup: moved cgroup controllers to v1 for crun: $controllers" >&2
