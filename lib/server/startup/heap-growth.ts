import "server-only";
// How far V8 lets the heap grow between full collections. After each one, V8 sets the next limit
// at a factor of what survived: on a host with plenty of memory (or no heap limit below V8's
// default) up to 4, on a small one at most 2. The portal keeps about 45 MiB live whatever the
// number of connectors, so on a large host a long sweep let the heap reach 4 times that: the
// sweeping process peaked at 328 to 361 MiB at 10,000 connectors, and 258 to 267 MiB at a factor
// of 2 (`npm run bench:health`, README "The heap's growth"), with the same CPU per check. V8
// reads the setting at every full collection, so setting it as the process starts takes effect.
// It changes no limit: the heap can still grow to whatever the host's memory allows.
import { setFlagsFromString } from "node:v8";

/** The V8 flag for a growth of `percent` (factor 1 + percent / 100). */
export const heapGrowthFlag = (percent: number) => `--heap-growing-percent=${percent}`;

/** Sets the heap's growth for this process; 0 leaves V8's own choice. */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(heapGrowthFlag(percent));
}
