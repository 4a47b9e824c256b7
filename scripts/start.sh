#!/usr/bin/env bash
# `npm start`: install what is missing, build the dashboard, run manager + local agent.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules/better-sqlite3 ] || npm ci --no-audit --no-fund
npm run --silent build
exec node --import tsx scripts/zedops.ts
