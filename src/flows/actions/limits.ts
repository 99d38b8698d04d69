// Limits flow actions share with the API: contact attributes at most 32 KB in all (UpdateContactAttributes).
export const MAX_ATTRIBUTES_BYTES = 32_768;

/** Why these attributes are too big, or undefined. */
export function checkAttributesSize(attrs: Record<string, string>): string | undefined {
  let bytes = 0;
  for (const [k, v] of Object.entries(attrs)) bytes += Buffer.byteLength(k) + Buffer.byteLength(v);
  return bytes > MAX_ATTRIBUTES_BYTES ? `the contact's attributes would be ${bytes} bytes, more than ${MAX_ATTRIBUTES_BYTES}` : undefined;
}
