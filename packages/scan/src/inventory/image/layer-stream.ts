/**
 * Streams one layer: hash the blob as it passes (digest check), decompress, walk the tar entries, and hand only wanted
 * files to the catalogers (their bytes are buffered one file at a time, so memory stays bounded whatever the layer size).
 * Whiteouts (`.wh.name`) and opaque markers (`.wh..wh..opq`) are collected to be applied over the earlier layers.
 */
import { createHash } from 'node:crypto';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract } from 'tar-stream';
import type { Cataloger, CatalogFile, CatalogResult } from '../catalog/cataloger.js';
import { CatalogError } from '../catalog/cataloger.js';
import type { InventoryError, InventorySkip } from '../types.js';
import { decoderFor, sniffCompression } from './decompress.js';

/** What one layer contributes; serializable, so it can be cached by digest. */
export interface LayerResult {
  files: { file: CatalogFile; result: CatalogResult }[];
  /** Every regular file path of the layer that some cataloger wanted (they replace the same path of earlier layers). */
  paths: string[];
  whiteouts: string[];
  opaqueDirs: string[];
  errors: InventoryError[];
  skipped: InventorySkip[];
}

const WH = '.wh.';
const OPAQUE = '.wh..wh..opq';

function cleanPath(name: string): string {
  const parts: string[] = [];
  for (const seg of name.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..')
      parts.pop(); // cannot climb above the root of the layer
    else parts.push(seg);
  }
  return parts.join('/');
}

export async function scanLayer(
  input: Readable,
  expectedDigest: string,
  layerDigest: string,
  catalogers: readonly Cataloger[],
  maxFileSize: number,
): Promise<LayerResult> {
  const out: LayerResult = { files: [], paths: [], whiteouts: [], opaqueDirs: [], errors: [], skipped: [] };
  const hash = createHash('sha256');
  const tar = extract();
  const entries = (async () => {
    for await (const entry of tar) {
      const h = entry.header;
      const path = cleanPath(h.name);
      const slash = path.lastIndexOf('/');
      const base = path.slice(slash + 1);
      const dir = slash < 0 ? '' : path.slice(0, slash);
      if (base === OPAQUE) out.opaqueDirs.push(dir);
      else if (base.startsWith(WH))
        out.whiteouts.push(dir === '' ? base.slice(WH.length) : `${dir}/${base.slice(WH.length)}`);
      if (h.type === 'link' && h.linkname !== undefined && h.linkname !== null) {
        // A hard link names a file of this layer: it gets that file's packages under its own path.
        const target = cleanPath(h.linkname);
        const linked = out.files.filter((f) => f.file.path === target);
        if (linked.length > 0 && catalogers.some((c) => c.wants(path, linked[0]?.file.size ?? 0, h.mode ?? 0))) {
          out.paths.push(path);
          for (const f of linked)
            out.files.push({ file: { ...f.file, path }, result: relocate(f.result, target, path) });
        }
      }
      if (h.type !== 'file' || base.startsWith(WH)) {
        entry.resume();
        continue;
      }
      const size = h.size ?? 0;
      const wanted = catalogers.filter((c) => c.wants(path, size, h.mode ?? 0));
      if (wanted.length === 0) {
        entry.resume();
        continue;
      }
      out.paths.push(path);
      if (size > maxFileSize) {
        out.skipped.push({ file: path, reason: `larger than the ${maxFileSize}-byte limit (${size} bytes)` });
        entry.resume();
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      const content = Buffer.concat(chunks);
      const file: CatalogFile = { path, layer: layerDigest, size };
      for (const c of wanted) {
        if (c.peek !== undefined && !c.peek.accept(content.subarray(0, c.peek.bytes))) continue;
        try {
          out.files.push({ file, result: await c.parse(content, file) });
        } catch (e) {
          const message = `${c.name}: ${e instanceof Error ? e.message : String(e)}`;
          const line = e instanceof CatalogError ? e.line : undefined;
          out.errors.push(line === undefined ? { file: path, message } : { file: path, line, message });
        }
      }
    }
  })();
  const hasher = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await Promise.all([pipeline(input, hasher, new SniffingDecoder(), tar), entries]);
  } catch (e) {
    tar.destroy();
    throw new LayerError(`unreadable layer: ${(e as Error).message}`);
  }
  const got = `sha256:${hash.digest('hex')}`;
  if (expectedDigest.startsWith('sha256:') && got !== expectedDigest) {
    throw new LayerError(`blob digest mismatch: expected ${expectedDigest}, got ${got}`);
  }
  return out;
}

export class LayerError extends Error {
  override readonly name = 'LayerError';
}

/** The same packages found under another name (a hard link): locations follow the new path. */
function relocate(result: CatalogResult, from: string, to: string): CatalogResult {
  return {
    ...result,
    packages: result.packages.map((p) =>
      p.location.path === from ? { ...p, location: { ...p.location, path: to } } : p,
    ),
  };
}

/** Picks the decoder from the first bytes of the stream, then forwards everything through it. */
class SniffingDecoder extends Transform {
  private inner: Transform | undefined;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.inner === undefined) {
      const inner = decoderFor(sniffCompression(chunk));
      inner.on('data', (d: Buffer) => this.push(d));
      inner.on('error', (e) => this.destroy(e));
      this.inner = inner;
    }
    this.inner.write(chunk, () => done());
  }

  override _flush(done: TransformCallback): void {
    if (this.inner === undefined) {
      done();
      return;
    }
    this.inner.once('end', () => done());
    this.inner.end();
  }
}
