// A real @azure/msal-browser popup sign-in in headless Chromium against the sandbox: the app
// page (served from a throwaway http://localhost server) calls loginPopup with
// prompt=select_account, the popup shows the sandbox's account picker, the user picks an account,
// and the redirect bridge page hands the response back to the app (msal-browser 5 needs it).
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../server";
import { REPO_ROOT } from "../server";
import { startTestSandbox } from "../testing/test-sandbox";
import { PORTAL_APP, TENANT, USER } from "../world/default/ids";
import { pickerTileId } from "../entra/pages";

const MSAL_LIB = path.join(REPO_ROOT, "node_modules/@azure/msal-browser/lib");

let sandbox: RunningSandbox;
let app: Server;
let appOrigin: string;
let browser: Browser;

function appPage(authority: string): string {
  const config = {
    auth: { clientId: PORTAL_APP.appId, authority, knownAuthorities: [new URL(sandbox.origin).host], redirectUri: `${appOrigin}/auth/redirect` },
    system: { popupBridgeTimeout: 15000 },
  };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>app</title><script src="/msal-browser.js"></script></head>
<body><button id="login">Sign in</button><pre id="result"></pre><script>
  const pca = new msal.PublicClientApplication(${JSON.stringify(config)});
  const ready = pca.initialize();
  document.getElementById("login").addEventListener("click", () => {
    ready
      .then(() => pca.loginPopup({ scopes: ["User.Read"], prompt: "select_account" }))
      .then((r) => { document.getElementById("result").textContent = ["OK", r.account.username, r.account.homeAccountId, r.account.tenantId, r.idTokenClaims.roles ? r.idTokenClaims.roles.join(",") : "-"].join(" "); })
      .catch((e) => { document.getElementById("result").textContent = "ERR " + e.errorCode + " " + e.message; });
  });
</script></body></html>`;
}

// The bridge page must not send Cross-Origin-Opener-Policy: it talks to the opener over BroadcastChannel.
const BRIDGE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bridge</title><script src="/msal-redirect-bridge.js"></script></head>
<body><script>msalRedirectBridge.broadcastResponseToMainFrame();</script></body></html>`;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  app = createServer((req, res) => {
    const url = new URL(req.url ?? "/", appOrigin);
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { "content-type": type });
      res.end(body);
    };
    if (url.pathname === "/msal-browser.js") return send("text/javascript", readFileSync(path.join(MSAL_LIB, "msal-browser.js")));
    if (url.pathname === "/msal-redirect-bridge.js") return send("text/javascript", readFileSync(path.join(MSAL_LIB, "redirect-bridge/msal-redirect-bridge.js")));
    if (url.pathname === "/auth/redirect") return send("text/html", BRIDGE_PAGE);
    if (url.pathname === "/") return send("text/html", appPage(`${sandbox.origin}/${url.searchParams.get("tenant") ?? "organizations"}`));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const address = app.address();
  appOrigin = `http://localhost:${typeof address === "object" && address ? address.port : 0}`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (app ? app.close(() => resolve()) : resolve()));
  await sandbox?.stop();
});

describe("msal-browser loginPopup against the sandbox", () => {
  it("signs in with account selection in the popup", async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(`${appOrigin}/?tenant=${TENANT.contoso}`);
    const popupPromise = page.waitForEvent("popup");
    await page.click("#login");
    const popup = await popupPromise;
    await popup.waitForURL(/\/oauth2\/v2\.0\/authorize/);
    await popup.waitForSelector("text=SANDBOX sign-in");
    await popup.click(`#${pickerTileId(USER.contosoAdmin.upn)}`);
    await page.waitForFunction(() => (document.getElementById("result")?.textContent ?? "").length > 0, undefined, { timeout: 20_000 });
    const result = await page.textContent("#result");
    expect(result).toBe(`OK ${USER.contosoAdmin.upn} ${USER.contosoAdmin.oid}.${TENANT.contoso} ${TENANT.contoso} TenantBridge.Admin`);
    await expect.poll(() => popup.isClosed(), { timeout: 5000 }).toBe(true);
    await context.close();
  });

  it("uses 'Use another account' in the popup for a user of another tenant", async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(`${appOrigin}/`);
    const popupPromise = page.waitForEvent("popup");
    await page.click("#login");
    const popup = await popupPromise;
    await popup.waitForURL(/\/oauth2\/v2\.0\/authorize/);
    await popup.fill("#username", USER.litwareDev.upn);
    await popup.click("#use-another-account-submit");
    await page.waitForFunction(() => (document.getElementById("result")?.textContent ?? "").length > 0, undefined, { timeout: 20_000 });
    expect(await page.textContent("#result")).toBe(`OK ${USER.litwareDev.upn} ${USER.litwareDev.oid}.${TENANT.litware} ${TENANT.litware} -`);
    await context.close();
  });
});
