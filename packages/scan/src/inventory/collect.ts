/**
 * Gathers cataloger results per file, so a later image layer can replace or delete (whiteout) what an earlier one had,
 * then finishes the inventory: ecosystems and purls of OS packages from os-release, dependency edges, a stable order.
 */
import type { CatalogFile, CatalogResult, FoundPackage } from './catalog/cataloger.js';
import { comparePackages, finishPackage } from './finish-package.js';
import type { Inventory, InventoryError, InventorySkip, OsInfo, Package, TargetType } from './types.js';

interface FileEntry {
  file: CatalogFile;
  result: CatalogResult;
}

export class Collector {
  private readonly byPath = new Map<string, FileEntry[]>();
  private readonly errorsByPath = new Map<string, InventoryError>();
  private readonly skips: InventorySkip[] = [];

  /** Records what one cataloger found in one file (a later call for the same path and cataloger replaces it). */
  add(file: CatalogFile, result: CatalogResult): void {
    const list = this.byPath.get(file.path) ?? [];
    list.push({ file, result });
    this.byPath.set(file.path, list);
    this.errorsByPath.delete(file.path);
  }

  /** Forgets a path (a file replaced by a later layer is first forgotten, then added again). */
  remove(path: string): void {
    this.byPath.delete(path);
    this.errorsByPath.delete(path);
  }

  /** Forgets everything under a directory (whiteout of a directory, opaque directory). */
  removeUnder(dir: string): void {
    const prefix = dir === '' ? '' : `${dir}/`;
    for (const p of [...this.byPath.keys()]) if (p.startsWith(prefix)) this.byPath.delete(p);
    for (const p of [...this.errorsByPath.keys()]) if (p.startsWith(prefix)) this.errorsByPath.delete(p);
  }

  error(e: InventoryError): void {
    this.errorsByPath.set(e.file ?? `#${this.errorsByPath.size}`, e);
  }

  skip(s: InventorySkip): void {
    this.skips.push(s);
  }

  finish(target: string, targetType: TargetType, moreErrors: readonly InventoryError[] = []): Inventory {
    const extraErrors = [...moreErrors];
    const entries = [...this.byPath.values()].flat();
    let os: OsInfo | undefined;
    for (const e of entries) {
      // /etc/os-release wins over /usr/lib/os-release (it is the override by spec).
      if (e.result.os !== undefined && (os === undefined || e.file.path === 'etc/os-release')) os = e.result.os;
    }
    const packages: Package[] = [];
    for (const e of entries) {
      const found = e.result.packages;
      const purls = new Map<string, string>();
      const finished: [FoundPackage, Package][] = [];
      const byPurl = new Map<string, [FoundPackage, Package]>();
      for (const f of found) {
        let p: Package;
        try {
          p = finishPackage(f, os);
          if (e.file.layer !== undefined && p.location.layer === undefined)
            p.location = { ...p.location, layer: e.file.layer };
        } catch (err) {
          // A name or version the purl spec rejects: the package is dropped and named, the scan goes on.
          const message = `${f.foundBy ?? 'cataloger'}: no valid purl for ${JSON.stringify(f.name)}@${f.version}: ${(err as Error).message}`;
          extraErrors.push({ file: f.location.path, message });
          continue;
        }
        if (!purls.has(f.name)) purls.set(f.name, p.purl);
        purls.set(`${f.name}@${f.version}`, p.purl);
        // One package per purl per file (a lockfile installs the same version at several paths); edges merge.
        const same = byPurl.get(p.purl);
        if (same !== undefined) {
          same[0].dependsOnNames = [...(same[0].dependsOnNames ?? []), ...(f.dependsOnNames ?? [])];
          if (f.direct === true) same[1].direct = true;
          continue;
        }
        finished.push([f, p]);
        byPurl.set(p.purl, [f, p]);
      }
      for (const [f, p] of finished) {
        if (f.dependsOnNames === undefined || f.dependsOnNames.length === 0) continue;
        const deps = f.dependsOnNames.map((n) => purls.get(n)).filter((x): x is string => x !== undefined);
        if (deps.length > 0) p.dependsOn = [...new Set(deps)].sort();
      }
      for (const [, p] of finished) packages.push(p);
    }
    // Licenses declared in separate files (Debian copyright) join the package of that name.
    const declared = new Map<string, string[]>();
    for (const e of entries)
      for (const l of e.result.packageLicenses ?? []) declared.set(`${l.foundBy} ${l.name}`, l.licenses);
    if (declared.size > 0) {
      for (const p of packages) {
        const l = declared.get(`${p.foundBy} ${p.name}`);
        if (l !== undefined && p.licenses.length === 0) p.licenses = l;
      }
    }
    packages.sort(comparePackages);
    const skipped = [...this.skips, ...entries.flatMap((e) => e.result.skipped ?? [])];
    const errors = [...this.errorsByPath.values(), ...extraErrors];
    const inv: Inventory = { target, targetType, packages, partial: errors.length > 0, errors };
    if (os !== undefined) inv.os = os;
    if (skipped.length > 0) inv.skipped = skipped;
    return inv;
  }
}
