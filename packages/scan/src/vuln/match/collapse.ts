/**
 * Advisories that name each other as aliases (a GHSA and a PYSEC for one CVE, a distro's DLA and its CVE record) are one
 * issue: they collapse into one finding per package that lists every ID. The finding's ID is chosen by a fixed
 * preference (GHSA, then the ecosystem databases, then distro and CVE IDs), so the same input always gives the same ID.
 */

export interface AliasGroup<T> {
  primary: string;
  /** Every other ID of the issue, sorted. */
  aliases: string[];
  members: T[];
}

const PREFERENCE = ['GHSA-', 'RUSTSEC-', 'GO-', 'PYSEC-', 'DSA-', 'DLA-', 'USN-', 'ALSA-', 'ALBA-', 'ALEA-', 'CVE-'];

function rank(id: string): number {
  const i = PREFERENCE.findIndex((p) => id.startsWith(p));
  return i < 0 ? PREFERENCE.length : i;
}

export function collapseAliases<T>(
  items: readonly T[],
  idsOf: (item: T) => { id: string; aliases: string[] },
): AliasGroup<T>[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(x, root);
    return root;
  };
  const union = (a: string, b: string) => {
    for (const x of [a, b]) if (!parent.has(x)) parent.set(x, x);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const item of items) {
    const { id, aliases } = idsOf(item);
    union(id, id);
    for (const alias of aliases) union(id, alias);
  }
  const groups = new Map<string, { ids: Set<string>; members: T[]; recordIds: string[] }>();
  for (const item of items) {
    const { id, aliases } = idsOf(item);
    const root = find(id);
    let g = groups.get(root);
    if (g === undefined) {
      g = { ids: new Set(), members: [], recordIds: [] };
      groups.set(root, g);
    }
    g.ids.add(id);
    for (const a of aliases) g.ids.add(a);
    g.members.push(item);
    g.recordIds.push(id);
  }
  return [...groups.values()].map((g) => {
    // The primary ID is one of the matched records (never a bare alias with no record behind it).
    const primary = [...g.recordIds].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))[0] as string;
    const aliases = [...g.ids].filter((x) => x !== primary).sort();
    return { primary, aliases, members: g.members };
  });
}
