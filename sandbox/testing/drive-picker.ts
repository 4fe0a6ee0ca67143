// Drives the sandbox's authorize pages the way a browser would, without one: GET the authorize
// URL, read the picker form, submit the chosen account's tile, and return where Entra sends the
// browser next (the redirect URI with code/state, or a page).
import { pickerTileId } from "../entra/pages";

export type PickerOutcome = { kind: "redirect"; location: string } | { kind: "page"; status: number; html: string };

export async function openAuthorize(url: string): Promise<PickerOutcome> {
  const response = await fetch(url, { redirect: "manual" });
  return outcome(response);
}

/** Submit the tile of `upn` on a picker page previously fetched from `pageUrl`. */
export async function pickAccount(pageUrl: string, pickerHtml: string, upn: string): Promise<PickerOutcome> {
  const tileId = pickerTileId(upn);
  const tile = new RegExp(`<button[^>]*name="account" value="([^"]+)" id="${tileId}"`).exec(pickerHtml);
  if (!tile) throw new Error(`no tile #${tileId} on the picker page`);
  return submitPicker(pageUrl, pickerHtml, { account: tile[1]! });
}

/** Submit the "Use another account" form with a typed username. */
export async function useAnotherAccount(pageUrl: string, pickerHtml: string, username: string): Promise<PickerOutcome> {
  return submitPicker(pageUrl, pickerHtml, { username });
}

async function submitPicker(pageUrl: string, pickerHtml: string, fields: Record<string, string>): Promise<PickerOutcome> {
  const action = /<form method="post" action="([^"]+)"/.exec(pickerHtml)?.[1];
  const txn = /name="txn" value="([^"]+)"/.exec(pickerHtml)?.[1];
  if (!action || !txn) throw new Error("not a picker page");
  const response = await fetch(new URL(action.replace(/&amp;/g, "&"), pageUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ txn, ...fields }).toString(),
    redirect: "manual",
  });
  return outcome(response);
}

/** Authorize URL → picker → tile: the whole interactive step. Throws if it does not redirect. */
export async function signIn(authorizeUrl: string, upn: string): Promise<string> {
  const first = await openAuthorize(authorizeUrl);
  if (first.kind === "redirect") return first.location;
  const picked = await pickAccount(authorizeUrl, first.html, upn);
  if (picked.kind !== "redirect") throw new Error(`sign-in did not redirect: ${picked.status} ${errorCodeOf(picked.html)}`);
  return picked.location;
}

async function outcome(response: Response): Promise<PickerOutcome> {
  const location = response.headers.get("location");
  if (response.status >= 300 && response.status < 400 && location) return { kind: "redirect", location };
  return { kind: "page", status: response.status, html: await response.text() };
}

/** The AADSTS code shown on an error page, if any. */
export function errorCodeOf(html: string): number | null {
  const match = /data-error-code="(\d+)"/.exec(html);
  return match ? Number(match[1]) : null;
}
