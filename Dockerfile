# syntax=docker/dockerfile:1
# TenantBridge portal image: the standalone Next.js server on a slim Node runtime, as a non-root
# user. Every step is a script in scripts/ that the tests run too (scripts/build-standalone.sh
# builds the server the e2e suite drives; scripts/healthcheck.mjs is run by e2e/health), and
# scripts/container-files.test.ts checks that this file still calls them.
# The database is migrated by the server itself at start (instrumentation.ts → prepareServer).

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 falls back to compiling its addon when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# Dependencies first, so a source change reuses this layer. postinstall generates the Prisma clients.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN bash scripts/build-standalone.sh

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    TB_DATA_DIR=/data
WORKDIR /app
RUN groupadd --system --gid 10001 tenantbridge \
 && useradd --system --uid 10001 --gid tenantbridge --home-dir /app --shell /usr/sbin/nologin tenantbridge \
 && mkdir -p /data \
 && chown tenantbridge:tenantbridge /data
# The application files stay owned by root: the portal user can read them, not rewrite them.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/scripts/healthcheck.mjs ./scripts/healthcheck.mjs
COPY --from=build /app/LICENSE ./LICENSE
USER tenantbridge
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "scripts/healthcheck.mjs"]
CMD ["node", "server.js"]
