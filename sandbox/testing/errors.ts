// Reading the AADSTS code out of what the real libraries throw. MSAL's ServerError carries
// errorNo (= error_codes[0]), errorCode and subError; @azure/identity 4.13 rethrows it as an
// AuthenticationRequiredError whose message is "<error>: Error(s): <code> - … AADSTS<code>: …".
export type LibraryFailure = { message: string; errorNo?: string; errorCode?: string; subError?: string; name: string };

type MsalLike = Error & { errorNo?: string; errorCode?: string; subError?: string; cause?: MsalLike };

export async function failureOf(attempt: Promise<unknown>): Promise<LibraryFailure> {
  try {
    await attempt;
  } catch (err) {
    const error = err as MsalLike;
    const source = error.errorNo ? error : error.cause?.errorNo ? error.cause : undefined;
    const message = String(error.message);
    return {
      name: error.name,
      message,
      errorNo: (source?.errorNo !== undefined ? String(source.errorNo) : undefined) ?? /Error\(s\): (\d+)/.exec(message)?.[1] ?? /AADSTS(\d+)/.exec(message)?.[1],
      errorCode: source?.errorCode ?? /^([a-z_]+): Error\(s\)/.exec(message)?.[1],
      subError: source?.subError,
    };
  }
  throw new Error("expected the call to fail");
}
