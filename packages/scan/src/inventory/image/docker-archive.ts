/**
 * `docker save` archives (`--input FILE.tar`): `manifest.json` names the config and the layer tars; each layer is read in
 * place through the tar index and verified against the config's diff IDs (the sha256 of the uncompressed layer tar).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { RampartError } from '@rampart/core';
import type { ImageConfig, ImageSource, LayerRef } from './source.js';
import { indexTar, type TarMember } from './tar-index.js';

async function member(file: string, members: Map<string, TarMember>, name: string): Promise<Buffer> {
  const m = members.get(name);
  if (m === undefined)
    throw new RampartError('INPUT_INVALID', `${file}: ${name} is missing from the archive`, { file });
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(m.size);
    await fh.read(buf, 0, m.size, m.offset);
    return buf;
  } finally {
    await fh.close();
  }
}

function json<T>(file: string, name: string, buf: Buffer): T {
  try {
    return JSON.parse(buf.toString('utf8')) as T;
  } catch (e) {
    throw new RampartError('INPUT_INVALID', `${file}: ${name} is not valid JSON: ${(e as Error).message}`, { file });
  }
}

export async function openDockerArchive(file: string): Promise<ImageSource> {
  const members = await indexTar(file).catch((e) => {
    if (e instanceof RampartError) throw e;
    throw new RampartError('INPUT_NOT_FOUND', `cannot read image archive ${file}: ${(e as Error).message}`, { file });
  });
  const manifests = json<{ Config?: string; Layers?: string[]; RepoTags?: string[] }[]>(
    file,
    'manifest.json',
    await member(file, members, 'manifest.json'),
  );
  const m = manifests[0];
  if (!Array.isArray(manifests) || m?.Config === undefined || !Array.isArray(m.Layers)) {
    throw new RampartError('INPUT_INVALID', `${file}: manifest.json has no image (Config, Layers)`, {
      file,
      field: 'manifest.json',
    });
  }
  const config = json<ImageConfig>(file, m.Config, await member(file, members, m.Config));
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== m.Layers.length) {
    throw new RampartError(
      'INPUT_INVALID',
      `${file}: ${m.Layers.length} layers but ${diffIds.length} diff IDs in the config`,
      {
        file,
      },
    );
  }
  const layers: (LayerRef & { name: string })[] = m.Layers.map((name, i) => ({
    name,
    // Docker 25+ archives are OCI layouts inside: a `blobs/sha256/<hex>` layer is verified against its own name
    // (it may be compressed); the classic `<id>/layer.tar` is the uncompressed layer, verified against its diff ID.
    digest: /^blobs\/sha256\/[a-f0-9]{64}$/.test(name) ? `sha256:${name.slice(13)}` : (diffIds[i] as string),
    diffId: diffIds[i] as string,
    size: members.get(name)?.size ?? 0,
  }));
  const configDigest = `sha256:${m.Config.replace(/^blobs\/sha256\//, '').replace(/\.json$/, '')}`;
  return {
    ref: file,
    configDigest,
    platform: `${config.os ?? 'linux'}/${config.architecture ?? 'amd64'}`,
    layers,
    async open(layer) {
      const name = (layer as LayerRef & { name: string }).name;
      const at = members.get(name);
      if (at === undefined) throw new RampartError('INPUT_INVALID', `${file}: layer ${name} is missing`, { file });
      if (at.size === 0) return Readable.from([]);
      return createReadStream(file, { start: at.offset, end: at.offset + at.size - 1 });
    },
    async close() {},
  };
}
