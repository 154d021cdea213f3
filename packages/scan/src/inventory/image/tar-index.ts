/**
 * An index of a plain (uncompressed) tar file: member name → byte range, read from the 512-byte headers alone, so a
 * `docker save` archive's blobs can be streamed straight from the file without unpacking it. Handles ustar prefixes,
 * GNU long names (`L`) and PAX `path` records.
 */
import { open } from 'node:fs/promises';
import { RampartError } from '@rampart/core';

export interface TarMember {
  offset: number;
  size: number;
}

function octal(buf: Buffer, at: number, len: number): number {
  const s = buf
    .toString('latin1', at, at + len)
    .replace(/\0.*$/, '')
    .trim();
  return s === '' ? 0 : Number.parseInt(s, 8);
}

function cstr(buf: Buffer, at: number, len: number): string {
  const s = buf.toString('utf8', at, at + len);
  const z = s.indexOf('\0');
  return z < 0 ? s : s.slice(0, z);
}

/** The header checksum: the byte sum with the checksum field read as spaces (POSIX ustar, also v7 and GNU). */
function checksumOk(header: Buffer): boolean {
  const stored = octal(header, 148, 8);
  if (Number.isNaN(stored)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] as number);
  return sum === stored;
}

export async function indexTar(file: string): Promise<Map<string, TarMember>> {
  const fh = await open(file, 'r');
  const members = new Map<string, TarMember>();
  try {
    const { size: total } = await fh.stat();
    const header = Buffer.alloc(512);
    let pos = 0;
    let longName: string | undefined;
    while (pos + 512 <= total) {
      const { bytesRead } = await fh.read(header, 0, 512, pos);
      if (bytesRead < 512) break;
      if (header.every((b) => b === 0)) break; // end-of-archive blocks
      if (!checksumOk(header)) {
        throw new RampartError('INPUT_INVALID', `${file}: not a tar archive (bad header at byte ${pos})`, { file });
      }
      const size = octal(header, 124, 12);
      const type = String.fromCharCode(header[156] as number);
      const dataAt = pos + 512;
      if (dataAt + size > total) {
        throw new RampartError('INPUT_INVALID', `${file}: truncated tar (member at byte ${pos} runs past the end)`, {
          file,
        });
      }
      if (type === 'L' || type === 'x') {
        const body = Buffer.alloc(size);
        await fh.read(body, 0, size, dataAt);
        longName =
          type === 'L' ? cstr(body, 0, size) : (/\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1] ?? longName);
      } else {
        const prefix = cstr(header, 345, 155);
        const name = longName ?? (prefix !== '' ? `${prefix}/${cstr(header, 0, 100)}` : cstr(header, 0, 100));
        longName = undefined;
        if (type === '0' || type === '\0' || type === '7')
          members.set(name.replace(/^\.\//, ''), { offset: dataAt, size });
      }
      pos = dataAt + Math.ceil(size / 512) * 512;
    }
  } finally {
    await fh.close();
  }
  return members;
}
