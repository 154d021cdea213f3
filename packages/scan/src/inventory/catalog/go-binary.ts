/**
 * The module build info Go (1.18+) embeds in every binary it links: the `\xff Go buildinf:` header, then (with the
 * inline-strings flag) the Go version and the `modinfo` text of `path`/`mod`/`dep`/`=>` lines. Older binaries keep the
 * strings behind pointers; they are reported as skipped rather than guessed at.
 */
import type { Cataloger, CatalogResult, FoundPackage } from './cataloger.js';
import { goPackage } from './go-common.js';

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
const FLAG_INLINE = 0x2;
/** Go binaries are never this small; smaller executables are not opened at all. */
const MIN_SIZE = 512 * 1024;
/** Names no Go binary has: the walker does not even stat them (most files of a node_modules or a Python tree). */
const NOT_BINARY =
  /\.(?:[cm]?js|[cm]?ts|jsx|tsx|json|map|md|markdown|txt|html?|css|scss|ya?ml|toml|xml|py|pyc|pyi|rb|php|java|class|go|rs|c|h|cc|hpp|png|jpe?g|gif|svg|ico|gz|zip|jar|whl|lock|cfg|ini|conf|pem|crt|mo|po|pc|la|a|o|1|gemspec|egg-info|LICENSE)$|(?:^|\/)(?:LICENSE|README|CHANGELOG|METADATA|RECORD|PKG-INFO)[^/]*$/i;

function uvarint(buf: Buffer, at: number): [number, number] {
  let x = 0;
  let shift = 0;
  for (let i = at; i < buf.length && i < at + 10; i++) {
    const b = buf[i] as number;
    x += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [x, i + 1];
    shift += 7;
  }
  return [-1, at];
}

export interface GoBuildInfo {
  goVersion: string;
  modinfo: string;
}

export function readBuildInfo(bin: Buffer): GoBuildInfo | 'pointer-format' | undefined {
  let at = bin.indexOf(MAGIC);
  // The header is 16-byte aligned; an unaligned hit is a string that happens to match.
  while (at >= 0 && at % 16 !== 0) at = bin.indexOf(MAGIC, at + 1);
  if (at < 0 || at + 32 > bin.length) return undefined;
  const flags = bin[at + 15] as number;
  if ((flags & FLAG_INLINE) === 0) return 'pointer-format';
  const [vlen, vend] = uvarint(bin, at + 32);
  if (vlen < 0 || vend + vlen > bin.length) return undefined;
  const goVersion = bin.toString('utf8', vend, vend + vlen);
  const [mlen, mend] = uvarint(bin, vend + vlen);
  if (mlen < 0 || mend + mlen > bin.length) return undefined;
  let modinfo = bin.toString('utf8', mend, mend + mlen);
  // modinfo is framed by 16-byte sentinels.
  if (modinfo.length >= 33 && modinfo[modinfo.length - 17] === '\n') modinfo = modinfo.slice(16, -16);
  return { goVersion, modinfo };
}

export function parseModinfo(modinfo: string, path: string): FoundPackage[] {
  const out: FoundPackage[] = [];
  let last: FoundPackage | undefined;
  for (const line of modinfo.split('\n')) {
    const [kind, module, version] = line.split('\t');
    if (module === undefined || version === undefined) continue;
    if (kind === 'mod' || kind === 'dep') {
      if (version === '(devel)' || version === '' || module.startsWith('.')) {
        last = undefined;
        continue;
      }
      last = goPackage(module, version, { path }, 'go-binary');
      out.push(last);
    } else if (kind === '=>' && last !== undefined && version !== '' && version !== '(devel)') {
      // A replacement applies to the dep line just before it (a local-path one, without version, keeps it).
      const replaced = goPackage(module, version, { path }, 'go-binary');
      out[out.length - 1] = replaced;
      last = replaced;
    }
  }
  return out;
}

export const goBinaryCataloger: Cataloger = {
  name: 'go-binary',
  modes: ['rootfs'],
  wants: (path, size, mode) =>
    size < 0 ? !NOT_BINARY.test(path) : size >= MIN_SIZE && (mode & 0o111) !== 0 && !NOT_BINARY.test(path),
  peek: { bytes: 4, accept: (head) => head.subarray(0, 4).equals(ELF) },
  parse(content, file): CatalogResult {
    const info = readBuildInfo(content);
    if (info === undefined) return { packages: [] };
    if (info === 'pointer-format') {
      return {
        packages: [],
        skipped: [{ file: file.path, reason: 'Go binary built before Go 1.18 (pointer build info)' }],
      };
    }
    return { packages: parseModinfo(info.modinfo, file.path) };
  },
};
