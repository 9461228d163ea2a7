#!/usr/bin/env bash
# The newcomer's first scan: installs the Debian packages needed, builds a sample Debian image from
# Debian packages (debootstrap minbase bookworm, packed as an OCI layout with umoci), then scans it.
# Needs no network beyond the Debian and NuGet package registries. Extra arguments go to `drydock scan`.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/install-deps.sh"
images=${DRYDOCK_TEST_IMAGES:-$root/.testdata/images}
"$root/scripts/build-test-images.sh" "$images" debian >/dev/null
exec "$root/drydock" scan "oci:$images/debian-oci:bookworm" "$@"
