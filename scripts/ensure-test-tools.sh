#!/usr/bin/env bash
# The tests drive Debian's Chromium (Playwright cannot download its own browser offline),
# start throwaway PostgreSQL clusters, and put nginx in front of two portal replicas (the cluster
# test). Install what is missing from Debian's packages when we
# can (root with apt-get), otherwise say exactly what to run.
set -euo pipefail

chromium="${TB_CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium" ] || missing+=(chromium)
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
nginx="${TB_NGINX_PATH:-}"
if [ -z "$nginx" ]; then
  nginx="$(command -v nginx 2>/dev/null || true)"
  [ -n "$nginx" ] || nginx=/usr/sbin/nginx
fi
[ -x "$nginx" ] || missing+=(nginx-light)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing test tools from Debian's packages: ${missing[*]}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt_get=(apt-get)
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  apt_get=(sudo apt-get)
else
  echo "Cannot install ${missing[*]} without root. Run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${apt_get[@]}" update -qq
"${apt_get[@]}" install -y -qq "${missing[@]}" >/dev/null
[ -x "$chromium" ] || { echo "Chromium is still missing at $chromium. Set TB_CHROMIUM_PATH to its binary." >&2; exit 1; }
[ -x "$nginx" ] || { echo "nginx is still missing at $nginx. Set TB_NGINX_PATH to its binary." >&2; exit 1; }
echo "Test tools ready."
