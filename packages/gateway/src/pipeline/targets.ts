/**
 * Where an upstream response goes. `DirectTarget` writes it to the client as it arrives (headers cleaned, backpressure
 * passed upstream). `DlpTarget` holds a JSON/text body up to the route's limit, scans it, and then redacts, blocks or
 * logs; a body over the limit (or compressed, or of another type) passes through unscanned and is reported.
 */
import type { ServerResponse } from 'node:http';
import { redact, type DlpScanner } from '../dlp/scanner.js';
import type { DlpMatch } from '../dlp/detectors.js';
import { sendProblem } from '../http/problem.js';
import { downstreamHeaders } from '../proxy/forwarded.js';
import type { ResponseTarget } from '../proxy/forward.js';

export interface TargetHooks {
  requestId: string;
  /** The upstream failed before or after the response started. */
  onUpstreamFailure(status: number, reason: string, started: boolean): void;
}

export class DirectTarget implements ResponseTarget {
  constructor(
    protected readonly res: ServerResponse,
    protected readonly hooks: TargetHooks,
  ) {}

  start(status: number, headers: Record<string, string | string[] | undefined>): void {
    const h = downstreamHeaders(headers);
    h['x-request-id'] = this.hooks.requestId;
    this.res.writeHead(status, h);
  }

  data(chunk: Buffer): boolean {
    return this.res.write(chunk);
  }

  onDrain(resume: () => void): void {
    this.res.on('drain', resume);
  }

  end(): void {
    this.res.end();
  }

  fail(status: number, reason: string, started: boolean): void {
    this.hooks.onUpstreamFailure(status, reason, started);
    if (started || this.res.headersSent) this.res.destroy();
    else sendProblem(this.res, status, { requestId: this.hooks.requestId });
  }

  onClientGone(abort: () => void): void {
    this.res.on('close', () => {
      if (!this.res.writableFinished) abort();
    });
  }
}

export interface DlpHooks extends TargetHooks {
  onFindings(matches: DlpMatch[], action: string): void;
  onUnscanned(why: string): void;
}

const SCANNABLE =
  /^(?:application\/(?:[\w.+-]+\+)?json|text\/[\w.+-]+|application\/(?:xml|x-www-form-urlencoded|javascript))\b/i;

export class DlpTarget extends DirectTarget {
  private status = 0;
  private headers: Record<string, string | string[]> = {};
  private chunks: Buffer[] = [];
  private size = 0;
  /** true once we stopped buffering and write through. */
  private through = false;

  constructor(
    res: ServerResponse,
    private readonly scanner: DlpScanner,
    private readonly dlpHooks: DlpHooks,
  ) {
    super(res, dlpHooks);
  }

  override start(status: number, headers: Record<string, string | string[] | undefined>): void {
    this.status = status;
    this.headers = downstreamHeaders(headers);
    this.headers['x-request-id'] = this.hooks.requestId;
    const type = String(this.headers['content-type'] ?? '');
    const encoding = String(this.headers['content-encoding'] ?? 'identity').toLowerCase();
    const length = Number(this.headers['content-length'] ?? Number.NaN);
    if (!SCANNABLE.test(type)) this.passThrough(undefined);
    else if (encoding !== 'identity') this.passThrough(`content-encoding ${encoding}`);
    else if (length > this.scanner.config.maxBytes)
      this.passThrough(`body of ${length} bytes over ${this.scanner.config.maxBytes}`);
  }

  private passThrough(unscannedWhy: string | undefined): void {
    this.through = true;
    if (unscannedWhy !== undefined) this.dlpHooks.onUnscanned(unscannedWhy);
    this.res.writeHead(this.status, this.headers);
    for (const c of this.chunks) this.res.write(c);
    this.chunks = [];
  }

  override data(chunk: Buffer): boolean {
    if (this.through) return this.res.write(chunk);
    this.size += chunk.length;
    this.chunks.push(chunk);
    if (this.size > this.scanner.config.maxBytes) {
      // Never buffered without bound: what is held goes out, the rest streams, and the response is reported unscanned.
      this.passThrough(`body over ${this.scanner.config.maxBytes} bytes`);
    }
    return true;
  }

  override end(): void {
    if (this.through) {
      this.res.end();
      return;
    }
    if (this.size === 0) {
      // HEAD, 204, 304 or an empty body: nothing to scan, and Content-Length must stay what the upstream said.
      this.res.writeHead(this.status, this.headers);
      this.res.end();
      return;
    }
    const body = Buffer.concat(this.chunks, this.size);
    this.chunks = [];
    const text = body.toString('utf8');
    const matches = this.scanner.scan(text);
    if (matches.length === 0) {
      this.writeBody(body);
      return;
    }
    const action = this.scanner.config.action;
    this.dlpHooks.onFindings(matches, action);
    if (action === 'block') {
      sendProblem(this.res, 502, { requestId: this.hooks.requestId });
    } else if (action === 'redact') {
      this.writeBody(Buffer.from(redact(text, matches), 'utf8'));
    } else {
      this.writeBody(body);
    }
  }

  private writeBody(body: Buffer): void {
    this.headers['content-length'] = String(body.length);
    delete this.headers.etag;
    this.res.writeHead(this.status, this.headers);
    this.res.end(body);
  }
}
