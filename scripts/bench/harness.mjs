// Timing in one process: warm-up, a settling pass, interleaved rounds in a new order each
// round, every sample kept. Each slot (a check on a payload) gets a loop compiled for it alone,
// so every call site stays monomorphic and no slot pays for another's inline caches. A sample
// is the time elapsed by default. The process's CPU time would leave out the time the scheduler
// gives other processes, but Node 20 reads it for the whole process (every thread, accounted
// at the scheduler's ticks): on this 2-core machine its rounds spread 5 to 10 times wider.

const now = () => process.hrtime.bigint();
/** CPU time of this process (user + system, every thread), in ns. */
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
};
// With --expose-gc, a minor collection before each sample empties the young generation, so a
// sample pays for the garbage it makes itself, not for what the slot before it left behind.
const minorGc = typeof globalThis.gc === "function" ? () => globalThis.gc({ type: "minor" }) : () => {};

function loopFor() {
  // A fresh function per slot: V8 optimises (and may inline) each slot's call on its own.
  return new Function("fn", "x", "n", "let sink = 0; for (let i = 0; i < n; i++) { if (fn(x)) sink++; } return sink;");
}

/**
 * @param {{ key: string, fn: (x: unknown) => unknown, data: unknown }[]} slots
 * @param {{ rounds?: number, roundMs?: number, warmupMs?: number, clock?: "cpu" | "wall" }} [options]
 *   clock: what a sample measures, the time elapsed (default) or the process's CPU time
 * @returns {Map<string, number[]>} ns per call of each round, by slot key, in round order
 */
export function sample(slots, { rounds = 9, roundMs = 10, warmupMs = 100, clock = "wall" } = {}) {
  const read = clock === "cpu" ? cpuNow : () => Number(now());
  const timed = slots.map((slot) => ({ ...slot, loop: loopFor(), n: 1, samples: [] }));
  for (const slot of timed) {
    // Warm up (past V8's optimising tiers), and size n so that one timed run lasts about roundMs.
    const until = now() + BigInt(Math.round(warmupMs * 1e6));
    let n = 64;
    while (now() < until) {
      const start = now();
      slot.loop(slot.fn, slot.data, n);
      const ns = Number(now() - start);
      if (ns < (roundMs * 1e6) / 4) n *= 2;
      slot.n = Math.max(1, Math.round((n * roundMs * 1e6) / Math.max(ns, 1)));
    }
  }
  // Settle: once more over every slot, in a random order, now that every function has seen all
  // of its payloads; a function re-optimised for a later slot's shapes is optimised again here,
  // not in the first timed round.
  for (const slot of shuffle([...timed])) slot.loop(slot.fn, slot.data, slot.n);
  for (let round = 0; round < rounds; round++) {
    // A different order each round, so that drift of the machine spreads over every slot.
    const order = shuffle([...timed]);
    for (const slot of order) {
      minorGc();
      const start = read();
      slot.loop(slot.fn, slot.data, slot.n);
      slot.samples.push((read() - start) / slot.n);
    }
  }
  return new Map(timed.map((slot) => [slot.key, slot.samples]));
}

function shuffle(list) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

/** The q-quantile of numbers (linear between the two nearest ranks). */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.ceil(at)] - sorted[low]) * (at - low);
}

export const median = (values) => quantile(values, 0.5);

/**
 * The earlier interface (`npm run bench:passes`): rows × cases, median ns per call.
 * @param {{ name: string, fn: (x: unknown) => unknown, only?: string[] }[]} rows
 * @param {{ name: string, data: unknown }[]} cases
 * @returns {Map<string, Map<string, number>>} median ns per call, by row then case
 */
export function measure(rows, cases, { rounds = 21, roundMs = 40, warmupMs = 200 } = {}) {
  const slots = rows.flatMap((row) => cases.filter((c) => !row.only || row.only.includes(c.name)).map((c) => ({ key: JSON.stringify([row.name, c.name]), row, c, fn: row.fn, data: c.data })));
  const samples = sample(slots, { rounds, roundMs, warmupMs });
  const out = new Map();
  for (const { key, row, c } of slots) {
    if (!out.has(row.name)) out.set(row.name, new Map());
    out.get(row.name).set(c.name, median(samples.get(key)));
  }
  return out;
}
