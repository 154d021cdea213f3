#!/usr/bin/env bash
# Builds a ~1 GB (compressed) one-layer OCI image for the memory figure of bench/scan-inventory: the debootstrap rootfs,
# the npm-1000 tree, and 900 MB of incompressible data, zstd-compressed. Needs build-debian-image.sh and
# build-npm-tree.sh first (their caches), zstd and python3. Usage: build-large-image.sh [CACHE]
# (default /var/cache/rampart-test/large); the layout is $CACHE/layout, tag "big".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${1:-${RAMPART_TEST_CACHE:-/var/cache/rampart-test}/large}
[[ -f $cache/done ]] && { echo "$cache"; exit 0; }
debian=$("$here/build-debian-image.sh" | tail -n1)
npm=$("$here/build-npm-tree.sh" | tail -n1)
rm -rf "$cache" && mkdir -p "$cache/stage/app" "$cache/layout/blobs/sha256"
cd "$cache"
cp -a "$debian/rootfs/." stage/
cp -a "$npm/node_modules" stage/app/node_modules
head -c 900M /dev/urandom >stage/opt-big.bin
tar -C stage -cf layer.tar .
zstd -q -T2 -3 -f layer.tar -o layer.tar.zst
python3 - <<'PY'
import hashlib, json, os
def h(p):
    d=hashlib.sha256()
    with open(p,'rb') as f:
        for c in iter(lambda: f.read(1<<20), b''): d.update(c)
    return d.hexdigest()
diff=h('layer.tar'); blob=h('layer.tar.zst')
os.replace('layer.tar.zst', f'layout/blobs/sha256/{blob}')
cfg=json.dumps({"os":"linux","architecture":"amd64","rootfs":{"type":"layers","diff_ids":["sha256:"+diff]}}).encode()
c=hashlib.sha256(cfg).hexdigest(); open(f'layout/blobs/sha256/{c}','wb').write(cfg)
man=json.dumps({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:"+c,"size":len(cfg)},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+zstd","digest":"sha256:"+blob,"size":os.path.getsize(f'layout/blobs/sha256/{blob}')}]}).encode()
m=hashlib.sha256(man).hexdigest(); open(f'layout/blobs/sha256/{m}','wb').write(man)
open('layout/index.json','w').write(json.dumps({"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:"+m,"size":len(man),"annotations":{"org.opencontainers.image.ref.name":"big"}}]}))
open('layout/oci-layout','w').write('{"imageLayoutVersion":"1.0.0"}')
PY
rm -rf stage layer.tar
touch done
echo "$cache"
