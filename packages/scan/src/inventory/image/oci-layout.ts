/**
 * OCI image layouts (`oci:DIR` or `oci:DIR:TAG`): `index.json` → (index →) manifest → config and layer blobs under
 * `blobs/<alg>/<hex>`. A tag selects by the `org.opencontainers.image.ref.name` annotation.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RampartError } from '@rampart/core';
import { type Platform, selectManifest } from './platform.js';
import {
  type Descriptor,
  type ImageConfig,
  type ImageIndex,
  type ImageManifest,
  type ImageSource,
  MEDIA,
} from './source.js';
import { verifiedJson } from './verify.js';

function blobPath(dir: string, digest: string): string {
  const [alg, hex] = digest.split(':');
  if (alg === undefined || hex === undefined || !/^[a-f0-9]+$/.test(hex)) {
    throw new RampartError('INPUT_INVALID', `${dir}: malformed digest ${digest}`, { file: dir });
  }
  return join(dir, 'blobs', alg, hex);
}

async function blob(dir: string, d: Descriptor): Promise<Buffer> {
  const path = blobPath(dir, d.digest);
  try {
    return await readFile(path);
  } catch {
    throw new RampartError('INPUT_INVALID', `${dir}: blob ${d.digest} is missing (${path})`, { file: path });
  }
}

export async function openOciLayout(spec: string, platform: Platform): Promise<ImageSource> {
  // `oci:DIR[:TAG]`
  const body = spec.replace(/^oci:/, '');
  const colon = body.lastIndexOf(':');
  const [dir, tag] =
    colon > 0 && !body.slice(colon).includes('/') ? [body.slice(0, colon), body.slice(colon + 1)] : [body, undefined];
  const indexFile = join(dir, 'index.json');
  const indexText = await readFile(indexFile, 'utf8').catch(() => {
    throw new RampartError('INPUT_NOT_FOUND', `${spec}: no OCI layout at ${dir} (index.json missing)`, {
      file: indexFile,
    });
  });
  let index: ImageIndex;
  try {
    index = JSON.parse(indexText) as ImageIndex;
  } catch (e) {
    throw new RampartError('INPUT_INVALID', `${spec}: index.json is not valid JSON: ${(e as Error).message}`, {
      file: indexFile,
    });
  }
  let candidates = index.manifests ?? [];
  if (tag !== undefined) {
    candidates = candidates.filter(
      (m) => (m as { annotations?: Record<string, string> }).annotations?.['org.opencontainers.image.ref.name'] === tag,
    );
    if (candidates.length === 0)
      throw new RampartError('INPUT_NOT_FOUND', `${spec}: no image tagged ${tag} in ${indexFile}`, { file: indexFile });
  }
  let desc = selectManifest(spec, candidates, platform);
  let manifest = verifiedJson<ImageManifest & ImageIndex>(spec, desc, await blob(dir, desc));
  if (desc.mediaType === MEDIA.ociIndex || desc.mediaType === MEDIA.dockerList || Array.isArray(manifest.manifests)) {
    desc = selectManifest(spec, manifest.manifests, platform);
    manifest = verifiedJson<ImageManifest & ImageIndex>(spec, desc, await blob(dir, desc));
  }
  if (
    manifest.mediaType !== undefined &&
    manifest.mediaType !== MEDIA.ociManifest &&
    manifest.mediaType !== MEDIA.dockerManifest
  ) {
    throw new RampartError('INPUT_INVALID', `${spec}: unsupported manifest media type ${manifest.mediaType}`);
  }
  if (manifest.config === undefined || !Array.isArray(manifest.layers)) {
    throw new RampartError(
      'INPUT_INVALID',
      `${spec}: manifest ${desc.digest} has no config and layers (media type ${manifest.mediaType ?? desc.mediaType})`,
    );
  }
  const config = verifiedJson<ImageConfig>(spec, manifest.config, await blob(dir, manifest.config));
  const diffIds = config.rootfs?.diff_ids ?? [];
  return {
    ref: spec,
    manifestDigest: desc.digest,
    configDigest: manifest.config.digest,
    platform: `${config.os ?? platform.os}/${config.architecture ?? platform.architecture}`,
    layers: manifest.layers.map((l, i) => ({
      digest: l.digest,
      diffId: diffIds[i],
      mediaType: l.mediaType,
      size: l.size,
    })),
    async open(layer) {
      return createReadStream(blobPath(dir, layer.digest));
    },
    async close() {},
  };
}
