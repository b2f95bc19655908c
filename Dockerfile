# lapor-hub: one image for `lapor-hub start`, `lapor-hub worker` and `lapor-hub migrate`.
# The hub is TypeScript run through tsx (a production dependency), so there is no build step:
# the first stage installs production dependencies only (its postinstall generates the Prisma
# client offline), the second copies them beside the sources and runs as the `node` user.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NODE_ENV=production npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
# postinstall (scripts/prisma-generate.mjs) needs the schema and its helper scripts
COPY package.json package-lock.json ./
COPY scripts/ scripts/
COPY prisma/ prisma/
RUN npm ci --omit=dev && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
COPY --from=deps /app/node_modules/ node_modules/
COPY package.json package-lock.json tsconfig.json ./
COPY bin/ bin/
COPY src/ src/
COPY bots/ bots/
COPY flows/ flows/
COPY calendar/ calendar/
COPY prisma/ prisma/
COPY scripts/ scripts/
# the embedded database (PGlite), media files, the simulator's state and a retrained NLP model
# live in DATA_DIR; the sources stay read-only for the `node` user
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# node, not curl: the slim image has no curl. /healthz answers once migrations are applied.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# `start` applies pending migrations before it listens; run `worker` or `migrate` with the same image
ENTRYPOINT ["node", "bin/lapor-hub.js"]
CMD ["start"]
