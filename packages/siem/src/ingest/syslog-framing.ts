/**
 * Syslog over TCP (RFC 6587): octet counting (`<len> <msg>`, RFC 5425 style) or non-transparent framing (one message
 * per LF-terminated line). The method is chosen per frame by its first byte, as rsyslog does: a digit means a length.
 * A frame longer than the limit is cut off and the rest of it skipped, so one bad sender cannot exhaust memory.
 */

export class SyslogFramer {
  private buf: Buffer = Buffer.alloc(0);
  private skipBytes = 0;
  private skipLine = false;

  constructor(private readonly maxMessageBytes = 64 * 1024) {}

  /** Feeds bytes; returns the complete messages they finish. */
  push(chunk: Buffer): string[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: string[] = [];
    for (;;) {
      if (this.skipBytes > 0) {
        const n = Math.min(this.skipBytes, this.buf.length);
        this.buf = this.buf.subarray(n);
        this.skipBytes -= n;
        if (this.skipBytes > 0) return out;
      }
      if (this.skipLine) {
        const nl = this.buf.indexOf(0x0a);
        if (nl === -1) {
          this.buf = Buffer.alloc(0);
          return out;
        }
        this.buf = this.buf.subarray(nl + 1);
        this.skipLine = false;
      }
      if (this.buf.length === 0) return out;
      const counted = this.octetCount();
      if (counted === 'more') return out;
      if (counted !== undefined) {
        const [sp, len] = counted;
        if (this.buf.length >= sp + 1 + len || len > this.maxMessageBytes) {
          const have = this.buf.length - (sp + 1);
          out.push(this.buf.subarray(sp + 1, sp + 1 + Math.min(len, this.maxMessageBytes, have)).toString('utf8'));
          if (have >= len) this.buf = this.buf.subarray(sp + 1 + len);
          else {
            this.skipBytes = len - have;
            this.buf = Buffer.alloc(0);
          }
          continue;
        }
        return out;
      }
      const nl = this.buf.indexOf(0x0a);
      if (nl === -1) {
        if (this.buf.length > this.maxMessageBytes) {
          out.push(this.buf.subarray(0, this.maxMessageBytes).toString('utf8'));
          this.buf = Buffer.alloc(0);
          this.skipLine = true;
        }
        return out;
      }
      const line = this.buf.subarray(0, Math.min(nl, this.maxMessageBytes)).toString('utf8').replace(/\r$/, '');
      if (line !== '') out.push(line);
      this.buf = this.buf.subarray(nl + 1);
    }
  }

  /** What is left when the peer closes: a last unterminated line is still a message. */
  end(): string[] {
    const rest = this.buf.toString('utf8').replace(/\r?\n?$/, '');
    this.buf = Buffer.alloc(0);
    return rest === '' || this.skipBytes > 0 ? [] : [rest];
  }

  /** `[index of the space, length]` for an octet-counted frame, 'more' when undecided yet, undefined for a line. */
  private octetCount(): [number, number] | 'more' | undefined {
    const first = this.buf[0] as number;
    if (first < 0x31 || first > 0x39) return undefined;
    for (let i = 1; i < Math.min(this.buf.length, 11); i++) {
      const c = this.buf[i] as number;
      if (c === 0x20) return [i, Number(this.buf.subarray(0, i).toString('latin1'))];
      if (c < 0x30 || c > 0x39) return undefined;
    }
    return this.buf.length < 11 ? 'more' : undefined;
  }
}
