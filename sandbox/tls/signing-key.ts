// The key Entra ID signs tokens with. Kept in the data folder so that tokens a client cached
// (the portal, a test) still verify after the sandbox restarts. Entra publishes each key with
// an X.509 certificate (`x5c`) and uses its SHA-1 thumbprint as both `kid` and `x5t`; MSAL and
// resource servers look keys up by `kid`, so the sandbox does the same.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import forge from "node-forge";

export type SigningKey = {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The JWKS entry, Entra-shaped. */
  jwk: Record<string, unknown>;
};

const KEY_FILE = "signing-key.pem";
const CERT_FILE = "signing-cert.pem";

export function loadSigningKey(dataDir: string): SigningKey {
  const keyPath = path.join(dataDir, KEY_FILE);
  const certPath = path.join(dataDir, CERT_FILE);
  if (!existsSync(keyPath) || !existsSync(certPath)) {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const keyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    writeFileSync(keyPath, keyPem, { mode: 0o600 });
    writeFileSync(certPath, selfSignedCertificate(keyPem));
  }
  const privateKey = createPrivateKey(readFileSync(keyPath, "utf8"));
  const publicKey = createPublicKey(privateKey);
  const certPem = readFileSync(certPath, "utf8");
  const der = Buffer.from(certPem.replace(/-----[^-]+-----|\s/g, ""), "base64");
  const x5t = createHash("sha1").update(der).digest("base64url");
  const publicJwk = publicKey.export({ format: "jwk" });
  return {
    kid: x5t,
    privateKey,
    publicKey,
    jwk: {
      kty: "RSA",
      use: "sig",
      kid: x5t,
      x5t,
      n: publicJwk.n,
      e: publicJwk.e,
      x5c: [der.toString("base64")],
      cloud_instance_name: "microsoftonline.com",
    },
  };
}

function selfSignedCertificate(privateKeyPem: string): string {
  const key = forge.pki.privateKeyFromPem(privateKeyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = "01";
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 24 * 3600 * 1000);
  const subject = [{ name: "commonName", value: "TenantBridge Sandbox token signing" }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(key, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}
