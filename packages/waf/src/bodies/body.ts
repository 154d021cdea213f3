/** What a request body processor produces: arguments, uploaded files, multipart part headers, or an error. */
export interface UploadedFile {
  field: string;
  filename: string;
  size: number;
}

export interface ParsedBody {
  args: [string, string][];
  files: UploadedFile[];
  /** MULTIPART_PART_HEADERS: field name → each `Name: value` header line of the part. */
  partHeaders: [string, string][];
  /** XML values by XPath: `/*` for text nodes, `//@*` for attribute values. */
  xml: [string, string][];
  /** Set when the body could not be parsed (REQBODY_ERROR = 1). */
  error: string | undefined;
}

export function emptyBody(): ParsedBody {
  return { args: [], files: [], partHeaders: [], xml: [], error: undefined };
}
