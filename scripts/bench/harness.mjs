// Timing in one process: warm-up, interleaved rounds, median of rounds. Each row gets a loop
// compiled for it alone, so every call site stays monomorphic and no row pays for another.

const now = () => process.hrtime.bigint();

function loopFor() {
  // A fresh function per row: V8 optimises (and may inline) each row's call on its own.
  return new Function(
    "fn",
    "x",
    "n",
    "let sink = 0; for (let i = 0; i < n; i++) { if (fn(x)) sink++; } return sink;",
  );
}

/**
 * @param {{ name: string, fn: (x: unknown) => unknown }[]} rows
 * @param {{ name: string, data: unknown }[]} cases
 * @returns {Map<string, Map<string, number>>} median ns per call, by row then case
 */
export function measure(rows, cases, { rounds = 21, roundMs = 40, warmupMs = 200 } = {}) {
  const slots = rows.flatMap((row) => cases.filter((c) => !row.only || row.only.includes(c.name)).map((c) => ({ row, c, loop: loopFor(), n: 1, samples: [] })));
  for (const slot of slots) {
    // Warm up, and size n so that one timed run lasts about roundMs.
    const until = now() + BigInt(warmupMs * 1e6);
    let n = 256;
    while (now() < until) {
      const start = now();
      slot.loop(slot.row.fn, slot.c.data, n);
      const ns = Number(now() - start);
      if (ns < roundMs * 1e6 / 4) n *= 2;
      slot.n = Math.max(1, Math.round((n * roundMs * 1e6) / Math.max(ns, 1)));
    }
  }
  for (let round = 0; round < rounds; round++) {
    // A different order each round, so drift of the machine spreads over every row.
    const order = [...slots].sort(() => Math.random() - 0.5);
    for (const slot of order) {
      const start = now();
      slot.loop(slot.row.fn, slot.c.data, slot.n);
      slot.samples.push(Number(now() - start) / slot.n);
    }
  }
  const out = new Map();
  for (const { row, c, samples } of slots) {
    samples.sort((a, b) => a - b);
    if (!out.has(row.name)) out.set(row.name, new Map());
    out.get(row.name).set(c.name, samples[Math.floor(samples.length / 2)]);
  }
  return out;
}
