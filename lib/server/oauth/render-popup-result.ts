import "server-only";
// The page the sign-in popup ends on. It posts the result to the window that opened it, with
// the portal's origin as the EXPLICIT target (a page of another origin that somehow became the
// opener receives nothing), then closes. It carries no token: only who signed in, or why not.
// Its one inline script runs under the request's CSP nonce (proxy.ts); the JSON is escaped so
// that no value can close the script element.
import { randomBytes } from "node:crypto";
import type { OauthResultMessage } from "@/lib/schemas/connector-oauth";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

function nonceOf(request: Request): string {
  const policy = request.headers.get("content-security-policy") ?? "";
  return /'nonce-([A-Za-z0-9+/=_-]+)'/.exec(policy)?.[1] ?? randomBytes(16).toString("base64");
}

export type PopupPage = {
  message: OauthResultMessage;
  /** Origin allowed to receive the message: the portal's own. */
  targetOrigin: string;
  /** False when the result belongs to no sign-in this browser started: show it, post nothing. */
  deliver: boolean;
  /** 200 unless the request itself was malformed (400). */
  status?: number;
  extraHeaders?: Record<string, string>;
};

export function renderPopupResult(request: Request, page: PopupPage): Response {
  const nonce = nonceOf(request);
  const { message } = page;
  const heading = message.outcome === "connected" ? "Connected to Azure DevOps" : message.problem.title;
  const detail =
    message.outcome === "connected"
      ? `Signed in as ${message.account} from tenant ${message.tenantName ?? message.tenantId}. This window closes by itself.`
      : `${message.problem.cause} ${message.problem.fix}`;
  const script = page.deliver
    ? `(function () {
  var message = ${scriptJson(message)};
  var target = ${scriptJson(page.targetOrigin)};
  if (window.opener && !window.opener.closed) {
    window.opener.postMessage(message, target);
    window.close();
  } else {
    document.getElementById("next").textContent = "The page that opened this window is gone. Close this window and go back to TenantBridge.";
  }
})();`
    : "";
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>TenantBridge · Azure DevOps sign-in</title>
<style>body{font-family:system-ui,sans-serif;margin:0;padding:2rem;color:#1e293b;background:#f8fafc}main{max-width:32rem}h1{font-size:1.125rem}p{line-height:1.5}</style>
</head><body><main>
<h1>${escapeHtml(heading)}</h1>
<p role="status">${escapeHtml(detail)}</p>
<p id="next">${page.deliver ? "Returning to TenantBridge…" : "Close this window and start the sign-in again from the connector page."}</p>
</main>${script ? `<script nonce="${escapeHtml(nonce)}">${script}</script>` : ""}</body></html>`;
  const response = new Response(html, {
    status: page.status ?? 200,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      // The URL holds the authorization code: never send it on as a referrer.
      "referrer-policy": "no-referrer",
      "content-security-policy": `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      ...page.extraHeaders,
    },
  });
  return response;
}
