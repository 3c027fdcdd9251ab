import { CommonError } from '../app/common.errors.js';
import type { FormBody } from './page.js';

/** A file sent with a form (`<input type="file">`), held in memory as the API holds a CSV body. */
export class UploadedFile {
  constructor(
    readonly fileName: string,
    readonly content: Buffer,
  ) {}
}

/** A multipart form: its text fields as a form body, and its files by field name. */
export type MultipartBody = FormBody & { readonly files?: unknown };

/**
 * Reads a `multipart/form-data` body with the runtime's own parser (the fetch API's
 * `Response.formData()`), so file upload needs no other package. Text fields come out as a
 * form body does (the CSRF token among them); files under `files`, never mixed with text.
 */
export async function readMultipartForm(body: Buffer, contentType: string): Promise<MultipartBody> {
  let form: FormData;
  try {
    form = await new Response(new Blob([new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength)]), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw CommonError.of('MALFORMED_REQUEST', 'The form could not be read');
  }
  const fields: Record<string, string | string[]> = {};
  const files: Record<string, UploadedFile> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      const earlier = fields[name];
      fields[name] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
    } else if (!files[name]) {
      files[name] = new UploadedFile(value.name, Buffer.from(await value.arrayBuffer()));
    }
  }
  return Object.assign(fields, { files }) as MultipartBody;
}

/** The file a form sent under `name`, when one was chosen (a browser sends an empty part otherwise). */
export function uploadedFile(body: unknown, name: string): UploadedFile | null {
  const files = (body as MultipartBody | undefined)?.files as Record<string, unknown> | undefined;
  const file = files?.[name];
  return file instanceof UploadedFile && (file.content.length > 0 || file.fileName !== '') ? file : null;
}
