#!/usr/bin/env bash
# Builds the portal's standalone server: `next build` with output "standalone", then copies in
# what file tracing does not: the static assets and public/ (Next.js leaves them for a CDN), and
# the migrations (read by path at start). The e2e global setup, `npm start` and the Dockerfile's
# build stage all run this script, so tests exercise the very server the image ships.
#   scripts/build-standalone.sh            → .next/standalone (or $TB_NEXT_DIST_DIR/standalone)
set -euo pipefail
cd "$(dirname "$0")/.."

dist="${TB_NEXT_DIST_DIR:-.next}"
out="$dist/standalone"

NEXT_TELEMETRY_DISABLED=1 node_modules/.bin/next build

mkdir -p "$out/$dist" "$out/prisma"
rm -rf "$out/$dist/static" "$out/public" "$out/prisma/migrations" "$out/prisma/postgresql"
cp -R "$dist/static" "$out/$dist/static"
# Turbopack's traces (Next.js 16.4) leave out some server chunks (route actions, [externals]
# chunks) that routes load at run time, so the whole compiled server folder is copied over.
cp -R "$dist/server/." "$out/$dist/server/"
cp -R public "$out/public"
cp -R prisma/migrations "$out/prisma/migrations"
mkdir -p "$out/prisma/postgresql"
cp -R prisma/postgresql/migrations "$out/prisma/postgresql/migrations"

# Fail the build, not the first request, when something the server loads by path is missing.
for required in \
  "$out/server.js" \
  "$out/node_modules/better-sqlite3/build/Release/better_sqlite3.node" \
  "$out/prisma/migrations/migration_lock.toml" \
  "$out/prisma/postgresql/migrations"; do
  if [ ! -e "$required" ]; then
    echo "build-standalone: $required is missing from the standalone output" >&2
    exit 1
  fi
done
if ! find "$out" -path '*generated*' -name 'query_compiler_bg.wasm' | grep -q .; then
  echo "build-standalone: Prisma's query compiler (lib/generated/**/query_compiler_bg.wasm) is missing" >&2
  exit 1
fi
# Every server file must be there: a chunk left out fails only when its route is first hit.
missing_chunks=$(comm -23 <(cd "$dist/server" && find . -name '*.js' | sort) <(cd "$out/$dist/server" && find . -name '*.js' | sort))
if [ -n "$missing_chunks" ]; then
  echo "build-standalone: server files missing from the standalone output:" >&2
  echo "$missing_chunks" | head -20 >&2
  exit 1
fi
echo "build-standalone: $out/server.js is ready"
