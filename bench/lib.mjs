// Shared helpers for benchmarks: one JSON line per figure, ratios against the anchor named by the issue.
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';

/** Prints `{bench, metric, value, unit, anchor?, anchor_value?, ratio?}` on one line. */
export function figure(bench, metric, value, unit, anchor) {
  const line = { bench, metric, value: round(value), unit };
  if (anchor !== undefined) {
    line.anchor = anchor.name;
    line.anchor_value = round(anchor.value);
    if (anchor.value !== 0) line.ratio = round(value / anchor.value);
  }
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return line;
}

export function round(v) {
  return typeof v === 'number' ? Math.round(v * 1000) / 1000 : v;
}

/** Median of numbers. */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs a command and measures its wall time and peak RSS (from /usr/bin/time -f when present, else wall time only).
 * Returns { wallMs, maxRssKb, code, stdout, stderr }.
 */
export function measure(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const useTime = options.rss !== false;
    const timeArgs = useTime ? ['-f', '__RSS__%M', cmd, ...args] : args;
    const bin = useTime ? '/usr/bin/time' : cmd;
    const start = process.hrtime.bigint();
    const child = spawn(bin, timeArgs, { cwd: options.cwd, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      if (options.keepStdout !== false) stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', () => resolve({ wallMs: Number.NaN, maxRssKb: Number.NaN, code: -1, stdout, stderr }));
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      const m = /__RSS__(\d+)/.exec(stderr);
      resolve({
        wallMs,
        maxRssKb: m ? Number(m[1]) : Number.NaN,
        code,
        stdout,
        stderr: stderr.replace(/__RSS__\d+\n?/, ''),
      });
    });
  });
}

/**
 * The Trivy anchor binary, installed by ../shared/anchors/trivy.sh beside the repository; undefined (with a note on
 * stderr) when it cannot be had, so a benchmark prints Rampart's figures alone.
 */
export function trivyAnchor(root) {
  try {
    return execFileSync(join(root, '../shared/anchors/trivy.sh'), [], { encoding: 'utf8' }).trim();
  } catch {
    process.stderr.write('anchor trivy missing (../shared/anchors/trivy.sh failed): Rampart figures only\n');
    return undefined;
  }
}

/** Median wall time and peak RSS of `runs` runs of a command; an exit code outside `okCodes` aborts the benchmark. */
export async function medianRun(cmd, args, { runs = 3, okCodes = [0] } = {}) {
  const rs = [];
  for (let i = 0; i < runs; i++) {
    const r = await measure(cmd, args, { keepStdout: false });
    if (!okCodes.includes(r.code))
      throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}: ${r.stderr.slice(0, 400)}`);
    rs.push(r);
  }
  return { wallMs: median(rs.map((r) => r.wallMs)), maxRssKb: median(rs.map((r) => r.maxRssKb)) };
}
