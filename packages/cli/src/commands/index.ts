/**
 * Every command of the rampart binary. A capability adds its command module here (one line) when its issue lands;
 * the module lives in this folder and only parses, calls the capability's public index and prints.
 */
import type { CommandModule } from '../command.js';
import { dbCommand } from './db.js';
import { gatewayCommand } from './gateway.js';
import { huntCommand } from './hunt.js';
import { sbomCommand } from './sbom.js';
import { scanCommand } from './scan.js';
import { scanConfigCommand } from './scan-config.js';
import { scanSbomCommand } from './scan-sbom.js';
import { scanSecretsCommand } from './scan-secrets.js';
import { siemCommand } from './siem.js';
import { versionCommand } from './version.js';
import { wafCommand } from './waf.js';

export const commands: readonly CommandModule[] = [
  versionCommand,
  huntCommand,
  gatewayCommand,
  scanCommand,
  sbomCommand,
  dbCommand,
  scanSbomCommand,
  siemCommand,
  scanConfigCommand,
  scanSecretsCommand,
  wafCommand,
];
