// A second portal "replica" for the shared rate-limit test: its own process (so its own memory)
// and its own Prisma client on the same PostgreSQL database. Prints one line of JSON: for each
// attempt, true when the slot was taken or the Retry-After seconds when refused.
//   tsx --conditions=react-server take-chain-test-slots.ts <postgres url> <connector id> <attempts>
import { createDb } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { takeChainTestSlot } from "@/lib/server/pipeline/chain-test-rate-limit";

async function main() {
  const [url = "", connectorId = "", attempts = "1"] = process.argv.slice(2);
  const db = createDb({ provider: "postgresql", url });
  const outcomes: (true | number)[] = [];
  try {
    for (let i = 0; i < Number(attempts); i++) {
      try {
        await takeChainTestSlot(db, connectorId);
        outcomes.push(true);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== "rate_limited") throw error;
        outcomes.push(error.retryAfterSeconds ?? 0);
      }
    }
  } finally {
    await db.$disconnect();
  }
  console.log(JSON.stringify(outcomes));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
