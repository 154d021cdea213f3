/** The human summary of inventories: per target, the OS and the package counts per ecosystem, then any problems. */
import type { Inventory } from '../inventory/types.js';

export function inventoryTable(invs: readonly Inventory[]): string {
  const lines: string[] = [];
  for (const inv of invs) {
    const os = inv.os === undefined ? '' : ` (${inv.os.name ?? `${inv.os.id} ${inv.os.versionId}`})`;
    lines.push(`${inv.target} [${inv.targetType}]${os}${inv.partial ? '  PARTIAL' : ''}`);
    const counts = new Map<string, number>();
    for (const p of inv.packages) counts.set(p.ecosystem, (counts.get(p.ecosystem) ?? 0) + 1);
    const rows = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const width = Math.max(9, ...rows.map(([e]) => e.length));
    lines.push(`  ${'ECOSYSTEM'.padEnd(width)}  PACKAGES`);
    for (const [e, n] of rows) lines.push(`  ${e.padEnd(width)}  ${String(n).padStart(8)}`);
    lines.push(`  ${'total'.padEnd(width)}  ${String(inv.packages.length).padStart(8)}`);
    for (const e of inv.errors)
      lines.push(`  error: ${e.file ?? ''}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}`);
    for (const s of inv.skipped ?? []) lines.push(`  skipped: ${s.file}: ${s.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
