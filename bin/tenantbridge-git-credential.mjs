#!/usr/bin/env node
// tenantbridge-git-credential: a git credential helper that answers git with a credential for an
// Azure DevOps organization from TenantBridge's agent token API, so `git clone` works with
// whichever method the organization's connector uses (MI + FIC, OAuth, PAT).
//
//   git config --global credential.https://dev.azure.com.helper '!tenantbridge-git-credential'
//   git config --global credential.https://dev.azure.com.useHttpPath true
//
// Environment:
//   TENANTBRIDGE_URL        the portal, e.g. https://tenantbridge.example.com (required)
//   TENANTBRIDGE_TOKEN      an API token (tb_…, write scope); without it, the helper asks the
//                           host's managed identity (@azure/identity ManagedIdentityCredential)
//                           for TENANTBRIDGE_SCOPE (the portal's API scope, api://<app id>/.default),
//                           as AZURE_CLIENT_ID when set (a user-assigned identity)
//   TENANTBRIDGE_ADO_URL    another Azure DevOps base URL besides dev.azure.com and
//                           <org>.visualstudio.com (the sandbox: https://localhost:8443/ado)
//
// It speaks git's credential protocol: `get` reads protocol/host/path/username lines and answers
// username and password (ADO takes a PAT, or an Entra access token, as the Basic password with
// any user name). `store` and `erase` do nothing: the portal caches and refreshes. A failure is
// written to stderr with its cause and fix, and answers quit=1 so git stops instead of prompting.
// Plain JavaScript with no build step, so git can run it as is.
import { realpathSync } from "node:fs";
import { stdin, stdout, stderr, env, argv, exit } from "node:process";
import { pathToFileURL } from "node:url";

const TIMEOUT_MS = 20_000;

async function readRequest() {
  let text = "";
  for await (const chunk of stdin) text += chunk;
  const fields = {};
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const equals = line.indexOf("=");
    if (equals > 0) fields[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return fields;
}

/** The organization in git's request, or null when the URL is not an Azure DevOps one this helper serves. */
export function organizationOf(request, adoBaseUrl = env.TENANTBRIDGE_ADO_URL) {
  const host = (request.host ?? "").toLowerCase();
  const segments = (request.path ?? "")
    .split("/")
    .filter(Boolean)
    .map((segment) => decodeURIComponent(segment));
  if (request.protocol !== "https") return null;
  if (host === "dev.azure.com" || host === "ssh.dev.azure.com") return segments[0] ?? request.username ?? undefined;
  const legacy = /^([a-z0-9][a-z0-9-]*)\.visualstudio\.com$/.exec(host);
  if (legacy) return legacy[1];
  if (adoBaseUrl) {
    const base = new URL(adoBaseUrl);
    const basePath = base.pathname.split("/").filter(Boolean);
    if (host === base.host.toLowerCase() && basePath.every((segment, index) => segments[index] === segment)) return segments[basePath.length] ?? undefined;
  }
  return null;
}

async function portalToken() {
  if (env.TENANTBRIDGE_TOKEN) return env.TENANTBRIDGE_TOKEN;
  if (!env.TENANTBRIDGE_SCOPE) {
    throw refusal(
      "No credential for TenantBridge",
      "Neither TENANTBRIDGE_TOKEN nor TENANTBRIDGE_SCOPE is set.",
      "Set TENANTBRIDGE_SCOPE to the portal's API scope (api://<app id>/.default) on a host with a managed identity, or TENANTBRIDGE_TOKEN to an API token.",
    );
  }
  const { ManagedIdentityCredential } = await import("@azure/identity");
  const credential = new ManagedIdentityCredential(env.AZURE_CLIENT_ID ? { clientId: env.AZURE_CLIENT_ID } : {});
  try {
    return (await credential.getToken(env.TENANTBRIDGE_SCOPE, { abortSignal: AbortSignal.timeout(TIMEOUT_MS) })).token;
  } catch (error) {
    throw refusal(
      "The managed identity gave no token for TenantBridge",
      String(error?.message ?? error).split("\n")[0],
      "Check that this host has the managed identity (AZURE_CLIENT_ID for a user-assigned one) and that TENANTBRIDGE_SCOPE is the portal's API scope.",
    );
  }
}

function refusal(title, cause, fix, link) {
  return Object.assign(new Error(title), { refusal: { title, cause, fix, link } });
}

async function credentialFor(organization) {
  if (!env.TENANTBRIDGE_URL)
    throw refusal("TENANTBRIDGE_URL is not set", "The helper does not know where the portal is.", "Set TENANTBRIDGE_URL to the portal's address, e.g. https://tenantbridge.example.com.");
  const endpoint = new URL("/api/agent/token", env.TENANTBRIDGE_URL);
  let response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      headers: { authorization: `Bearer ${await portalToken()}`, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ organization }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    if (error?.refusal) throw error;
    throw refusal("TenantBridge did not answer", `${endpoint.origin}: ${error?.cause?.message ?? error?.message ?? error}`, "Check TENANTBRIDGE_URL and that the portal is running.");
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    // The portal's { error: { code, message, hint, decoded?: { code, title, cause, fix, link } } }:
    // decoded is the failing hop when the connector's method was refused upstream.
    const error = body.error ?? {};
    const decoded = error.decoded;
    const title = decoded ? `${decoded.code}: ${decoded.title}` : (error.message ?? `HTTP ${response.status}`);
    const cause = decoded?.cause ?? error.message ?? title;
    throw refusal(title, cause, decoded?.fix ?? error.hint ?? "Check the organization's connector in TenantBridge.", decoded?.link?.href);
  }
  return body;
}

/** git's username/password for an Authorization header value. */
export function gitCredential(authorization) {
  const [scheme, value = ""] = authorization.split(" ", 2);
  if (scheme.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return { username: decoded.slice(0, colon) || "tenantbridge", password: decoded.slice(colon + 1) };
  }
  return { username: "tenantbridge", password: value };
}

async function main() {
  const operation = argv[2];
  if (operation !== "get") return 0; // store, erase: the portal keeps and refreshes credentials
  const request = await readRequest();
  const organization = organizationOf(request);
  if (organization === null) return 0; // not Azure DevOps: let git try its other helpers
  try {
    if (organization === undefined) {
      throw refusal("No organization in the URL git passed", `git sent ${request.host} without a path.`, `Run: git config --global credential.https://${request.host}.useHttpPath true`);
    }
    const { authorization, expiresOn } = await credentialFor(organization);
    const { username, password } = gitCredential(authorization);
    const lines = [`username=${username}`, `password=${password}`];
    if (expiresOn) lines.push(`password_expiry_utc=${Math.floor(Date.parse(expiresOn) / 1000)}`);
    stdout.write(`${lines.join("\n")}\n`);
    return 0;
  } catch (error) {
    if (!error?.refusal) throw error;
    const { title, cause, fix, link } = error.refusal;
    stderr.write(`tenantbridge-git-credential: ${organization ?? request.host}: ${title}\n  Cause: ${cause}\n  Fix: ${fix}\n${link ? `  Link: ${link}\n` : ""}`);
    stdout.write("quit=1\n");
    return 0;
  }
}

// Run by git (directly or through npm's bin link); imported by its unit test.
if (argv[1] && import.meta.url === pathToFileURL(realpathSync(argv[1])).href) {
  main().then(
    (code) => exit(code),
    (error) => {
      stderr.write(`tenantbridge-git-credential: ${error?.message ?? error}\n`);
      exit(1);
    },
  );
}
