#!/usr/bin/env bash
# Builds a real rpmdb.sqlite once, outside the repository: two tiny packages made by rpmbuild (one with an epoch) and
# registered with `rpm --justdb` under $CACHE/root/var/lib/rpm. Needs the Debian package rpm (rpm 4.18: sqlite backend).
# Usage: build-rpmdb.sh [CACHE] (default /var/cache/rampart-test/rpmdb).
set -euo pipefail
cache=${1:-${RAMPART_TEST_CACHE:-/var/cache/rampart-test}/rpmdb}
[[ -f $cache/done ]] && { echo "$cache"; exit 0; }
command -v rpmbuild >/dev/null || { echo "missing rpmbuild (apt-get install rpm)" >&2; exit 3; }
rm -rf "$cache" && mkdir -p "$cache/SPECS" "$cache/root/var/lib/rpm"
spec() { # name version release epoch license
  cat >"$cache/SPECS/$1.spec" <<SPEC
Name: $1
Version: $2
Release: $3
${4:+Epoch: $4}
Summary: Rampart rpmdb test package
License: $5
BuildArch: noarch
%description
Test package for the rpmdb.sqlite cataloger.
%files
SPEC
  rpmbuild --quiet --define "_topdir $cache" -bb "$cache/SPECS/$1.spec" >/dev/null 2>&1
}
spec rampart-hello 1.2.3 4.el9 2 MIT
spec rampart-world 0.9 1.el9 "" "GPL-2.0-or-later"
rpm --root "$cache/root" --dbpath /var/lib/rpm --initdb
rpm --root "$cache/root" --dbpath /var/lib/rpm -i --nodeps --justdb --noscripts "$cache"/RPMS/noarch/*.rpm 2>/dev/null
touch "$cache/done"
echo "$cache"
