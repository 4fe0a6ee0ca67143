import "server-only";
// What the broker throws when a connector cannot produce a token: the decoded cause and fix go
// with it, so the agent's logs and the health page say which hop broke and what to do.
import type { DecodedError } from "@/lib/server/entra/decoded-error";
import { AppError, type AppErrorCode } from "@/lib/server/errors";

export class TokenUnavailableError extends AppError {
  readonly decoded: DecodedError;
  constructor(decoded: DecodedError, code: AppErrorCode = "upstream_failed") {
    super(code, `${decoded.title}. ${decoded.cause}`, { hint: decoded.fix });
    this.name = "TokenUnavailableError";
    this.decoded = decoded;
  }
}
