#!/usr/bin/env bash
# Builds the real Debian test image once and caches it outside the repository:
#   $CACHE/rootfs            debootstrap --variant=minbase bookworm (about 90 packages)
#   $CACHE/oci               an OCI image layout (umoci), tag "bookworm"
#   $CACHE/debian.tar        the same image as a `docker save` archive (skopeo)
# Needs root and the Debian packages debootstrap, umoci, skopeo (listed in .ci/apt-packages.txt). Idempotent: a complete
# cache (the `done` marker) is left alone. Usage: build-debian-image.sh [CACHE] (default /var/cache/rampart-test/debian).
set -euo pipefail
cache=${1:-${RAMPART_TEST_CACHE:-/var/cache/rampart-test}/debian}
[[ -f $cache/done ]] && { echo "$cache"; exit 0; }
for tool in debootstrap umoci skopeo; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install debootstrap umoci skopeo)" >&2; exit 3; }
done
rm -rf "$cache" && mkdir -p "$cache"
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
debootstrap --variant=minbase bookworm "$cache/rootfs" "$mirror" >"$cache/debootstrap.log" 2>&1 \
  || { tail -20 "$cache/debootstrap.log" >&2; exit 3; }
# umoci repacks a bundle's rootfs into one layer; the bundle must be made by umoci itself.
umoci init --layout "$cache/oci"
umoci new --image "$cache/oci:bookworm"
umoci unpack --rootless --image "$cache/oci:bookworm" "$cache/bundle" >/dev/null
cp -a "$cache/rootfs/." "$cache/bundle/rootfs/"
umoci repack --image "$cache/oci:bookworm" "$cache/bundle"
umoci config --image "$cache/oci:bookworm" --os linux --architecture amd64
rm -rf "$cache/bundle"
skopeo copy --quiet "oci:$cache/oci:bookworm" "docker-archive:$cache/debian.tar:rampart-test/debian:bookworm"
touch "$cache/done"
echo "$cache"
