// The last requests the sandbox answered, with the caller's request ids, so tests can check
// what a client sent (Azure services log x-ms-client-request-id / client-request-id the same
// way, which is how a portal error is traced to the upstream call). Bodies and query strings are
// not kept: they carry codes, assertions and tokens.
export type LoggedRequest = {
  listener: "https" | "mi";
  method: string;
  path: string;
  status: number;
  clientRequestId: string | null;
  at: string;
};

const CAPACITY = 500;

export class RequestLog {
  private entries: LoggedRequest[] = [];

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > CAPACITY) this.entries.splice(0, this.entries.length - CAPACITY);
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
