/** The first stack frame of the app (not Node's internals, not node_modules, not the agent) that called the sink. */
import { fileURLToPath } from 'node:url';

// The agent's own folders (its tests, also under dist/, are app code for this purpose).
const AGENT_DIRS = ['agent', 'context', 'hooks', 'vulnerabilities'].map((d) =>
  fileURLToPath(new URL(`../${d}/`, import.meta.url)),
);

export interface AppFrame {
  file: string;
  line: number;
  column: number;
  function?: string;
}

export function appFrame(stack: string | undefined): AppFrame | undefined {
  if (stack === undefined) return undefined;
  for (const line of stack.split('\n')) {
    const m = /^\s*at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (m === null) continue;
    let file = m[2] as string;
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (file.startsWith('node:') || file.includes('/node_modules/') || AGENT_DIRS.some((d) => file.startsWith(d)))
      continue;
    if (!file.includes('/')) continue;
    const frame: AppFrame = { file, line: Number(m[3]), column: Number(m[4]) };
    if (m[1] !== undefined && m[1] !== '') frame.function = m[1];
    return frame;
  }
  return undefined;
}
