// HTML the sandbox shows in the browser: the account picker, Entra-style error pages, the admin
// consent result and the form_post auto-submit. Every page says it is the SANDBOX so nobody
// mistakes it for Microsoft's sign-in page.
import type { SandboxResponse } from "../contract";
import { escapeHtml, html } from "../core/http";
import type { User } from "../world/identity";
import type { EntraError } from "./errors";
import { entraTimestamp } from "./errors";
import { randomUUID } from "node:crypto";

const STYLE = `
  body { font-family: system-ui, sans-serif; background: #f3f2f1; color: #1b1b1b; margin: 0; }
  main { max-width: 440px; margin: 40px auto; background: #fff; padding: 32px; border-radius: 6px; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
  .banner { background: #fff4ce; border: 2px solid #8a6d00; color: #3b2f00; padding: 8px 12px; border-radius: 4px; font-weight: 600; }
  h1 { font-size: 1.5rem; margin: 20px 0 8px; }
  ul { list-style: none; padding: 0; margin: 16px 0; }
  li { margin: 0 0 8px; }
  .tile { display: block; width: 100%; text-align: left; padding: 12px; border: 1px solid #8a8886; border-radius: 4px; background: #fff; font: inherit; cursor: pointer; }
  .tile:hover { background: #f3f2f1; }
  .tile .upn { display: block; color: #323130; font-size: .9rem; }
  .tile .meta { display: block; color: #605e5c; font-size: .8rem; }
  .hint { border-color: #0067b8; border-width: 2px; }
  label { display: block; font-weight: 600; margin: 8px 0 4px; }
  input[type=email], input[type=text] { width: 100%; box-sizing: border-box; padding: 8px; border: 1px solid #605e5c; border-radius: 2px; font: inherit; }
  .primary { margin-top: 12px; padding: 8px 20px; background: #0067b8; color: #fff; border: 0; border-radius: 2px; font: inherit; cursor: pointer; }
  :focus-visible { outline: 3px solid #000; outline-offset: 2px; box-shadow: 0 0 0 5px #fff; }
  .error { color: #a4262c; }
  pre { white-space: pre-wrap; word-break: break-word; background: #f3f2f1; padding: 8px; font-size: .8rem; }
`;

function page(title: string, body: string, status = 200): SandboxResponse {
  return html(
    status,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${escapeHtml(title)} – TenantBridge Sandbox</title><style>${STYLE}</style></head><body><main>` +
      `<p class="banner" role="note">SANDBOX sign-in: the TenantBridge sandbox cloud, with test accounts of its loaded world. This is not Microsoft.</p>` +
      body +
      `</main></body></html>`,
  );
}

/**
 * The tile id of an account: `pick-` + the UPN's local part with dots as dashes + `-` + the first
 * label of its domain. admin@contoso.example → `pick-admin-contoso`.
 */
export function pickerTileId(upn: string): string {
  const [local = "", domain = ""] = upn.toLowerCase().split("@");
  const slug = (text: string) => text.replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `pick-${slug(local)}-${slug(domain.split(".")[0] ?? "")}`;
}

export type PickerAccount = { user: User; tenantName: string; hinted: boolean };

/** When the authority names a tenant: its members and guests first, the other tenants' accounts apart (they get AADSTS50020 here). */
export type PickerGroups = { tenantName: string; inTenant: (user: User) => boolean };

export function accountPickerPage(options: {
  heading: string;
  appName: string;
  action: string;
  transactionId: string;
  accounts: PickerAccount[];
  errorMessage?: string;
  typedUsername?: string;
  groups?: PickerGroups;
}): SandboxResponse {
  const tiles = (accounts: PickerAccount[]) =>
    accounts
      .map(
        ({ user, tenantName, hinted }) =>
          `<li><button type="submit" class="tile${hinted ? " hint" : ""}" name="account" value="${escapeHtml(user.oid)}" id="${pickerTileId(user.upn)}" data-upn="${escapeHtml(user.upn)}">` +
          `<span class="name">${escapeHtml(user.displayName)}</span><span class="upn">${escapeHtml(user.upn)}</span>` +
          `<span class="meta">${escapeHtml(tenantName)}${user.isAdmin ? " · tenant admin" : ""}${hinted ? " · suggested" : ""}</span></button></li>`,
      )
      .join("");
  const groups = options.groups;
  const lists = groups
    ? [
        { id: "accounts-in-tenant", title: `Accounts of ${groups.tenantName}`, note: "", accounts: options.accounts.filter(({ user }) => groups.inTenant(user)) },
        {
          id: "accounts-elsewhere",
          title: "Accounts of other tenants",
          note: `Neither members nor guests of ${groups.tenantName}: Entra ID answers AADSTS50020 for them here.`,
          accounts: options.accounts.filter(({ user }) => !groups.inTenant(user)),
        },
      ]
        .filter((list) => list.accounts.length > 0)
        .map(
          (list) => `<h2 id="${list.id}">${escapeHtml(list.title)}</h2>${list.note ? `<p class="meta">${escapeHtml(list.note)}</p>` : ""}<ul aria-labelledby="${list.id}">${tiles(list.accounts)}</ul>`,
        )
        .join("")
    : `<ul>${tiles(options.accounts)}</ul>`;
  const error = options.errorMessage ? `<p class="error" role="alert" id="picker-error">${escapeHtml(options.errorMessage)}</p>` : "";
  return page(
    options.heading,
    `<h1>${escapeHtml(options.heading)}</h1><p>to continue to <strong>${escapeHtml(options.appName)}</strong></p>` +
      `<form method="post" action="${escapeHtml(options.action)}" aria-label="Sandbox accounts">` +
      `<input type="hidden" name="txn" value="${escapeHtml(options.transactionId)}">${lists}</form>` +
      `<form method="post" action="${escapeHtml(options.action)}" id="use-another-account">` +
      `<h2>Use another account</h2><input type="hidden" name="txn" value="${escapeHtml(options.transactionId)}">` +
      `<label for="username">Email or username</label>${error}` +
      `<input type="email" id="username" name="username" autocomplete="username" required value="${escapeHtml(options.typedUsername ?? "")}"` +
      `${options.errorMessage ? ' aria-describedby="picker-error" aria-invalid="true"' : ""}>` +
      `<button type="submit" class="primary" id="use-another-account-submit">Next</button></form>`,
  );
}

/** Entra shows untrusted-redirect and account errors as a page instead of redirecting. */
export function errorPage(err: EntraError, correlationId: string): SandboxResponse {
  const traceId = randomUUID();
  return page(
    "Sign-in error",
    `<h1>Sorry, but we're having trouble signing you in.</h1>` +
      `<p id="error-code" data-error-code="${err.code}"><strong>AADSTS${err.code}</strong>: ${escapeHtml(err.message)}</p>` +
      `<pre>Request Id: ${traceId}\nCorrelation Id: ${escapeHtml(correlationId)}\nTimestamp: ${entraTimestamp()}\nMessage: AADSTS${err.code}</pre>`,
    400,
  );
}

export function adminConsentDonePage(appName: string, tenantName: string): SandboxResponse {
  return page(
    "Permissions granted",
    `<h1 id="admin-consent-granted">Permissions granted</h1><p><strong>${escapeHtml(appName)}</strong> now has a service principal in <strong>${escapeHtml(tenantName)}</strong> with the permissions it requested.</p>`,
  );
}

/** `response_mode=form_post`: the browser posts the response to the redirect URI. */
export function formPostPage(redirectUri: string, params: Record<string, string>): SandboxResponse {
  const inputs = Object.entries(params)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  return html(
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Working...</title></head>` +
      `<body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(redirectUri)}">${inputs}` +
      `<noscript><button type="submit">Continue</button></noscript></form></body></html>`,
  );
}
