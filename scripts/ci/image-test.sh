#!/usr/bin/env bash
# The container image, tried as a new user would (issue "ship it as a container image"):
#   1. builds the top-level Dockerfile offline, on the base offline-base-image.sh makes;
#   2. checks the image size (≤ 250 MB) and that it starts healthy (HEALTHCHECK on /api/health);
#   3. through the API: the image's local agent and the one-file agent copied alone into an
#      empty folder each create a server, see it Missing after `docker rm -f`, and recreate it
#      with the same world (scripts/ci/image-smoke.ts);
#   4. an agent whose data folder is mounted from another host path refuses to start, saying how;
#   5. `docker-compose up -d` (or `docker compose`) brings the dashboard up, when installed.
# Removes only what it created (containers, volumes and folders named zedops-imgci-$$).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/docker-common.sh"
cd "$REPO_ROOT"
BASE="${ZEDOPS_OFFLINE_BASE:-zedops/base-offline:20}"
IMAGE="${ZEDOPS_CI_IMAGE:-zedops/zedops:ci}"
MAX_BYTES=$((250 * 1000 * 1000))
tag="zedops-imgci-$$"
work="/tmp/$tag"
password="image-test-password-$$"
secs() { echo $(( $(date +%s%N) / 1000000 )); }
cleanup() {
  docker ps -aq --filter "name=$tag" | xargs -r docker rm -f >/dev/null 2>&1 || true
  [ -n "${compose:-}" ] && (cd "$work/compose" && $compose -p "$tag" down -v >/dev/null 2>&1) || true
  docker volume rm "$tag-data" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/servers" "$work/onefile-servers" "$work/moved" "$work/agent"
chown 1000:1000 "$work/servers" "$work/moved"

t=$(secs)
bash scripts/ci/offline-base-image.sh
log "offline base ready in $(( ($(secs) - t) / 1000 )) s"

t=$(secs)
docker build -q --network host --build-arg BASE_IMAGE="$BASE" -t "$IMAGE" . >"$work/build.log" 2>&1 || {
  tail -40 "$work/build.log"; exit 1; }
log "image $IMAGE built in $(( ($(secs) - t) / 1000 )) s"

size=$(docker image inspect -f '{{.Size}}' "$IMAGE")
log "image size $((size / 1000000)) MB (limit $((MAX_BYTES / 1000000)) MB)"
[ "$size" -le "$MAX_BYTES" ] || { log "image is larger than the limit"; exit 1; }

# Manager + local agent, as compose runs it, on a random local port.
t=$(secs)
docker run -d --name "$tag-manager" --health-interval 1s \
  -p 127.0.0.1::8787 \
  -e ZEDOPS_ADMIN_PASSWORD="$password" \
  -e ZEDOPS_SERVER_DATA_PATH="$work/servers" \
  -e ZEDOPS_DEFAULT_IMAGE=127.0.0.1:5000/zedops/pz-test \
  -v /var/run/docker.sock:/var/run/docker.sock \
  -v "$tag-data:/data" \
  -v "$work/servers:$work/servers" \
  "$IMAGE" >/dev/null
port=$(docker port "$tag-manager" 8787/tcp | head -1 | sed 's/.*://')
healthy() { [ "$(docker inspect -f '{{.State.Health.Status}}' "$tag-manager")" = healthy ]; }
wait_until 60 curl -fs -o /dev/null "http://127.0.0.1:$port/api/health" || { docker logs "$tag-manager" | tail -30; exit 1; }
log "manager answers /api/health $(( $(secs) - t )) ms after docker run: $(curl -fs "http://127.0.0.1:$port/api/health")"
wait_until 60 healthy || { docker inspect -f '{{json .State.Health}}' "$tag-manager"; exit 1; }
log "container is healthy; runs as $(docker exec "$tag-manager" sh -c 'ps -o user= -p 1 2>/dev/null || stat -c %u /proc/1')"

docker cp "$tag-manager:/app/dist/zedops-agent.mjs" "$work/agent/zedops-agent.mjs"
ZEDOPS_URL="http://127.0.0.1:$port" ZEDOPS_ADMIN_PASSWORD="$password" \
  LOCAL_DATA_PATH="$work/servers" AGENT_BUNDLE="$work/agent/zedops-agent.mjs" \
  BUNDLE_DATA_PATH="$work/onefile-servers" \
  node --import tsx scripts/ci/image-smoke.ts || { docker logs "$tag-manager" | tail -30; exit 1; }

# A data folder mounted from another host path: refused before connecting, with the fix.
set +e
refusal=$(docker run --rm --name "$tag-moved" \
  -v /var/run/docker.sock:/var/run/docker.sock \
  -v "$work/moved:/srv/zomboid" \
  "$IMAGE" agent --manager ws://127.0.0.1:9 --token unused --data-path /srv/zomboid 2>&1)
code=$?
set -e
if [ "$code" != 2 ] || ! grep -q "host folder $work/moved" <<<"$refusal"; then
  echo "$refusal"; log "a mismatched data mount was not refused (exit $code)"; exit 1
fi
log "mismatched data mount refused: $(grep -m1 'host folder' <<<"$refusal" | cut -c1-160)…"

# compose: Debian's docker-compose is installed where missing (root with apt, as in CI).
if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null 2>&1 \
  && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  log "installing docker-compose"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >"$work/apt.log" 2>&1 || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >"$work/apt.log" 2>&1; } || {
    tail -20 "$work/apt.log"; exit 1; }
fi
if docker compose version >/dev/null 2>&1; then compose="docker compose";
elif command -v docker-compose >/dev/null 2>&1; then compose=docker-compose; fi
if [ -n "${compose:-}" ]; then
  mkdir -p "$work/compose" "$work/compose-servers" && chown 1000:1000 "$work/compose-servers"
  cp compose.yaml "$work/compose/"
  cport=$((20000 + $$ % 20000))
  (cd "$work/compose" && ZEDOPS_IMAGE="$IMAGE" ZEDOPS_PORT="$cport" ZEDOPS_SERVER_DATA_PATH="$work/compose-servers" \
    ZEDOPS_ADMIN_PASSWORD="$password" $compose -p "$tag" up -d >/dev/null 2>&1)
  wait_until 60 curl -fs -o /dev/null "http://127.0.0.1:$cport/" || { log "compose: no dashboard"; exit 1; }
  curl -fs "http://127.0.0.1:$cport/" | grep -qi '<html' || { log "compose: / is not the dashboard"; exit 1; }
  log "$compose up -d: dashboard on port $cport"
else
  log "no docker compose / docker-compose installed: compose step skipped"
fi
log "image test passed"
