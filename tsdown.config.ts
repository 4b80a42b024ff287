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
    // Minified for start-up, but names survive: an uncaught error prints its class's name
    // (`SchemaValidationError: …`, not `e [SchemaValidationError]: …`), and a stack trace names
    // the verbs.
    minify: { compress: { keepNames: { function: true, class: true } }, mangle: { keepNames: true } },
    outDir: "dist",
  },
  {
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    dts: false,
    platform: "node",
    target: "node20",
    clean: false,
    outDir: "dist",
  },
]);
