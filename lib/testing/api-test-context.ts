// What an API or data-layer integration test file needs, in two calls: one sandbox cloud for the
// file, and per database its migrated database, a signed-in session cookie per role, and a clean
// slate before each test (sandbox reset, reset steps, tables emptied in order).
//   const sandbox = sandboxForFile(usePortalEnvironment);
//   for (const provider of testProviders)
//     describe(provider, () => {
//       const t = useApiTestContext(provider, { sandbox, reset: [forgetBrokerTokens], tables: ["auditEvent", "connector", "organization"] });
//       it("…", async () => { await post(id, t.cookies.admin); expect(await t.current.db.auditEvent.count()).toBe(1); });
//     });
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { admin, startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { roles, type Role } from "@/lib/server/auth/permissions";
import { setDbForTests, type Db } from "@/lib/server/db/client";
import { sessionCookie } from "./sessions";
import { useTestDb, type TestDb, type TestProvider } from "./test-db";

/**
 * One sandbox cloud on free ports for the whole file (both databases), started before the file's
 * tests and stopped after them. `environment` points the portal at it (usePortalEnvironment or
 * useSandboxEnvironment) before anything reads settings(), which caches the environment once per
 * process. The answer stands for the running sandbox: read its fields inside hooks and tests.
 */
export function sandboxForFile(environment: (sandbox: RunningSandbox) => void): RunningSandbox {
  let running: RunningSandbox | undefined;
  beforeAll(async () => {
    running = await startTestSandbox();
    environment(running);
  });
  afterAll(async () => {
    await running?.stop();
  });
  const current = () => {
    if (!running) throw new Error("The test sandbox is not running yet: use it inside hooks and tests.");
    return running;
  };
  return {
    get origin() {
      return current().origin;
    },
    get miOrigin() {
      return current().miOrigin;
    },
    get caPath() {
      return current().caPath;
    },
    get env() {
      return current().env;
    },
    stop: () => current().stop(),
    loadWorld: (world) => current().loadWorld(world),
    world: () => current().world(),
  };
}

/** A model whose rows a test file writes: emptied before each test, in the order given. */
export type TestTable = { [K in keyof Db]: Db[K] extends { deleteMany(): Promise<unknown> } ? K : never }[keyof Db];

export type ApiTestContextOptions = {
  /** Reset to its world before each test. */
  sandbox?: RunningSandbox;
  /** Run before each test, before the tables are emptied (forgetBrokerTokens, a rate limit's reset). */
  reset?: ((db: Db) => unknown)[];
  /** Emptied before each test, in this order (children before parents). */
  tables?: TestTable[];
};

export type ApiTestContext = { readonly current: TestDb; readonly cookies: Readonly<Record<Role, string>> };

/** The database for `provider` as the portal's client, a session cookie per role, and a clean slate before each test. */
export function useApiTestContext(provider: TestProvider, options: ApiTestContextOptions = {}): ApiTestContext {
  // A `let` assigned in a beforeAll would still be undefined here: the sandbox must come from sandboxForFile.
  if ("sandbox" in options && !options.sandbox) throw new Error("Pass the sandbox that sandboxForFile returned: it is undefined when the describe block runs.");
  const holder = useTestDb(provider);
  const cookies = {} as Record<Role, string>;
  beforeAll(async () => {
    setDbForTests(holder.current.db);
    for (const role of roles) cookies[role] = await sessionCookie(holder.current.db, role);
  });
  beforeEach(async () => {
    const { db } = holder.current;
    if (options.sandbox) await admin(options.sandbox, "POST", "/reset");
    for (const reset of options.reset ?? []) await reset(db);
    for (const table of options.tables ?? []) await (db[table] as { deleteMany(): Promise<unknown> }).deleteMany();
  });
  return {
    get current() {
      return holder.current;
    },
    cookies,
  };
}
