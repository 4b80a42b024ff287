import { defineConfig } from "tsdown";

// One build per module format: the library entries ship as ESM and CJS with matching
// declaration files; shared code (the runtime layer) lands in chunks both entries import.
export default defineConfig([
  {
    entry: { index: "src/index.ts", strict: "src/strict.ts" },
    format: ["esm", "cjs"],
    dts: true,
    platform: "node",
    target: "node20",
    clean: true,
    // Not minified: the `/* @__PURE__ */` marks must survive (rolldown's minifier drops them),
    // so that a consumer's bundler keeps only the models and verbs it imports; the consumer
    // minifies. Names survive too: an uncaught error prints its class's name.
    minify: false,
    outDir: "dist",
  },
  {
    // The worker threads of `--jobs` load their own entry, beside cli.mjs (see src/cli/jobs.ts).
    entry: { cli: "src/cli.ts", "job-worker": "src/cli/job-worker.ts" },
    format: ["esm"],
    dts: false,
    platform: "node",
    target: "node20",
    clean: false,
    outDir: "dist",
  },
]);
