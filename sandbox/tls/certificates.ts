// A local certificate authority and a `localhost` server certificate, created once in the data
// folder and reused. Clients trust the CA through NODE_EXTRA_CA_CERTS (Node reads it only at
// process start), so the CA must stay stable across restarts; the server certificate is
// re-issued when it is missing, expiring, or not signed by the current CA.
import { generateKeyPairSync, randomBytes, X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import forge from "node-forge";

export type SandboxCertificates = {
  caPath: string;
  caPem: string;
  certPem: string;
  keyPem: string;
};

const CA_FILE = "ca.pem";
const CA_KEY_FILE = "ca-key.pem";
const CERT_FILE = "localhost.pem";
const KEY_FILE = "localhost-key.pem";
const DAY_MS = 24 * 3600 * 1000;

export function ensureCertificates(dataDir: string): SandboxCertificates {
  mkdirSync(dataDir, { recursive: true });
  const file = (name: string) => path.join(dataDir, name);

  if (!existsSync(file(CA_FILE)) || !existsSync(file(CA_KEY_FILE)) || expiresSoon(readFileSync(file(CA_FILE), "utf8"))) {
    const ca = createCertificateAuthority();
    writeFileSync(file(CA_KEY_FILE), ca.keyPem, { mode: 0o600 });
    writeFileSync(file(CA_FILE), ca.certPem);
  }
  const caPem = readFileSync(file(CA_FILE), "utf8");
  const caKeyPem = readFileSync(file(CA_KEY_FILE), "utf8");

  if (!existsSync(file(CERT_FILE)) || !existsSync(file(KEY_FILE)) || !serverCertificateIsCurrent(readFileSync(file(CERT_FILE), "utf8"), caPem)) {
    const server = createServerCertificate(caPem, caKeyPem);
    writeFileSync(file(KEY_FILE), server.keyPem, { mode: 0o600 });
    writeFileSync(file(CERT_FILE), server.certPem);
  }
  return {
    caPath: path.resolve(file(CA_FILE)),
    caPem,
    certPem: readFileSync(file(CERT_FILE), "utf8"),
    keyPem: readFileSync(file(KEY_FILE), "utf8"),
  };
}

function rsaKeyPair(): { publicKeyPem: string; privateKeyPem: string } {
  // Node's native generator: node-forge's pure-JS RSA generation takes seconds.
  const { publicKey, privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

function serialNumber(): string {
  // Positive, 16 bytes: a leading 0 nibble keeps the DER integer positive.
  return "0" + randomBytes(16).toString("hex").slice(1);
}

function createCertificateAuthority(): { certPem: string; keyPem: string } {
  const keys = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * DAY_MS);
  const subject = [
    { name: "commonName", value: "TenantBridge Sandbox Local CA" },
    { name: "organizationName", value: "TenantBridge Sandbox (not a real authority)" },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([{ name: "basicConstraints", cA: true, critical: true }, { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true }, { name: "subjectKeyIdentifier" }]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privateKeyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
}

function createServerCertificate(caPem: string, caKeyPem: string): { certPem: string; keyPem: string } {
  const keys = rsaKeyPair();
  const caCert = forge.pki.certificateFromPem(caPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  // Under 398 days: browsers reject longer-lived server certificates even from a trusted CA.
  cert.validity.notAfter = new Date(Date.now() + 397 * DAY_MS);
  cert.setSubject([{ name: "commonName", value: "localhost" }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    {
      name: "subjectAltName",
      altNames: [
        { type: 2, value: "localhost" },
        { type: 7, ip: "127.0.0.1" },
        { type: 7, ip: "::1" },
      ],
    },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(caKeyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
}

function expiresSoon(pem: string): boolean {
  return new Date(new X509Certificate(pem).validTo).getTime() - Date.now() < 30 * DAY_MS;
}

function serverCertificateIsCurrent(certPem: string, caPem: string): boolean {
  const cert = new X509Certificate(certPem);
  const ca = new X509Certificate(caPem);
  return cert.verify(ca.publicKey) && !expiresSoon(certPem) && cert.checkHost("localhost") !== undefined;
}
