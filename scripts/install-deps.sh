#!/usr/bin/env bash
# Installs the Debian packages that building, testing and benchmarking Drydock need (idempotent, root).
set -euo pipefail
PKGS=(docker-registry skopeo umoci debootstrap busybox-static runc apache2-utils jq curl time zstd gzip rpm db5.3-util golang-go npm openssl openssh-client gnupg)
# User rules (--yara-rules, --clamd): libyara for the YARA analyzer, a real clamd for the tests (no signatures: the tests write their own).
PKGS+=(libyara9 clamav-daemon clamav)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "install-deps: need root to install: ${missing[*]}" >&2; exit 1; fi
  echo "install-deps: apt-get install ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The tests start their own clamd with signatures they write; Debian's services would download signature databases.
  if [[ " ${missing[*]} " == *" clamav-daemon "* ]] && [ -d /run/systemd/system ]; then
    systemctl disable --now clamav-freshclam.service clamav-daemon.service clamav-daemon.socket >/dev/null 2>&1 || true
  fi
fi
command -v dotnet >/dev/null || { echo "install-deps: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
