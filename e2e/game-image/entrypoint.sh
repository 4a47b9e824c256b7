#!/bin/sh
# Stands in for the Project Zomboid dedicated server:
# - first boot (no world yet): writes Saves/Multiplayer/world.txt with a random world id + date,
#   so a test can tell "same world kept" from "fresh world started";
# - every boot: appends one line to boot.log, so a test can count boots;
# - then idles until SIGTERM and exits 0 promptly (docker stop must not need SIGKILL).
set -eu
home=/home/steam/Zomboid
world="$home/Saves/Multiplayer/world.txt"
mkdir -p "$home/Saves/Multiplayer" /home/steam/zomboid-dedicated /tmp

if [ ! -s "$world" ]; then
  echo "world=$(cat /proc/sys/kernel/random/uuid) created=$(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$world"
fi
echo "boot $(date -u +%Y-%m-%dT%H:%M:%SZ) host=$(hostname) game=${SERVER_DEFAULT_PORT:-?} udp=${SERVER_UDP_PORT:-?} rcon=${RCON_PORT:-?}" >> "$home/boot.log"
echo "fake-pz: $(cat "$world")"
echo "fake-pz: ready on udp ${SERVER_DEFAULT_PORT:-?}/${SERVER_UDP_PORT:-?}"

trap 'echo "fake-pz: SIGTERM, saving and exiting"; exit 0' TERM INT
# Sleep in the background and `wait` so the trap runs as soon as the signal arrives.
while true; do
  sleep 3600 &
  wait $! || true
done
