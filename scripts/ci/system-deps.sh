#!/usr/bin/env bash
# Installs the Debian packages the tests need, only where missing: Chromium for Playwright,
# Docker engine + local registry + busybox for the fake game image.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v docker-registry >/dev/null 2>&1 || need+=(docker-registry)
dpkg -s busybox-static >/dev/null 2>&1 || need+=(busybox-static)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v curl >/dev/null 2>&1 || need+=(curl)  # docker-up.sh probes the registry with it
if [ ${#need[@]} -gt 0 ]; then
  echo "system-deps: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/tmp/zedops-apt.log 2>&1 || {
    tail -30 /tmp/zedops-apt.log; exit 1; }
else
  echo "system-deps: chromium, docker.io, docker-registry, busybox-static already present"
fi
