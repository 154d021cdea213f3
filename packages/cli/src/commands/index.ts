/**
 * Every command of the rampart binary, as groups loaded on demand: `rampart scan ...` imports the scanner and nothing
 * else, so a command pays only for its own capability at start-up. A capability adds its group here (one entry) when its
 * issue lands; its modules live in this folder and only parse, call the capability's public index and print.
 */
import type { CommandModule } from '../command.js';

export interface CommandGroup {
  /** The top-level command name (`scan`, `db`, ...). */
  name: string;
  /** One line for `rampart --help`, shown without loading the group. */
  description: string;
  load(): Promise<readonly CommandModule[]>;
}

export const commandGroups: readonly CommandGroup[] = [
  {
    name: 'scan',
    description: 'scan images and folders: inventory (SBOM), vulnerabilities, misconfigurations, secrets',
    // scan.js first: the other modules register their scanners into its table.
    load: async () => {
      const { scanCommand } = await import('./scan.js');
      const [sbom, config, secrets] = await Promise.all([
        import('./scan-sbom.js'),
        import('./scan-config.js'),
        import('./scan-secrets.js'),
      ]);
      return [scanCommand, sbom.scanSbomCommand, config.scanConfigCommand, secrets.scanSecretsCommand];
    },
  },
  {
    name: 'sbom',
    description: 'software bill of materials (CycloneDX 1.6 or SPDX 2.3 JSON)',
    load: async () => [(await import('./sbom.js')).sbomCommand],
  },
  {
    name: 'db',
    description: 'the local vulnerability DB (OSV data): import, update, status',
    load: async () => [(await import('./db.js')).dbCommand],
  },
  {
    name: 'gateway',
    description: 'run the zero-trust API gateway',
    load: async () => [(await import('./gateway.js')).gatewayCommand],
  },
  {
    name: 'waf',
    description: 'run and test the WAF engine (OWASP CRS v4, SecLang)',
    load: async () => [(await import('./waf.js')).wafCommand],
  },
  {
    name: 'siem',
    description: 'run the SIEM; search, retro-hunt and incidents against a running one',
    load: async () => [(await import('./siem.js')).siemCommand],
  },
  {
    name: 'hunt',
    description: 'hunt offline with Sigma rules over NDJSON files',
    load: async () => [(await import('./hunt.js')).huntCommand],
  },
  {
    name: 'version',
    description: 'print the version of rampart and its runtime',
    load: async () => [(await import('./version.js')).versionCommand],
  },
];

/** Global options that take a value: their value is not a command name. */
const VALUE_OPTIONS = new Set(['-f', '--format', '-o', '--output']);

/** The group the arguments name (`rampart -f json scan fs .` → scan; `rampart help db` → db), if any. */
export function groupOf(argv: readonly string[]): CommandGroup | undefined {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const a = argv[i] as string;
    if (VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith('-')) words.push(a);
  }
  const name = words[0] === 'help' ? words[1] : words[0];
  return commandGroups.find((g) => g.name === name);
}
