#!/usr/bin/env bash
# Makes sure the local Docker engine has the base images reference-server/Dockerfile builds on,
# node:20-bookworm and node:20-bookworm-slim, and with `--redis <tag>` the Redis image
# examples/compose.yaml runs.
#
#   scripts/docker-stand-in-bases.sh [--redis redis:7.4-bookworm]
#
# For each image: present locally -> nothing to do. Otherwise it is pulled from the registry; when
# no registry answers (a machine that reaches only Debian's mirror and the npm registry), a local
# stand-in is made from Debian instead:
#
# - node:20-bookworm-slim: Debian bookworm (debootstrap, minbase) with this machine's own Node.js
#   and npm copied in, CA certificates (with the machine's extra CAs from
#   /usr/local/share/ca-certificates, which Node.js gets through NODE_EXTRA_CA_CERTS), npm's
#   nodedir and cafile settings in /usr/etc/npmrc, and the user node (uid and gid 1000);
# - node:20-bookworm: the same plus python3, make, g++ and git, for native modules;
# - the Redis image: Debian's redis-server and redis-tools, run as the user redis in /data.
#
# Stand-ins carry the label org.regiekit.stand-in (what they were made from). Build on them with
# the classic builder, DOCKER_BUILDKIT=0: BuildKit would fetch the Dockerfile's `# syntax=`
# frontend from a registry. The debootstrap result and the downloaded packages are cached in
# REGIEKIT_STAND_IN_CACHE (default /var/cache/regiekit-stand-in-bases), so making the images
# again, e.g. after `docker system prune`, downloads nothing. Needs root for debootstrap and chroot.
set -euo pipefail

SLIM=node:20-bookworm-slim
FULL=node:20-bookworm
REDIS=
LABEL=org.regiekit.stand-in
SUITE=bookworm
MIRROR=${REGIEKIT_DEBIAN_MIRROR:-http://deb.debian.org/debian}
CACHE=${REGIEKIT_STAND_IN_CACHE:-/var/cache/regiekit-stand-in-bases}
PULL_TIMEOUT=${REGIEKIT_PULL_TIMEOUT:-30}

while [ $# -gt 0 ]; do
  case $1 in
    --redis) REDIS=${2:?--redis needs an image tag}; shift 2 ;;
    *) echo "usage: $0 [--redis <tag>]" >&2; exit 2 ;;
  esac
done

log() { echo "stand-in-bases: $*" >&2; }
fail() { log "$*"; exit 1; }
have_image() { docker image inspect "$1" >/dev/null 2>&1; }

docker info >/dev/null 2>&1 || fail 'no Docker engine answers (docker info); start dockerd first'

missing_images() {
  local image
  for image in "$SLIM" "$FULL" ${REDIS:+"$REDIS"}; do have_image "$image" || echo "$image"; done
}
mapfile -t wanted < <(missing_images)
if [ ${#wanted[@]} -eq 0 ]; then
  log "present: $SLIM $FULL${REDIS:+ $REDIS}"
  exit 0
fi

# The registry first: the first missing image decides whether one answers.
if timeout "$PULL_TIMEOUT" docker pull -q "${wanted[0]}" >/dev/null 2>&1; then
  for image in "${wanted[@]:1}"; do docker pull -q "$image" >/dev/null; done
  log "pulled: ${wanted[*]}"
  exit 0
fi
log "no registry answers for ${wanted[0]}; making local stand-ins from Debian $SUITE"

[ "$(id -u)" -eq 0 ] || fail 'making stand-ins needs root (debootstrap, chroot)'
command -v debootstrap >/dev/null || fail 'debootstrap missing: apt-get install -y debootstrap'
# Another test run on this machine may be making the same images: one at a time, and what it made
# is not made again.
mkdir -p "$CACHE"
exec 9>"$CACHE/lock"
flock 9
mapfile -t wanted < <(missing_images)
[ ${#wanted[@]} -gt 0 ] || exit 0
command -v node >/dev/null && dpkg -s nodejs >/dev/null 2>&1 ||
  fail "the stand-ins copy this machine's Node.js, Debian package nodejs, which is not installed"
node_version=$(node --version)
[[ $node_version == v20.* ]] || fail "this machine's Node.js is $node_version; the images are node:20"

# Debian itself, once: the minimal base every stand-in starts from.
base=$CACHE/$SUITE-minbase
if [ ! -e "$base/.complete" ]; then
  log "debootstrap $SUITE (minbase) into $base"
  rm -rf "$base"
  debootstrap --variant=minbase "$SUITE" "$base" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 ||
    fail "debootstrap failed; see $CACHE/debootstrap.log"
  rm -f "$base"/var/cache/apt/archives/*.deb
  touch "$base/.complete"
fi
archives=$CACHE/apt-archives
mkdir -p "$archives"

work=$(mktemp -d "$CACHE/build.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A copy of the base to change; package installs never start services and reuse the cached .debs.
fresh_tree() {
  local tree=$work/$1
  cp -a "$base" "$tree"
  rm -f "$tree/.complete"
  cp /etc/resolv.conf "$tree/etc/resolv.conf"
  printf '#!/bin/sh\nexit 101\n' >"$tree/usr/sbin/policy-rc.d"
  chmod 755 "$tree/usr/sbin/policy-rc.d"
  echo "$tree"
}

install_packages() {
  local tree=$1
  shift
  cp -a "$archives/." "$tree/var/cache/apt/archives/"
  local install=(env DEBIAN_FRONTEND=noninteractive chroot "$tree" apt-get install -y -qq --no-install-recommends "$@")
  # The cached package lists may be older than the mirror: on a miss, fetch them again.
  if ! "${install[@]}" >>"$work/apt.log" 2>&1; then
    chroot "$tree" apt-get update -qq >>"$work/apt.log" 2>&1 && "${install[@]}" >>"$work/apt.log" 2>&1 ||
      fail "apt-get install $* failed in the stand-in: $(tail -5 "$work/apt.log")"
  fi
  cp -a -n "$tree"/var/cache/apt/archives/*.deb "$archives/" 2>/dev/null || true
}

finish_tree() {
  local tree=$1
  rm -f "$tree/usr/sbin/policy-rc.d" "$tree"/var/cache/apt/archives/*.deb
  find "$tree/var/lib/apt/lists" -maxdepth 1 -type f -delete
  rm -rf "$tree/tmp/"*
  : >"$tree/etc/resolv.conf"
}

import_tree() {
  local tree=$1 tag=$2
  shift 2
  tar -C "$tree" -c . | docker import "$@" -c "LABEL $LABEL=\"$STAND_IN_OF\"" - "$tag" >/dev/null
  log "made $tag"
}

is_wanted() { printf '%s\n' "${wanted[@]}" | grep -qxF -e "$1"; }

if is_wanted "$SLIM" || is_wanted "$FULL"; then
  STAND_IN_OF="debian $SUITE with node $node_version of this machine"
  slim=$(fresh_tree slim)
  # This machine's Node.js: the files of its nodejs package, then npm as it is now (npm may have
  # been upgraded outside dpkg).
  dpkg -L nodejs | while IFS= read -r file; do
    if [ -f "$file" ] || [ -L "$file" ]; then printf '%s\n' "${file#/}"; fi
  done | tar -C / -c --no-recursion -T - | tar -C "$slim" -x
  rm -rf "$slim/usr/lib/node_modules/npm"
  cp -a /usr/lib/node_modules/npm "$slim/usr/lib/node_modules/npm"
  install_packages "$slim" ca-certificates
  # The machine's extra CAs: its TLS egress to the npm registry may be signed by one of them.
  if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$slim/usr/local/share/ca-certificates/"
  fi
  chroot "$slim" update-ca-certificates >/dev/null 2>&1
  mkdir -p "$slim/usr/etc"
  printf 'nodedir=/usr\ncafile=/etc/ssl/certs/ca-certificates.crt\nregistry=%s\n' "$(npm config get registry)" \
    >"$slim/usr/etc/npmrc"
  chroot "$slim" groupadd --gid 1000 node
  chroot "$slim" useradd --uid 1000 --gid node --shell /bin/bash --create-home node

  full=$work/full
  cp -a "$slim" "$full"
  install_packages "$full" python3 make g++ git
  node_changes=(
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
    -c 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt'
    -c 'CMD ["node"]'
  )
  for tree in "$slim" "$full"; do finish_tree "$tree"; done
  if is_wanted "$SLIM"; then import_tree "$slim" "$SLIM" "${node_changes[@]}"; fi
  if is_wanted "$FULL"; then import_tree "$full" "$FULL" "${node_changes[@]}"; fi
  rm -rf "$slim" "$full"
fi

if [ -n "$REDIS" ] && is_wanted "$REDIS"; then
  redis=$(fresh_tree redis)
  install_packages "$redis" redis-server redis-tools
  STAND_IN_OF="debian $SUITE redis-server $(chroot "$redis" dpkg-query -W -f '${Version}' redis-server)"
  install -d -o "$(chroot "$redis" id -u redis)" -g "$(chroot "$redis" id -g redis)" -m 755 "$redis/data"
  finish_tree "$redis"
  import_tree "$redis" "$REDIS" \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'USER redis' -c 'WORKDIR /data' -c 'VOLUME /data' -c 'EXPOSE 6379' -c 'CMD ["redis-server"]'
fi
