# ZedOps in one image: the manager with its local agent (default), or `agent --manager … --token …`.
# docs/decisions/0141-bundles-and-offline-base.md. CI builds this same file on a base it makes
# offline: --build-arg BASE_IMAGE=zedops/base-offline:20 (scripts/ci/offline-base-image.sh).
ARG BASE_IMAGE=node:20-slim

FROM ${BASE_IMAGE} AS build
# better-sqlite3 compiles from source when its prebuilt download is out of reach.
RUN apt-get update -qq \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 make g++ >/dev/null \
  && rm -rf /var/lib/apt/lists/*
# node-gyp takes Node's headers from the base image instead of downloading them.
ENV npm_config_nodedir=/usr/local
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY . .
# dist/: dashboard + the two bundles + migrations; /out/node_modules: only the natives they load.
RUN npm run --silent build \
  && node --import tsx scripts/build/runtime-modules.ts /out \
  && cp -r dist /out/dist \
  && cp package.json /out/ \
  && cp docker/entrypoint.sh docker/healthcheck.mjs /out/

FROM ${BASE_IMAGE}
ENV NODE_ENV=production \
    PORT=8787 \
    ZEDOPS_DATA_DIR=/data \
    ZEDOPS_STATIC_DIR=/app/dist/frontend \
    ZEDOPS_AGENT_STATE_DIR=/data/agent
# uid/gid 1000 runs ZedOps (node:20-slim calls it `node`; the offline base has no such user yet).
RUN getent passwd 1000 >/dev/null || useradd --uid 1000 --user-group --no-create-home --shell /usr/sbin/nologin zedops \
  && mkdir -p /data && chown 1000:1000 /data
WORKDIR /app
COPY --from=build /out/ /app/
VOLUME ["/data"]
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "/app/healthcheck.mjs"]
ENTRYPOINT ["/app/entrypoint.sh"]
CMD ["manager"]
