#!/usr/bin/env bash
# Runs Drydock's whole test suite on a fresh Debian machine: installs the Debian packages the tests use
# (docker-registry, skopeo, umoci, debootstrap, ...), builds the real test images, then runs every test.
# Usage: scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
"$root/scripts/install-deps.sh"
export DRYDOCK_TEST_IMAGES=${DRYDOCK_TEST_IMAGES:-$root/.testdata/images}
"$root/scripts/build-test-images.sh" "$DRYDOCK_TEST_IMAGES" busybox layered opaque removed debian >/dev/null
[ -d "$root/../shared/testdata" ] || echo "test.sh: ../shared/testdata is absent; tests that need it will skip" >&2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test "$root/Drydock.slnx" -c Release --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain closing line for CI: "N passed, N failed, N skipped".
awk '/(Passed|Failed)! *- *Failed:/ { gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } n++ }
     END { if (n) printf "%d passed, %d failed, %d skipped\n", p, f, s; else print "0 passed, 1 failed" }' "$log"
exit "$status"
