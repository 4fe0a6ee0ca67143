import "server-only";
// `npm run keys:rotate`: re-encrypts every stored secret under the first key of
// TB_ENCRYPTION_KEYS. Safe to interrupt and to re-run; the portal may stay up meanwhile.
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { assertEncryptionReady } from "./assert-encryption-ready";
import { keyRing } from "./load-key-ring";
import { rotateEncryptionKeys } from "./rotate-encryption-keys";
import { storedKeyUsage } from "./stored-key-usage";

async function main(): Promise<number> {
  const database = db();
  // Refuses up front when a stored secret's key is missing or wrong, instead of failing row by
  // row; it runs before keyRing() so a lost demo key file is reported, not silently replaced.
  const before = await assertEncryptionReady(database);
  const ring = keyRing();
  console.log(`Current key "${ring.current.id}": ${before.underOlderKeys} of ${before.storedSecrets} stored secrets are under older keys.`);

  const counts = await rotateEncryptionKeys(database, ring, {
    batchSize: 100,
    onProgress: (progress) => console.log(`  ${progress.table}.${progress.field}: ${progress.rotated} rotated so far`),
  });
  console.log(`Rotated: ${counts.rotated}`);
  console.log(`Already under the current key: ${counts.alreadyCurrent}`);
  console.log(`Skipped because changed meanwhile: ${counts.skippedBecauseChanged}`);
  for (const failure of counts.failed) console.log(`Failed: ${failure.table} ${failure.rowId} (${failure.field}): ${failure.reason}`);

  const after = await storedKeyUsage(database);
  const stillUsed = [...after.byKeyId.keys()].filter((keyId) => keyId !== ring.current.id);
  if (stillUsed.length > 0 || counts.failed.length > 0) {
    console.log(`Keys still in use besides the current one: ${stillUsed.join(", ") || "none"}. Run \`npm run keys:rotate\` again; keep those keys until it reports none.`);
    return 1;
  }
  const pending = ring.ids.filter((keyId) => ring.get(keyId)?.decryptOnly);
  if (pending.length > 0) {
    // Phase one of a rolling rotation: the new key must not be removed, it is about to encrypt.
    console.log(
      `Every secret is under "${ring.current.id}". ${pending.map((id) => `"${id}"`).join(", ")} ${pending.length === 1 ? "is" : "are"} still decrypt-only: ` +
        `once every replica runs with ${pending.length === 1 ? "it" : "them"}, drop ":decrypt-only" (the first unmarked key encrypts), restart the replicas and run \`npm run keys:rotate\` again.`,
    );
    return 0;
  }
  const removable = ring.ids.filter((keyId) => keyId !== ring.current.id);
  console.log(
    removable.length > 0
      ? `Every secret is under "${ring.current.id}". You can now remove ${removable.map((id) => `"${id}"`).join(", ")} from TB_ENCRYPTION_KEYS.`
      : `Every secret is under "${ring.current.id}".`,
  );
  return 0;
}

async function disconnect(): Promise<void> {
  try {
    await db().$disconnect();
  } catch {
    // Nothing to close when settings or the client never came up.
  }
}

main()
  .then(async (code) => {
    await disconnect();
    process.exitCode = code;
  })
  .catch(async (error: unknown) => {
    // Expected failures print their message and hint; anything else is a bug and keeps its stack.
    if (error instanceof AppError) console.error(`${error.message}${error.hint ? `\n${error.hint}` : ""}`);
    else console.error(error);
    await disconnect();
    process.exitCode = 1;
  });
