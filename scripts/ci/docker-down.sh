#!/usr/bin/env bash
# Stops what docker-up.sh started (and only that): the registry and dockerd, by their recorded
# pids. Containers, images and registry storage are left alone.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/docker-common.sh"

stop_recorded() {
  local what="$1" file="$ZEDOPS_CI_STATE/$1.pid" name="$2" pid
  if pid_alive "$file" "$name"; then
    pid="$(cat "$file")"
    log "stopping $what (pid $pid)"
    kill -TERM "$pid"
    wait_until 30 sh -c "! kill -0 $pid 2>/dev/null" || log "$what (pid $pid) still running after 30 s"
  else
    log "$what was not started by docker-up.sh (or already stopped); leaving it"
  fi
  rm -f "$file"
}

stop_recorded registry docker-registry
stop_recorded dockerd dockerd
