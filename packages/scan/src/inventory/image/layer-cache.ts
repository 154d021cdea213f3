/**
 * Layers already scanned, cached by digest (`--cache-dir`): one JSON file per layer and cataloger set. A layer's
 * content never changes for a digest, so an entry is valid until the catalogers change (their names and CACHE_VERSION
 * are in the key).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayerResult } from './layer-stream.js';

const CACHE_VERSION = 1;

export class LayerCache {
  constructor(
    private readonly dir: string,
    private readonly catalogerNames: readonly string[],
  ) {}

  private file(digest: string): string {
    const key = createHash('sha256')
      .update(`${CACHE_VERSION}\n${digest}\n${[...this.catalogerNames].sort().join(',')}`)
      .digest('hex');
    return join(this.dir, 'layers', `${key}.json`);
  }

  async get(digest: string): Promise<LayerResult | undefined> {
    try {
      return JSON.parse(await readFile(this.file(digest), 'utf8')) as LayerResult;
    } catch {
      return undefined; // absent or unreadable: scan the layer again
    }
  }

  async put(digest: string, result: LayerResult): Promise<void> {
    const file = this.file(digest);
    await mkdir(join(this.dir, 'layers'), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(result));
    await rename(tmp, file); // atomic: a concurrent reader sees all or nothing
  }
}
