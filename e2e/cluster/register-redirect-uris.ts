// Registers the portal's redirect URIs for its public URL in the sandbox's portal app, as an
// admin does in the app registration for a real deployment.
import { PORTAL_APP } from "../../sandbox/world/default/ids";

type World = { applications: { appId: string; spa: { redirectUris: string[] }; web: { redirectUris: string[] } }[] };

export async function registerPublicRedirectUris(sandboxOrigin: string, publicUrl: string): Promise<void> {
  const world = (await (await fetch(`${sandboxOrigin}/_sandbox/world`)).json()) as World;
  const app = world.applications.find((candidate) => candidate.appId === PORTAL_APP.appId);
  if (!app) throw new Error(`The sandbox world has no portal app ${PORTAL_APP.appId}`);
  app.spa.redirectUris.push(`${publicUrl}/auth/redirect`);
  app.web.redirectUris.push(`${publicUrl}/api/auth/callback`, `${publicUrl}/api/oauth/callback`);
  const response = await fetch(`${sandboxOrigin}/_sandbox/world`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(world) });
  if (!response.ok) throw new Error(`The sandbox refused the world with the public redirect URIs: ${response.status} ${await response.text()}`);
}
