// msal-browser error codes from a popup sign-in, turned into what the operator should do.
export function describePopupError(error: unknown): string {
  const code = typeof error === "object" && error !== null && "errorCode" in error ? String((error as { errorCode: unknown }).errorCode) : "";
  const message = error instanceof Error ? error.message : String(error);
  if (code === "popup_window_error" || code === "empty_window_error") {
    return "Your browser blocked the sign-in window. Allow pop-ups for this site, then select the button again.";
  }
  if (code === "user_cancelled") {
    return "The sign-in window was closed before sign-in finished. If it showed AADSTS50020, the account you chose belongs to another tenant: choose an account of the tenant the window named, or ask that tenant's admin to invite yours as a guest. Select the button to try again.";
  }
  if (code === "timed_out") return "The sign-in window did not finish in time. Close it and select the button to try again.";
  if (code === "interaction_in_progress") return "A sign-in window is already open. Finish or close it first.";
  const aadsts = /AADSTS\d+[^\r\n]*/.exec(message)?.[0];
  return aadsts ? `Entra ID refused the sign-in: ${aadsts}` : `Sign-in failed: ${message}`;
}
