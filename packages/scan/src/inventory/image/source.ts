/** What every image source (docker-archive tar, OCI layout, registry) gives the layer scanner. */
import type { Readable } from 'node:stream';

export interface LayerRef {
  /** Digest the bytes of `open()` must hash to (`sha256:...`): the blob digest, or the diff ID for uncompressed tars. */
  digest: string;
  /** The uncompressed layer digest from the config, when known (the cache key that is the same across sources). */
  diffId?: string;
  mediaType?: string;
  size?: number;
}

export interface ImageSource {
  ref: string;
  manifestDigest?: string;
  configDigest?: string;
  platform?: string;
  /** os-release-independent facts from the config (not used for matching). */
  layers: LayerRef[];
  open(layer: LayerRef): Promise<Readable>;
  close(): Promise<void>;
}

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

export interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: { os?: string; architecture?: string; variant?: string };
}

export interface ImageManifest {
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
}

export interface ImageIndex {
  mediaType?: string;
  manifests: Descriptor[];
}

export interface ImageConfig {
  os?: string;
  architecture?: string;
  rootfs?: { diff_ids?: string[] };
}
