import "server-only";
// The first hop of the PAT and OAuth chains: the stored credential is there and usable. The PAT
// value and the OAuth tokens stay inside ChainState; checks show dates and the account only.
import { oauthToken } from "@/lib/server/broker/oauth-source";
import { patToken } from "@/lib/server/broker/pat-source";
import { TokenUnavailableError } from "@/lib/server/broker/token-unavailable-error";
import { explainCryptoError } from "@/lib/server/crypto/explain-crypto-error";
import { decodeEntraError } from "@/lib/server/entra/decode-entra-error";
import { chainContext } from "@/lib/server/broker/broker-connector";
import { AppError } from "@/lib/server/errors";
import { fail, pass, type Hop } from "./chain-hop";

const DAY = 24 * 60 * 60_000;
const WARN_DAYS = 14;
const date = (value: Date) => value.toISOString().slice(0, 10);

export const patConfiguredHop: Hop = {
  key: "pat-configured",
  label: "PAT is configured and not expired",
  async run({ db, connector, state }) {
    try {
      const token = await patToken(db, connector.id);
      state.authorization = token.authorization;
      state.identityLabel = "the PAT's owner";
      if (!token.expiresOn) return pass("A PAT is configured. No expiry date was entered, so the portal cannot warn before it lapses.");
      const days = Math.floor((token.expiresOn.getTime() - Date.now()) / DAY);
      return pass(
        days < WARN_DAYS
          ? `A PAT is configured. It expires on ${date(token.expiresOn)}, in ${days} day${days === 1 ? "" : "s"}: create a new one and replace it soon.`
          : `A PAT is configured. It expires on ${date(token.expiresOn)}.`,
      );
    } catch (error) {
      if (error instanceof TokenUnavailableError) return fail(error.decoded);
      const unreadable = explainCryptoError(error);
      if (unreadable) return fail(unreadable);
      throw error;
    }
  },
};

export const oauthTokenHop: Hop = {
  key: "oauth-token",
  label: "Signed-in account's token",
  async run({ db, connector, state }) {
    try {
      const token = await oauthToken(db, connector.id);
      state.authorization = token.authorization;
      state.identityLabel = token.account;
      return pass(`Account ${token.account}\nToken valid until ${token.expiresOn.toISOString().replace(/\.\d+Z$/, "Z")} (refreshed on the server when needed)`);
    } catch (error) {
      if (error instanceof AppError && error.code === "unauthenticated") {
        return fail({
          code: "sign_in_lapsed",
          title: connector.oauthAccount ? "The sign-in has lapsed" : "Nobody has signed in",
          cause: `${error.message}${connector.oauthAccount ? ` The connector was signed in as ${connector.oauthAccount}.` : ""}`,
          fix: error.hint ? `Sign in again. ${error.hint}` : "Sign in again: open the connector and choose “Sign in to Azure DevOps”.",
          raw: error.message,
        });
      }
      return fail(decodeEntraError(error, chainContext(connector)));
    }
  },
};
