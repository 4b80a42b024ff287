// Preloaded into a measured process: reports its peak resident memory on exit.
process.on("exit", () => process.stderr.write(`\nbench:maxrss=${process.resourceUsage().maxRSS}\n`));
