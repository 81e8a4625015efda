#!/usr/bin/env bash
# Builds the debian:bookworm-slim base image locally with debootstrap and imports it into the
# container engine, for machines that cannot pull from a public registry. Uses the Debian mirror
# configured in this machine's apt sources (override with DEBIAN_MIRROR). Needs root.
#
#   docker/make-base-image.sh [podman|docker]
set -euo pipefail

engine=${1:-${CONTAINER_ENGINE:-podman}}
image=docker.io/library/debian:bookworm-slim

if "$engine" image exists "$image" 2>/dev/null || "$engine" image inspect "$image" >/dev/null 2>&1; then
  echo "make-base-image: $image already present"
  exit 0
fi

# The first plain Debian archive URI of the apt sources (not -security, not -updates).
find_mirror() {
  local files=(/etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources)
  local f
  for f in "${files[@]}"; do
    [ -f "$f" ] || continue
    case "$f" in
      *.sources) awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }' "$f" ;;
      *) awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^(https?|file):/) { print $i; break } }' "$f" ;;
    esac
  done | grep -E '/debian/?$' | head -n 1
}

mirror=${DEBIAN_MIRROR:-$(find_mirror)}
if [ -z "$mirror" ]; then
  echo "make-base-image: no Debian mirror found in /etc/apt/sources.list*; set DEBIAN_MIRROR" >&2
  exit 1
fi
command -v debootstrap >/dev/null || { echo "make-base-image: debootstrap is missing (apt-get install debootstrap)" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "make-base-image: debootstrap needs root" >&2; exit 1; }

rootfs=$(mktemp -d "${TMPDIR:-/tmp}/diskdb-rootfs.XXXXXX")
trap 'rm -rf "$rootfs"' EXIT
echo "make-base-image: debootstrap bookworm from $mirror (about 1-2 minutes)"
if ! timeout 600 debootstrap --variant=minbase bookworm "$rootfs" "$mirror" > "$rootfs.log" 2>&1; then
  tail -n 20 "$rootfs.log" >&2
  echo "make-base-image: debootstrap failed (full log: $rootfs.log)" >&2
  exit 1
fi
rm -f "$rootfs.log"
# Slim it as the official image does: no package lists or caches.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb
tar -C "$rootfs" -c . | "$engine" import - "$image" >/dev/null
echo "make-base-image: imported $image"
