/** Every cataloger, and the selection per scan mode. Adding a format: one file here, one line below. */
import { apkCataloger } from './apk.js';
import { cargoLockCataloger } from './cargo-lock.js';
import type { Cataloger, ScanMode } from './cataloger.js';
import { dpkgCataloger } from './dpkg.js';
import { dpkgCopyrightCataloger } from './dpkg-copyright.js';
import { goBinaryCataloger } from './go-binary.js';
import { goModCataloger } from './go-mod.js';
import { javaArchiveCataloger } from './java-archive.js';
import { nodePackageCataloger } from './node-package.js';
import { npmLockCataloger } from './npm-lock.js';
import { osReleaseCataloger } from './os-release.js';
import { composerLockCataloger, dotnetCataloger } from './php-dotnet.js';
import { pnpmLockCataloger } from './pnpm-lock.js';
import { pythonLockCataloger } from './python-locks.js';
import { pythonMetadataCataloger } from './python-metadata.js';
import { rpmCataloger } from './rpm.js';
import { gemfileLockCataloger, gemspecCataloger } from './ruby.js';
import { yarnLockCataloger } from './yarn-lock.js';

export const CATALOGERS: readonly Cataloger[] = [
  osReleaseCataloger,
  dpkgCataloger,
  dpkgCopyrightCataloger,
  apkCataloger,
  rpmCataloger,
  npmLockCataloger,
  yarnLockCataloger,
  pnpmLockCataloger,
  nodePackageCataloger,
  pythonMetadataCataloger,
  pythonLockCataloger,
  goModCataloger,
  goBinaryCataloger,
  javaArchiveCataloger,
  cargoLockCataloger,
  gemfileLockCataloger,
  gemspecCataloger,
  composerLockCataloger,
  dotnetCataloger,
];

export function catalogersFor(mode: ScanMode, names?: readonly string[]): Cataloger[] {
  return CATALOGERS.filter((c) => c.modes.includes(mode) && (names === undefined || names.includes(c.name)));
}

export type { Cataloger, ScanMode } from './cataloger.js';
