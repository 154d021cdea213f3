/** The request/response collections a transaction fills, in slot order (VariableSpec.slot indexes this list). */
export const COLLECTION_NAMES = [
  'ARGS',
  'ARGS_GET',
  'ARGS_POST',
  'ARGS_NAMES',
  'ARGS_GET_NAMES',
  'ARGS_POST_NAMES',
  'REQUEST_HEADERS',
  'REQUEST_HEADERS_NAMES',
  'REQUEST_COOKIES',
  'REQUEST_COOKIES_NAMES',
  'RESPONSE_HEADERS',
  'RESPONSE_HEADERS_NAMES',
  'FILES',
  'FILES_NAMES',
  'FILES_SIZES',
  'MULTIPART_PART_HEADERS',
  'XML',
  'ENV',
  'GEO',
] as const;

/** Slot of TX (read from its store, not a collection). */
export const TX_SLOT = -2;
/** Slot of everything else (single variables, MATCHED_VARS, IP/GLOBAL...). */
export const OTHER_SLOT = -1;

const INDEX = new Map<string, number>(COLLECTION_NAMES.map((n, i) => [n, i]));

export function slotOf(name: string): number {
  if (name === 'TX') return TX_SLOT;
  return INDEX.get(name) ?? OTHER_SLOT;
}
