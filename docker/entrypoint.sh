#!/bin/sh
# The image's entrypoint: `manager` (default: manager + dashboard + local agent) or
# `agent --manager … --token …` (the agent alone); anything else runs as a command.
# Started as root, it drops to uid 1000 plus the group that owns the Docker socket, so ZedOps
# never runs as root yet can drive Docker. ZEDOPS_RUN_AS=root keeps root (e.g. when the server
# folders belong to root on the host). Started as another user (`--user`), it changes nothing.
set -eu
case "${1:-manager}" in
  manager) shift $(( $# > 0 ? 1 : 0 )); set -- node /app/dist/zedops-manager.mjs "$@" ;;
  agent) shift; set -- node /app/dist/zedops-agent.mjs "$@" ;;
esac

run_as="${ZEDOPS_RUN_AS:-1000:1000}"
if [ "$(id -u)" != 0 ] || [ "$run_as" = root ]; then exec "$@"; fi

uid="${run_as%%:*}"
gid="${run_as#*:}"
socket="${DOCKER_SOCKET:-/var/run/docker.sock}"
groups="$gid"
[ -S "$socket" ] && groups="$gid,$(stat -c %g "$socket")"
# The volume for /data may have been created by an older image as root.
[ -d "${ZEDOPS_DATA_DIR:-/data}" ] && chown "$uid:$gid" "${ZEDOPS_DATA_DIR:-/data}"
for dir in ${ZEDOPS_SERVER_DATA_PATH:-}; do
  if [ -d "$dir" ] && ! setpriv --reuid="$uid" --regid="$gid" --groups="$groups" test -w "$dir"; then
    echo "zedops: uid $uid cannot write the server data folder $dir." >&2
    echo "  On the host: chown $uid:$gid $dir   (or run the container with ZEDOPS_RUN_AS=root)" >&2
    exit 1
  fi
done
exec setpriv --reuid="$uid" --regid="$gid" --groups="$groups" --inh-caps=-all -- "$@"
