// Preloaded into a measured process: reports its peak resident memory and its CPU time on exit.
process.on("exit", () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nbench:maxrss=${usage.maxRSS}\nbench:cpu=${usage.userCPUTime + usage.systemCPUTime}\n`);
});
