/**
 * Writes small real OCI image layouts for tests: layers are real tar streams (tar-stream), gzip (node:zlib) or zstd
 * (the `zstd` tool) compressed, with whiteouts where a test wants them; digests are computed, not invented.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

export interface LayerEntry {
  path: string;
  /** File content; undefined makes a directory. */
  content?: string;
  mode?: number;
  /** Makes a hard link to this earlier path of the same layer. */
  linkTo?: string;
}

export async function tarOf(entries: readonly LayerEntry[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((r) => p.on('end', () => r()));
  for (const e of entries) {
    if (e.linkTo !== undefined) p.entry({ name: e.path, type: 'link', linkname: e.linkTo });
    else if (e.content === undefined) p.entry({ name: e.path, type: 'directory', mode: 0o755 });
    else p.entry({ name: e.path, mode: e.mode ?? 0o644 }, e.content);
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

function digest(b: Buffer): string {
  return `sha256:${createHash('sha256').update(b).digest('hex')}`;
}

export type Compression = 'gzip' | 'zstd' | 'none';

export function compress(tar: Buffer, c: Compression): Buffer {
  if (c === 'gzip') return gzipSync(tar);
  if (c === 'zstd') return execFileSync('zstd', ['-q', '-c'], { input: tar, maxBuffer: 1 << 30 });
  return tar;
}

const MEDIA: Record<Compression, string> = {
  gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  none: 'application/vnd.oci.image.layer.v1.tar',
};

/** Writes `dir` as an OCI layout with one image tagged `tag`; returns the layer blob digests. */
export async function writeOciLayout(
  dir: string,
  layers: { entries: LayerEntry[]; compression: Compression }[],
  tag = 'test',
): Promise<string[]> {
  mkdirSync(join(dir, 'blobs/sha256'), { recursive: true });
  const blob = (b: Buffer) => {
    const d = digest(b);
    writeFileSync(join(dir, 'blobs/sha256', d.slice(7)), b);
    return d;
  };
  const descs: { mediaType: string; digest: string; size: number }[] = [];
  const diffIds: string[] = [];
  for (const l of layers) {
    const tar = await tarOf(l.entries);
    diffIds.push(digest(tar));
    const body = compress(tar, l.compression);
    descs.push({ mediaType: MEDIA[l.compression], digest: blob(body), size: body.length });
  }
  const config = Buffer.from(
    JSON.stringify({ os: 'linux', architecture: 'amd64', rootfs: { type: 'layers', diff_ids: diffIds } }),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: blob(config), size: config.length },
      layers: descs,
    }),
  );
  const md = blob(manifest);
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: md,
          size: manifest.length,
          annotations: { 'org.opencontainers.image.ref.name': tag },
        },
      ],
    }),
  );
  return descs.map((d) => d.digest);
}
