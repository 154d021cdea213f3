/** Image references: `[registry[:port]/]repo[:tag][@digest]`, with Docker Hub's defaults (`library/`, `latest`). */
import { RampartError } from '@rampart/core';

export interface ImageReference {
  registry: string;
  repository: string;
  /** Tag or digest to fetch the manifest by. */
  reference: string;
}

export function parseReference(ref: string): ImageReference {
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  let rest = at >= 0 ? ref.slice(0, at) : ref;
  let registry = 'registry-1.docker.io';
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first === 'docker.io' ? 'registry-1.docker.io' : first;
    rest = rest.slice(slash + 1);
  }
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : undefined;
  let repository = colon > rest.lastIndexOf('/') ? rest.slice(0, colon) : rest;
  if (registry === 'registry-1.docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  if (repository === '' || !/^[a-z0-9]+(?:[._/-]+[a-z0-9]+)*$/.test(repository)) {
    throw new RampartError('USAGE', `"${ref}" is not an image reference ([registry/]repository[:tag][@digest])`);
  }
  if (tag !== undefined && !/^[\w][\w.-]{0,127}$/.test(tag)) {
    throw new RampartError('USAGE', `"${ref}": "${tag}" is not a valid tag`);
  }
  if (digest !== undefined && !/^sha256:[a-f0-9]{64}$/.test(digest)) {
    throw new RampartError('USAGE', `"${ref}": ${digest} is not a sha256 digest`);
  }
  return { registry, repository, reference: digest ?? tag ?? 'latest' };
}
