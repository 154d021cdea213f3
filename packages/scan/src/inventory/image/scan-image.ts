/**
 * `scanImage`: an image from a registry (`REF`), a `docker save` archive (`--input FILE.tar`), or an OCI layout
 * (`oci:DIR[:TAG]`). Layers are streamed in order; each layer's whiteouts and opaque directories remove what earlier
 * layers had, and its files replace the same paths. A broken layer is an error of a partial inventory, not a crash.
 */
import { RampartError } from '@rampart/core';
import { catalogersFor } from '../catalog/index.js';
import { Collector } from '../collect.js';
import type { ImageInfo, Inventory, InventoryError } from '../types.js';
import { openDockerArchive } from './docker-archive.js';
import { LayerCache } from './layer-cache.js';
import { type LayerResult, scanLayer } from './layer-stream.js';
import { openOciLayout } from './oci-layout.js';
import { parsePlatform } from './platform.js';
import { openRegistryImage, type RegistryOptions } from './registry.js';
import type { ImageSource } from './source.js';

export interface ScanImageOptions extends RegistryOptions {
  /** A `docker save` tar instead of a registry reference. */
  input?: string;
  /** `os/arch[/variant]` for multi-platform images (default linux/amd64). */
  platform?: string;
  cacheDir?: string;
  catalogers?: readonly string[];
  maxFileSize?: number;
}

async function openSource(ref: string, opts: ScanImageOptions): Promise<ImageSource> {
  const platform = parsePlatform(opts.platform);
  if (opts.input !== undefined) return openDockerArchive(opts.input);
  if (ref.startsWith('oci:')) return openOciLayout(ref, platform);
  if (ref.startsWith('docker-archive:')) return openDockerArchive(ref.slice('docker-archive:'.length));
  return openRegistryImage(ref, platform, opts);
}

function apply(collector: Collector, layer: LayerResult): void {
  for (const dir of layer.opaqueDirs) collector.removeUnder(dir);
  for (const w of layer.whiteouts) {
    collector.remove(w);
    collector.removeUnder(w);
  }
  for (const p of layer.paths) collector.remove(p);
  for (const f of layer.files) collector.add(f.file, f.result);
  for (const e of layer.errors) collector.error(e);
  for (const s of layer.skipped) collector.skip(s);
}

export async function scanImage(ref: string, opts: ScanImageOptions = {}): Promise<Inventory> {
  const target = opts.input ?? ref;
  if (target === '') throw new RampartError('USAGE', 'an image reference, oci:DIR or --input FILE.tar is required');
  const source = await openSource(ref, opts);
  const catalogers = catalogersFor('rootfs', opts.catalogers);
  const cache =
    opts.cacheDir === undefined
      ? undefined
      : new LayerCache(
          opts.cacheDir,
          catalogers.map((c) => c.name),
        );
  const collector = new Collector();
  const errors: InventoryError[] = [];
  const image: ImageInfo = { ref: target, layers: [] };
  if (source.manifestDigest !== undefined) image.digest = source.manifestDigest;
  if (source.configDigest !== undefined) image.configDigest = source.configDigest;
  if (source.platform !== undefined) image.platform = source.platform;
  try {
    for (const layer of source.layers) {
      const key = layer.diffId ?? layer.digest;
      let result = await cache?.get(key);
      const cached = result !== undefined;
      if (result === undefined) {
        try {
          const stream = await source.open(layer);
          result = await scanLayer(
            stream,
            layer.digest,
            layer.digest,
            catalogers,
            opts.maxFileSize ?? 512 * 1024 * 1024,
          );
          await cache?.put(key, result);
        } catch (e) {
          const message = e instanceof RampartError ? e.message : `layer ${layer.digest}: ${(e as Error).message}`;
          errors.push({ file: layer.digest, message: `${target}: ${message}` });
          image.layers.push({ digest: layer.digest, ...(layer.diffId ? { diffId: layer.diffId } : {}) });
          continue;
        }
      }
      apply(collector, result);
      image.layers.push({
        digest: layer.digest,
        ...(layer.diffId !== undefined ? { diffId: layer.diffId } : {}),
        ...(layer.size !== undefined ? { size: layer.size } : {}),
        cached,
      });
    }
  } finally {
    await source.close();
  }
  const inv = collector.finish(target, 'image', errors);
  inv.image = image;
  return inv;
}
