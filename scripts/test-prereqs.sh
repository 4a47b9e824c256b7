#!/usr/bin/env bash
# `npm test` runs this first (npm's `pretest`): the suite needs npm dependencies, Debian's
# Chromium, a running Docker engine and the local registry holding the tiny test game image.
# Each check is bounded (a few seconds at most). What is missing is set up here when we can
# (root on Debian, as in CI: the same scripts .ci/run uses); otherwise we stop at once and print
# the exact commands, instead of letting the Docker tests hang one timeout after another.
# ZEDOPS_TEST_SETUP=never only checks (and is how the check itself is tested).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ci/docker-common.sh"
cd "$REPO_ROOT"
say() { echo "test-prereqs: $*"; }

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
have_chromium() { [ -x "$chromium_path" ]; }
have_docker() { command -v docker >/dev/null 2>&1 && timeout 3 docker info >/dev/null 2>&1; }
have_image() {
  command -v curl >/dev/null 2>&1 &&
    curl -fs -o /dev/null --max-time 2 \
      -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
      -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
      "http://${REGISTRY_ADDR}/v2/zedops/pz-test/manifests/latest"
}

missing=()
have_chromium || missing+=("Chromium at $chromium_path (Debian package chromium)")
have_docker || missing+=("a running Docker engine (docker info failed)")
have_image || missing+=("the test image ${TEST_IMAGE}:latest in the local registry on ${REGISTRY_ADDR}")

can_set_up() {
  [ "${ZEDOPS_TEST_SETUP:-auto}" != never ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1
}

if [ ${#missing[@]} -gt 0 ]; then
  for m in "${missing[@]}"; do say "missing: $m"; done
  if ! can_set_up; then
    say "run these once as root (Debian 12), then npm test again:"
    say "  bash scripts/ci/system-deps.sh   # chromium, docker.io, docker-registry, busybox-static"
    say "  bash scripts/ci/docker-up.sh     # starts dockerd and the registry, builds and pushes the test image"
    exit 1
  fi
  say "setting them up (root on Debian): scripts/ci/system-deps.sh, scripts/ci/docker-up.sh"
  bash scripts/ci/system-deps.sh && bash scripts/ci/docker-up.sh || {
    say "set-up failed; see the output above"
    exit 1
  }
fi

if [ ! -x node_modules/.bin/vitest ]; then
  say "installing the npm dependencies (npm ci)"
  npm ci --no-audit --no-fund || exit 1
fi
say "ready: Chromium, Docker engine, registry ${REGISTRY_ADDR} with the test image, npm dependencies"
