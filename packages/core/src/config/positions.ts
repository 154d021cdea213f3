/** Maps a value path in a parsed YAML/JSON document back to its source position, using the `yaml` package's ranges. */
import { type Document, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

export interface SourcePosition {
  line: number;
  column: number;
}

type Path = readonly (string | number)[];

/** Position of the value at `path`; with `key`, the position of that key inside the map at `path`. */
export function positionOf(doc: Document, lines: LineCounter, path: Path, key?: string): SourcePosition | undefined {
  let node: unknown = doc.contents;
  let last: unknown = node;
  for (const part of path) {
    const next = childOf(node, part);
    if (next === undefined) break;
    node = next;
    last = node;
  }
  if (key !== undefined && isMap(last)) {
    for (const item of last.items) {
      if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return toPosition(item.key, lines);
    }
  }
  return toPosition(last, lines);
}

function childOf(node: unknown, part: string | number): unknown {
  if (isMap(node)) {
    for (const item of node.items) {
      if (isPair(item) && isScalar(item.key) && String(item.key.value) === String(part)) return item.value ?? item.key;
    }
    return undefined;
  }
  if (isSeq(node) && typeof part === 'number') return node.items[part];
  return undefined;
}

function toPosition(node: unknown, lines: LineCounter): SourcePosition | undefined {
  const range = (node as Node | null | undefined)?.range;
  if (range === undefined || range === null) return undefined;
  const pos = lines.linePos(range[0]);
  return { line: pos.line, column: pos.col };
}
