#!/usr/bin/env bash
# Brings up what the docker tests and e2e need, idempotently:
#   docker.io + docker-registry + busybox-static (apt, only where missing),
#   dockerd (started in the background when `docker info` fails; log /tmp/dockerd.log),
#   a registry on 127.0.0.1:5000 (Debian's docker-registry binary),
#   the fake game image e2e/game-image pushed as 127.0.0.1:5000/zedops/pz-test:{latest,v2}.
# Usage: docker-up.sh [--no-image]   (--no-image: only make sure dockerd + registry run)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/docker-common.sh"
build_image=1
[ "${1:-}" = "--no-image" ] && build_image=0
mkdir -p "$ZEDOPS_CI_STATE"

# 1. packages
need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v docker-registry >/dev/null 2>&1 || need+=(docker-registry)
dpkg -s busybox-static >/dev/null 2>&1 || need+=(busybox-static)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/tmp/zedops-apt-docker.log 2>&1 || {
    tail -30 /tmp/zedops-apt-docker.log; exit 1; }
else
  log "docker.io, docker-registry, busybox-static already installed"
fi

# 2. dockerd
if docker_ready; then
  log "dockerd already running"
else
  log "starting dockerd (log $DOCKERD_LOG)"
  setsid nohup dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null &
  echo $! >"$ZEDOPS_CI_STATE/dockerd.pid"
  wait_until 60 docker_ready || { tail -30 "$DOCKERD_LOG"; log "dockerd did not become ready"; exit 1; }
  log "dockerd ready (pid $(cat "$ZEDOPS_CI_STATE/dockerd.pid"))"
fi

# 3. registry
if registry_ready; then
  log "registry already answering on $REGISTRY_ADDR"
else
  mkdir -p "$REGISTRY_STORAGE"
  cat >"$ZEDOPS_CI_STATE/registry.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: ${REGISTRY_STORAGE}
  delete:
    enabled: true
http:
  addr: ${REGISTRY_ADDR}
YAML
  log "starting registry on $REGISTRY_ADDR (storage $REGISTRY_STORAGE, log $REGISTRY_LOG)"
  setsid nohup docker-registry serve "$ZEDOPS_CI_STATE/registry.yml" >>"$REGISTRY_LOG" 2>&1 </dev/null &
  echo $! >"$ZEDOPS_CI_STATE/registry.pid"
  wait_until 20 registry_ready || { tail -30 "$REGISTRY_LOG"; log "registry did not become ready"; exit 1; }
  log "registry ready (pid $(cat "$ZEDOPS_CI_STATE/registry.pid"))"
fi

# 4. test image (cheap when nothing changed: build cache + registry already has the layers)
if [ "$build_image" = 1 ]; then
  ctx="$(mktemp -d)"
  trap 'rm -rf "$ctx"' EXIT
  cp "$REPO_ROOT/e2e/game-image/Dockerfile" "$REPO_ROOT/e2e/game-image/entrypoint.sh" "$ctx/"
  cp /bin/busybox "$ctx/busybox"
  docker build -q -t "$TEST_IMAGE:latest" -t "$TEST_IMAGE:v2" "$ctx" >/tmp/zedops-image-build.log 2>&1 || {
    cat /tmp/zedops-image-build.log; exit 1; }
  for tag in latest v2; do docker push -q "$TEST_IMAGE:$tag" >/dev/null; done
  log "image $TEST_IMAGE:latest and :v2 built and pushed"
fi
log "ready: DOCKER_HOST=${DOCKER_HOST:-unix:///var/run/docker.sock} registry=$REGISTRY_ADDR image=$TEST_IMAGE:latest"
