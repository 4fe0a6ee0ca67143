// First-load JavaScript per page route: what a browser with an empty cache downloads to show
// each page of the production build, signed in as an admin (the sign-in page signed out).
//
//   npm run measure:js            → a table per route: script files, bytes, gzip bytes, bytes on the wire
//   npm run measure:js -- --json  → the same figures as JSON
//   npm run measure:js -- --files → each route's scripts too, largest first (what to cut next)
//
// Scripts are the .js files the page loads until the network is idle (Next.js chunks; the RSC
// payload inlined in the HTML is not counted). "gzip" is each file gzipped here at level 9, so
// the figure does not depend on the server; "wire" is what Chromium received.
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { chromiumArgs, chromiumPath, startDemoPortal, type DemoPortal } from "./demo-portal";

type Script = { path: string; bytes: number; gzip: number; wire: number };
type Figure = { route: string; files: number; bytes: number; gzip: number; wire: number; scripts: Script[] };

// A page that renders part of itself only in the browser (the wizard) requests that part after
// hydration: counting stops only once what the operator came for is on screen and the network is
// quiet again, so a slow first render cannot hide those scripts.
function routes(portal: DemoPortal): { route: string; signedIn: boolean; shows?: string }[] {
  const { connectors } = portal;
  return [
    { route: "/sign-in", signedIn: false },
    { route: "/connectors", signedIn: true },
    { route: "/connectors/new", signedIn: true },
    { route: `/connectors/${connectors["Litware"]} (ADO, OAuth)`, signedIn: true },
    { route: `/connectors/${connectors["Fabrikam"]} (ADO, MI + FIC)`, signedIn: true },
    { route: `/connectors/${connectors["Northwind Traders"]} (ADO, PAT)`, signedIn: true },
    { route: `/connectors/${connectors["Litware telemetry"]} (Kusto)`, signedIn: true },
    { route: "/knowledge-sources", signedIn: true },
    { route: "/knowledge-sources/new", signedIn: true, shows: "Where are the repositories?" },
    { route: "/health", signedIn: true },
    { route: "/audit", signedIn: true },
    { route: "/tenants", signedIn: true },
    { route: "/settings", signedIn: true },
    { route: "/settings/agent-access", signedIn: true },
  ];
}

async function measure(browser: Browser, portal: DemoPortal, label: string, signedIn: boolean, shows?: string): Promise<Figure> {
  const route = label.split(" ")[0];
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  if (signedIn) await context.addCookies([await portal.sessionCookie("admin")]);
  const page = await context.newPage();
  const scripts: Promise<Script>[] = [];
  let collecting = true;
  page.on("requestfinished", (request) => {
    // A script that finishes after the network went idle is not first-load JS.
    if (!collecting || request.resourceType() !== "script") return;
    scripts.push(
      (async () => {
        const response = await request.response();
        const body = response ? await response.body() : Buffer.alloc(0);
        const sizes = await request.sizes();
        return { path: new URL(request.url()).pathname, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length, wire: sizes.responseBodySize };
      })(),
    );
  });
  const response = await page.goto(`${portal.url}${route}`, { waitUntil: "networkidle" });
  if (!response || response.status() >= 400) throw new Error(`${route} answered ${response?.status() ?? "nothing"}`);
  if (signedIn && new URL(page.url()).pathname === "/sign-in") throw new Error(`${route} sent the signed-in operator to /sign-in`);
  if (shows) {
    await page.getByText(shows).first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState("networkidle");
  }
  collecting = false;
  const files = await Promise.all(scripts);
  await context.close();
  const sum = (key: "bytes" | "gzip" | "wire") => files.reduce((total, file) => total + file[key], 0);
  const scriptsBySize = files.toSorted((a, b) => b.gzip - a.gzip);
  return { route: label.replace(/^\/connectors\/[^ ]+ \(/, "/connectors/[id] ("), files: files.length, bytes: sum("bytes"), gzip: sum("gzip"), wire: sum("wire"), scripts: scriptsBySize };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

async function main(): Promise<void> {
  const portal = await startDemoPortal();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const figures: Figure[] = [];
    for (const { route, signedIn, shows } of routes(portal)) figures.push(await measure(browser, portal, route, signedIn, shows));
    if (process.argv.includes("--json")) {
      console.log(JSON.stringify(figures, null, 2));
      return;
    }
    const width = Math.max(...figures.map((figure) => figure.route.length));
    console.log(`${"route".padEnd(width)}  files       bytes        gzip        wire`);
    for (const figure of figures) {
      console.log(`${figure.route.padEnd(width)}  ${String(figure.files).padStart(5)}  ${kb(figure.bytes).padStart(10)}  ${kb(figure.gzip).padStart(10)}  ${kb(figure.wire).padStart(10)}`);
      if (!process.argv.includes("--files")) continue;
      for (const script of figure.scripts) console.log(`    ${kb(script.gzip).padStart(9)} gzip  ${script.path}`);
    }
  } finally {
    await browser.close();
    await portal.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
