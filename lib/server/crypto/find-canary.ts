import "server-only";
// Test helper: every way a secret could sit in a dump in recognisable form. Base64 depends on
// where the secret starts within the encoded bytes, so each of the three alignments is tried,
// keeping only the characters that do not depend on the neighbouring bytes.

function base64Fragments(bytes: Buffer, encoding: "base64" | "base64url"): string[] {
  return [0, 1, 2].map((shift) => {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString(encoding);
    return encoded.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6));
  });
}

export function canaryForms(secret: string): { name: string; bytes: Buffer }[] {
  const utf8 = Buffer.from(secret, "utf8");
  return [
    { name: "raw", bytes: utf8 },
    { name: "utf-16", bytes: Buffer.from(secret, "utf16le") },
    { name: "hex", bytes: Buffer.from(utf8.toString("hex")) },
    { name: "HEX", bytes: Buffer.from(utf8.toString("hex").toUpperCase()) },
    ...base64Fragments(utf8, "base64").map((text, shift) => ({ name: `base64@${shift}`, bytes: Buffer.from(text) })),
    ...base64Fragments(utf8, "base64url").map((text, shift) => ({ name: `base64url@${shift}`, bytes: Buffer.from(text) })),
  ];
}

/** The names of the forms of `secret` found in `dump`; empty when it is clean. */
export function findCanary(dump: Buffer, secret: string): string[] {
  return canaryForms(secret)
    .filter(({ bytes }) => dump.includes(bytes))
    .map(({ name }) => name);
}
