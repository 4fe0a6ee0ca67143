// Causes and fixes for Entra errors of the sign-in and token-redemption flows (OAuth connectors,
// the operator's own sign-in) and of malformed requests: the codes that are not about the
// federated credential chain. Meanings: https://learn.microsoft.com/entra/identity-platform/reference-error-codes
import type { ChainContext, DecodedError } from "./decoded-error";

export type Explanation = Omit<DecodedError, "code" | "raw" | "traceId" | "correlationId">;

const signInAgain = "Sign in again (Connect → Sign in to Azure DevOps); the portal then keeps the new sign-in refreshed.";

export const signInExplanations: Record<string, (c: ChainContext) => Explanation> = {
  "900023": () => ({
    title: "The tenant id is not valid",
    cause: "The tenant given is neither a GUID nor a domain Entra ID knows.",
    fix: "Use the tenant's id (a GUID, Entra ID → Overview) or its verified domain.",
  }),
  "7000218": () => ({
    title: "The app sent no credential",
    cause: "The token request carried neither a client secret nor a client assertion, so Entra ID could not authenticate the app.",
    fix: "Configure the connector's credential: the managed identity + federated credential, or the app's secret.",
  }),
  "7000222": () => ({
    title: "The app's client secret has expired",
    cause: "Every client secret of the app registration is past its end date.",
    fix: "Move the connector to managed identity + federated credential (no secret to expire); until then create a new secret on the app registration.",
  }),
  "50027": () => ({
    title: "The client assertion is not a valid token",
    cause: "The assertion sent as the app's credential is malformed, or its type is not urn:ietf:params:oauth:client-assertion-type:jwt-bearer.",
    fix: "Send the managed identity's token for api://AzureADTokenExchange unchanged as the client assertion.",
  }),
  "7000274": () => ({
    title: "The client assertion's signature is not valid",
    cause: "Entra ID found the signing key named by the assertion, but the signature does not verify: the token was altered or signed by someone else.",
    fix: "Use the managed identity's token exactly as the managed identity endpoint issued it.",
  }),
  "28000": () => ({
    title: "The request asked for more than one resource",
    cause: "One token can be for one resource only, and the scope named several.",
    fix: "Ask for one resource per token request (for Azure DevOps 499b84ac-1321-427f-aa17-267ca6975798/.default).",
  }),
  "501481": () => ({
    title: "The sign-in's PKCE check failed",
    cause: "The code verifier sent with the authorization code does not match the challenge of the sign-in that produced it, as when a sign-in is replayed from another tab.",
    fix: "Start the sign-in again from the portal, in one window.",
  }),
  "54005": () => ({
    title: "The authorization code was already used",
    cause: "An authorization code can be redeemed once; this one was redeemed before (a reloaded or repeated callback).",
    fix: "Start the sign-in again from the portal.",
  }),
  "70008": () => ({
    title: "The sign-in has expired",
    cause: "The authorization code or refresh token expired through inactivity, or was replaced by a newer one.",
    fix: signInAgain,
  }),
  "700082": () => ({
    title: "The sign-in has expired",
    cause: "The refresh token was not used for longer than Entra ID allows (90 days by default), so it can no longer be redeemed.",
    fix: signInAgain,
  }),
  "9002313": () => ({
    title: "The stored sign-in is not valid",
    cause: "Entra ID refused the refresh token as malformed: it was damaged or belongs to another cloud.",
    fix: signInAgain,
  }),
  "500117": () => ({
    title: "The sign-in came back to another address",
    cause: "The redirect URI used to redeem the code is not the one the sign-in started with.",
    fix: "Start the sign-in again from the portal's own address (TB_PUBLIC_URL), not through another host name.",
  }),
  "70000": () => ({
    title: "The grant was issued to another app",
    cause: "The authorization code or refresh token belongs to a different client id than the one redeeming it.",
    fix: "Sign in again; if the portal's app registration changed (TB_PORTAL_CLIENT_ID), every OAuth connector must sign in again.",
  }),
  "9002326": () => ({
    title: "The app is not a single-page application",
    cause: "A browser redeemed the code cross-origin, which Entra ID allows only for redirect URIs registered as Single-page application.",
    fix: "Register the redirect URI under the Web platform and let the portal's server redeem the code.",
  }),
  "9002327": () => ({
    title: "A single-page application's code was redeemed by a server",
    cause: "The redirect URI is registered as Single-page application, so its codes may only be redeemed from the browser.",
    fix: "Move the portal's redirect URI to the Web platform of the app registration.",
  }),
  "70003": () => ({
    title: "The app asked for a grant type Entra ID does not support",
    cause: "The token request named a grant type the endpoint does not accept.",
    fix: "Report this to the TenantBridge administrator with the trace id; the portal sends only authorization code, refresh token and client credentials grants.",
  }),
  "900144": () => ({
    title: "A required parameter is missing",
    cause: "The token request lacked a parameter Entra ID requires (named in the message below).",
    fix: "Check the connector's settings for an empty value (tenant, client id, scope), then run the test again.",
  }),
  "50011": () => ({
    title: "The redirect address is not registered",
    cause: "The portal's redirect URI is not among the app registration's redirect URIs.",
    fix: "Add the portal's callback (TB_PUBLIC_URL + /api/auth/callback and the connector sign-in callback) to the app registration's Web redirect URIs.",
  }),
  "50034": () => ({
    title: "The account does not exist",
    cause: "The account that tried to sign in is not in the directory.",
    fix: "Check the spelling of the account, or choose “Use another account”.",
  }),
  "90094": () => ({
    title: "An administrator must consent",
    cause: "The app asks for permissions that only an administrator of the tenant may grant.",
    fix: "Ask an administrator of the tenant to sign in once and grant consent for the organization, or to open the admin consent link.",
  }),
  "50058": () => ({
    title: "Nobody is signed in",
    cause: "A silent sign-in found no signed-in account in the browser.",
    fix: "Sign in interactively.",
  }),
  "900561": () => ({
    title: "The sign-in took too long",
    cause: "The sign-in page's session expired before the account was chosen.",
    fix: "Start the sign-in again.",
  }),
  "700054": () => ({
    title: "ID tokens are not enabled for the app",
    cause: "The sign-in asked for an ID token directly, which the app registration does not allow.",
    fix: "Use the authorization code flow (the portal's default) instead of the implicit flow.",
  }),
};
