/** `--platform os/arch[/variant]` and choosing a manifest of an index (OCI image index, Docker manifest list). */
import { RampartError } from '@rampart/core';
import type { Descriptor } from './source.js';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export function parsePlatform(s: string | undefined): Platform {
  const [os, architecture, variant] = (s ?? 'linux/amd64').split('/');
  if (os === undefined || os === '' || architecture === undefined || architecture === '') {
    throw new RampartError('USAGE', `--platform ${s} is not os/arch[/variant] (e.g. linux/amd64)`, {
      field: '--platform',
    });
  }
  return variant === undefined ? { os, architecture } : { os, architecture, variant };
}

export function selectManifest(ref: string, manifests: readonly Descriptor[], platform: Platform): Descriptor {
  const match = manifests.find(
    (m) =>
      m.platform?.os === platform.os &&
      m.platform.architecture === platform.architecture &&
      (platform.variant === undefined || m.platform.variant === platform.variant),
  );
  if (match !== undefined) return match;
  // An index without platforms (a single-image OCI layout) has one obvious choice.
  if (manifests.length === 1 && manifests[0]?.platform === undefined) return manifests[0] as Descriptor;
  const have = manifests.map((m) => `${m.platform?.os}/${m.platform?.architecture}`).join(', ');
  throw new RampartError(
    'INPUT_INVALID',
    `${ref}: no manifest for platform ${platform.os}/${platform.architecture} (the index has: ${have || 'none'})`,
  );
}
