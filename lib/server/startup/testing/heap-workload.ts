// Run by heap-growth.int.test.ts in its own Node process: the portal's heap growth (GROWTH, as
// TB_HEAP_GROWTH_PERCENT) set as the portal sets it at start, then about 40 MiB kept and objects
// that live long enough to reach the old generation before they die. Prints the peak heap size.
import { limitHeapGrowth } from "../heap-growth";

limitHeapGrowth(Number(process.env.GROWTH));
const kept: object[] = [];
for (let i = 0; i < 300_000; i++) kept.push({ id: i, name: `connector-${i}`, tags: [i, i + 1] });
const ring: object[] = new Array(100_000);
let peak = 0;
for (let i = 0; i < 4_000_000; i++) {
  ring[i % ring.length] = { i, answer: `answer-${i}`, more: [i] };
  if (i % 50_000 === 0) peak = Math.max(peak, process.memoryUsage().heapTotal);
}
console.log(JSON.stringify({ peakHeapMiB: peak / 1048576, kept: kept.length }));
