# Shared settings for docker-up.sh / docker-down.sh (sourced, not run).
# Everything the scripts start is recorded in $ZEDOPS_CI_STATE so docker-down.sh stops only that.
ZEDOPS_CI_STATE="${ZEDOPS_CI_STATE:-/tmp/zedops-ci}"
REGISTRY_ADDR="${ZEDOPS_REGISTRY_ADDR:-127.0.0.1:5000}"
REGISTRY_STORAGE="${ZEDOPS_REGISTRY_STORAGE:-/var/lib/docker-registry}"
TEST_IMAGE="${REGISTRY_ADDR}/zedops/pz-test"
DOCKERD_LOG=/tmp/dockerd.log
REGISTRY_LOG=/tmp/zedops-registry.log
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

log() { echo "docker-ci: $*"; }

docker_ready() { docker info >/dev/null 2>&1; }
registry_ready() { curl -fs -o /dev/null --max-time 2 "http://${REGISTRY_ADDR}/v2/"; }

# pid_alive FILE NAME: the pid in FILE is alive and its command line mentions NAME
# (guards against a recycled pid).
pid_alive() {
  local file="$1" name="$2" pid
  [ -f "$file" ] || return 1
  pid="$(cat "$file")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$name"
}

# wait_until SECONDS CMD...: polls CMD every 0.5 s.
wait_until() {
  local limit=$(($1 * 2)); shift
  for _ in $(seq 1 "$limit"); do "$@" && return 0; sleep 0.5; done
  return 1
}
