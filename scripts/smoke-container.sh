#!/usr/bin/env bash
# npm run smoke:container: builds the service's image, runs its command, asks it a
# question over WebSocket and prints the answer.
#
# Uses docker where an engine runs, else podman/buildah (rootless-friendly, with chroot
# isolation). When the default base image cannot be pulled (a machine that reaches only
# package registries), it builds a local base image from this machine's own Node.js
# installation and passes it as NODE_IMAGE.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=localhost/citeqa:smoke
PORT=${SMOKE_PORT:-39123}
NODE_IMAGE=${NODE_IMAGE:-$(sed -n 's/^ARG NODE_IMAGE=//p' Dockerfile)}
work=$(mktemp -d)
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "${container:-}" ] && buildah rm "$container" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# The build secrets: this machine's npm configuration (a mirror, a token) and the CA it
# trusts for the registry (a TLS-inspecting proxy), if any.
npmrc="$work/npmrc"
ca="$work/ca.pem"
if [ -f "$HOME/.npmrc" ]; then cp "$HOME/.npmrc" "$npmrc"; else : > "$npmrc"; fi
echo "registry=$(npm config get registry)" >> "$npmrc"
cafile=$(npm config get cafile)
if [ -n "$cafile" ] && [ "$cafile" != "null" ] && [ -f "$cafile" ]; then
  cp "$cafile" "$ca"
  echo "cafile=/run/secrets/npm_ca" >> "$npmrc"
else
  : > "$ca"
fi

if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  engine=docker
elif command -v podman >/dev/null 2>&1; then
  engine=podman
else
  echo "smoke:container: needs docker (with a running engine) or podman and buildah" >&2
  exit 1
fi
echo "engine: $engine"

build() {
  if [ "$engine" = docker ]; then
    DOCKER_BUILDKIT=1 docker build --build-arg "NODE_IMAGE=$1" --secret "id=npmrc,src=$npmrc" --secret "id=npm_ca,src=$ca" -t "$IMAGE" .
  else
    podman build --isolation chroot --network host --build-arg "NODE_IMAGE=$1" --secret "id=npmrc,src=$npmrc" --secret "id=npm_ca,src=$ca" -t "$IMAGE" .
  fi
}

# A base image made of this machine's node, npm and the libraries they use, for
# machines that cannot pull the official one.
local_base() {
  local root="$work/rootfs" node npm_dir
  node=$(readlink -f "$(command -v node)")
  npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  mkdir -p "$root"/{bin,usr/bin,usr/lib/node_modules,etc,tmp,home/node,root,lib64,app}
  chmod 1777 "$root/tmp"
  cp "$node" "$root/usr/bin/node"
  cp -a "$npm_dir" "$root/usr/lib/node_modules/npm"
  # npm's own launcher starts with #!/usr/bin/env, which this image does not have.
  printf '#!/bin/sh\nexec /usr/bin/node /usr/lib/node_modules/npm/bin/npm-cli.js "$@"\n' > "$root/usr/bin/npm"
  chmod +x "$root/usr/bin/npm"
  cp "$(readlink -f /bin/sh)" "$root/bin/sh"
  # Package scripts start with #!/usr/bin/env node.
  cp "$(readlink -f /usr/bin/env)" "$root/usr/bin/env"
  for binary in "$node" "$(readlink -f /bin/sh)" "$(readlink -f /usr/bin/env)"; do
    ldd "$binary" | grep -o '/[^ ]*' | while read -r lib; do
      mkdir -p "$root$(dirname "$lib")"
      cp -L "$lib" "$root$lib"
    done
  done
  mkdir -p "$root/etc/ssl"
  cp -rL /etc/ssl/certs "$root/etc/ssl/" 2>/dev/null || true
  printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000:node:/home/node:/bin/sh\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnode:x:1000:\n' > "$root/etc/group"
  chown 1000:1000 "$root/home/node"
  tar -C "$root" -cf "$work/base.tar" .
  local change='ENV PATH=/usr/local/bin:/usr/bin:/bin'
  if [ "$engine" = docker ]; then docker import --change "$change" "$work/base.tar" localhost/citeqa-node-base:local >/dev/null
  else podman import --change "$change" "$work/base.tar" localhost/citeqa-node-base:local >/dev/null 2>&1; fi
  echo localhost/citeqa-node-base:local
}

if build "$NODE_IMAGE" > "$work/build.log" 2>&1; then
  echo "built $IMAGE on $NODE_IMAGE"
else
  echo "could not build on $NODE_IMAGE ($(grep -m1 -iE 'error|denied|no such host' "$work/build.log" || tail -1 "$work/build.log")); building a local base image from this machine's Node.js $(node --version)"
  base=$(local_base)
  build "$base" > "$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }
  echo "built $IMAGE on $base"
fi

# Run the image's command.
if [ "$engine" = docker ]; then
  docker run -d --rm --name citeqa-smoke -p "127.0.0.1:$PORT:3000" "$IMAGE" > "$work/cid"
  server_pid=""
  trap 'docker rm -f citeqa-smoke >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
else
  container=$(buildah from "$IMAGE")
  cmd=$(buildah inspect --type image "$IMAGE" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).OCIv1.config.Cmd.join(" ")))')
  echo "running the image's command: $cmd"
  buildah run --isolation chroot --network host --env "PORT=$PORT" --env HOST=127.0.0.1 "$container" -- $cmd > "$work/server.log" 2>&1 &
  server_pid=$!
fi

for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null || { echo "the container did not become ready" >&2; cat "$work/server.log" >&2 || true; exit 1; }

# Ask over WebSocket, with the package's own client.
node -e '
const { CiteqaClient } = require("./dist/client");
(async () => {
  const client = await CiteqaClient.connect(process.argv[1], { reconnect: false });
  const answer = await client.ask("How long did the meeting last?", { limit: 1 });
  console.log(`answer: ${answer.short?.text} | ${answer.passages[0]?.text} [${answer.passages[0]?.citation.title}, ${answer.passages[0]?.citation.published}]`);
  client.close();
  if (answer.short?.text !== "about an hour") process.exit(1);
})().catch((error) => { console.error(error.message); process.exit(1); });
' "ws://127.0.0.1:$PORT/ws"
echo "smoke:container: ok"
