#!/usr/bin/env bash
# Installs the Debian packages that building, testing and benchmarking Drydock need (idempotent, root).
set -euo pipefail
PKGS=(docker-registry skopeo umoci debootstrap busybox-static runc apache2-utils jq curl time zstd gzip rpm db5.3-util golang-go)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "install-deps: need root to install: ${missing[*]}" >&2; exit 1; fi
  echo "install-deps: apt-get install ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The content-signature test images fetch real tools with `apt-get download`, which needs the package lists.
if ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then echo "install-deps: need root to run apt-get update (no package lists)" >&2; exit 1; fi
  apt-get update -qq
fi
command -v dotnet >/dev/null || { echo "install-deps: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
