import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { tempFolder } from "./helpers/cli.js";

// The packed tarball, installed into an empty folder and loaded by plain node: vitest's own
// module loader would hide an ESM file that calls require (ajv#1976).
const root = fileURLToPath(new URL("..", import.meta.url));
const schemaCount = readdirSync(join(root, "schemas")).filter((f) => f.endsWith(".schema.json")).length;
// The bundle holds every hand-written document and the in-batch bodies derived from them.
const bundleCount = Object.keys((JSON.parse(readFileSync(join(root, "schemas/bundles/default.schema.json"), "utf8")) as { definitions: object }).definitions).length;
let consumer = "";
let packedFiles: string[] = [];

const node = (args: string[], input?: string) =>
  spawnSync(process.execPath, args, { cwd: consumer, encoding: "utf8", ...(input === undefined ? {} : { input }) });

beforeAll(() => {
  // Both folders (the tarball, the consumer's node_modules) are removed after this file.
  const packDir = tempFolder("batch-job-schema-pack-");
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", packDir], { cwd: root, encoding: "utf8" }),
  ) as { filename: string; files: { path: string }[] }[];
  packedFiles = packed[0]!.files.map((f) => f.path);
  consumer = tempFolder("batch-job-schema-consumer-");
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", join(packDir, packed[0]!.filename)], {
    cwd: consumer,
    encoding: "utf8",
  });
}, 120_000);

describe("the packed package", () => {
  it("ships the schemas, the bundles, the vectors, the builds and the documents, and no sources", () => {
    for (const file of [
      "README.md",
      "LICENSE",
      "CHANGELOG.md",
      "schemas/batch-job-out.schema.json",
      "schemas/bundles/default.schema.json",
      "schemas/bundles/strict.schema.json",
      "schemas/bundles/default.2020-12.schema.json",
      "schemas/bundles/strict.2020-12.schema.json",
      "test/vectors/default/batch-job-out.json",
      "test/vectors/strict/batch-job-out.json",
      "dist/index.mjs",
      "dist/index.cjs",
      "dist/index.d.mts",
      "dist/index.d.cts",
      "dist/cli.mjs",
    ]) {
      expect(packedFiles, file).toContain(file);
    }
    expect(packedFiles.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.mts") && !f.endsWith(".d.cts"))).toEqual([]);
  });

  it("imports no network module and fetches nothing", () => {
    const dist = join(consumer, "node_modules", "batch-job-schema", "dist");
    for (const file of readdirSync(dist).filter((f) => /\.(mjs|cjs)$/.test(f))) {
      const code = readFileSync(join(dist, file), "utf8");
      expect(code, file).not.toMatch(/["'](node:)?(http|https|http2|net|tls|dgram|dns)["']/);
      expect(code, file).not.toMatch(/\bfetch\(/);
    }
  });

  it("installs with no runtime dependency", () => {
    expect(readdirSync(join(consumer, "node_modules")).sort()).toEqual([".bin", ".package-lock.json", "batch-job-schema"]);
  });

  it("loads as ESM with plain node, root, strict and schema subpaths", () => {
    const script = `
      import { isBatchJobOut, validateBatchJobOut, SchemaValidationError, batchJobStatusValues } from "batch-job-schema";
      import * as strict from "batch-job-schema/strict";
      import doc from "batch-job-schema/schemas/batch-job-out.schema.json" with { type: "json" };
      import bundle from "batch-job-schema/schemas/bundles/default.schema.json" with { type: "json" };
      import bundle2020 from "batch-job-schema/schemas/bundles/strict.2020-12.schema.json" with { type: "json" };
      import vectors from "batch-job-schema/vectors/strict/file-id.json" with { type: "json" };
      import { batchJobOutStandardSchema } from "batch-job-schema";
      const job = doc.examples[0];
      const jsonSchema = batchJobOutStandardSchema["~standard"].jsonSchema.input({ target: "draft-2020-12" });
      console.log(JSON.stringify([isBatchJobOut(job), strict.isBatchJobOut({ ...job, x: 1 }),
        validateBatchJobOut({}).issues.length, typeof SchemaValidationError, batchJobStatusValues.length,
        Object.keys(bundle.definitions).length, Object.keys(bundle2020.$defs).length, vectors[0].schema.$ref, jsonSchema.$id]));`;
    const result = node(["--input-type=module", "-e", script]);
    expect(result.stderr).toBe("");
    expect(bundleCount).toBeGreaterThan(schemaCount);
    expect(JSON.parse(result.stdout)).toEqual([
      true,
      false,
      11,
      "function",
      7,
      bundleCount,
      bundleCount,
      "https://batch-job-schema.invalid/schemas/strict/file-id.schema.json",
      "https://batch-job-schema.invalid/schemas/2020-12/batch-job-out.schema.json",
    ]);
  });

  it("loads as CJS with plain node", () => {
    const script = `
      const { isBatchJobOut, parseBatchJobOut, SchemaValidationError } = require("batch-job-schema");
      const strict = require("batch-job-schema/strict");
      const doc = require("batch-job-schema/schemas/batch-job-out.schema.json");
      const job = doc.examples[0];
      let name = "";
      try { parseBatchJobOut({ ...job, status: "x" }); } catch (e) { name = e instanceof SchemaValidationError ? e.name : "?"; }
      console.log(JSON.stringify([isBatchJobOut(job), strict.isBatchJobOut({ ...job, x: 1 }), name,
        require("batch-job-schema/package.json").name]));`;
    const result = node(["-e", script]);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual([true, false, "SchemaValidationError", "batch-job-schema"]);
  });

  // A TypeScript consumer of the installed package under each module resolution: the root,
  // `/strict` and the schema subpaths (a file of schemas/ and a bundle, which lives elsewhere
  // in the package) must resolve to the package's own types. Each file also holds one
  // deliberate type error, marked @ts-expect-error, that only real types catch: `any` would
  // leave the directive unused, which tsc reports.
  const typedUse = `
    const job: unknown = doc.examples[0];
    const statuses: readonly BatchJobStatus[] = batchJobStatusValues;
    const ok: boolean = isBatchJobOut(job) && strict.isBatchJobOut(job) && job.status === statuses[0];
    const id: string = bundle.$id;
    // @ts-expect-error not one of the seven statuses
    const paused: strict.BatchJobStatus = "PAUSED";
    // @ts-expect-error the bundle's $id is a string
    const notANumber: number = bundle.$id;
    export { ok, id, paused, notANumber };
  `;
  const consumers = {
    // node10 (TypeScript's "node"): no `exports`; typesVersions maps the subpaths.
    "node10.ts": `
      import { isBatchJobOut, batchJobStatusValues, type BatchJobStatus } from "batch-job-schema";
      import * as strict from "batch-job-schema/strict";
      import doc from "batch-job-schema/schemas/batch-job-out.schema.json";
      import bundle from "batch-job-schema/schemas/bundles/default.schema.json";`,
    // node16/nodenext from ESM: the `import` conditions, JSON with an import attribute.
    "nodenext.mts": `
      import { isBatchJobOut, batchJobStatusValues, type BatchJobStatus } from "batch-job-schema";
      import * as strict from "batch-job-schema/strict";
      import doc from "batch-job-schema/schemas/batch-job-out.schema.json" with { type: "json" };
      import bundle from "batch-job-schema/schemas/bundles/default.schema.json" with { type: "json" };`,
    // node16/nodenext from CJS: the `require` conditions.
    "nodenext.cts": `
      import { isBatchJobOut, batchJobStatusValues, type BatchJobStatus } from "batch-job-schema";
      import strict = require("batch-job-schema/strict");
      import doc = require("batch-job-schema/schemas/batch-job-out.schema.json");
      import bundle = require("batch-job-schema/schemas/bundles/default.schema.json");`,
    "bundler.ts": `
      import { isBatchJobOut, batchJobStatusValues, type BatchJobStatus } from "batch-job-schema";
      import * as strict from "batch-job-schema/strict";
      import doc from "batch-job-schema/schemas/batch-job-out.schema.json" with { type: "json" };
      import bundle from "batch-job-schema/schemas/bundles/default.schema.json" with { type: "json" };`,
  };
  const tsconfigs = {
    node10: { module: "commonjs", moduleResolution: "node10", esModuleInterop: true, files: ["node10.ts"] },
    nodenext: { module: "nodenext", moduleResolution: "nodenext", files: ["nodenext.mts", "nodenext.cts"] },
    bundler: { module: "esnext", moduleResolution: "bundler", files: ["bundler.ts"] },
  };

  it.each(Object.keys(tsconfigs))("typechecks a TypeScript consumer under moduleResolution %s", (mode) => {
    for (const [file, imports] of Object.entries(consumers)) writeFileSync(join(consumer, file), `${imports}\n${typedUse}`);
    const { files, ...options } = tsconfigs[mode as keyof typeof tsconfigs];
    const compilerOptions = { ...options, target: "es2022", strict: true, resolveJsonModule: true, noEmit: true, types: [], skipLibCheck: false };
    writeFileSync(join(consumer, `tsconfig.${mode}.json`), JSON.stringify({ compilerOptions, files }));
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const result = spawnSync(process.execPath, [tsc, "-p", `tsconfig.${mode}.json`], { cwd: consumer, encoding: "utf8" });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("runs the bin", () => {
    const bin = join(consumer, "node_modules", ".bin", "batch-job-schema");
    const job = execFileSync(bin, ["schema", "BatchJobOut"], { cwd: consumer, encoding: "utf8" });
    const example = JSON.stringify(JSON.parse(job).examples[0]);
    const ok = spawnSync(bin, ["validate", "-"], { cwd: consumer, encoding: "utf8", input: `${example}\n` });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe("1 record in 1 file checked as BatchJobOut: 1 valid, 0 invalid, 0 unparsable\n");
    const bad = spawnSync(bin, ["validate", "--strict", "-"], { cwd: consumer, encoding: "utf8", input: `{"id": 1}\n` });
    expect(bad.status).toBe(1);
  });

  // A consumer's bundler keeps only the models and verbs it imports: each model's validators
  // are a module of their own, every verb is built apart (and marked pure), and the all-errors
  // validator and the messages come only with the verbs that explain a failure.
  const bundled = (name: string, source: string) => {
    writeFileSync(join(consumer, `${name}.mjs`), source);
    const out = join(consumer, `${name}.bundle.mjs`);
    execFileSync(join(root, "node_modules", ".bin", "esbuild"), [`${name}.mjs`, "--bundle", "--minify", "--format=esm", `--outfile=${out}`, "--log-level=warning"], { cwd: consumer });
    return readFileSync(out, "utf8");
  };
  const budget = 16_384;

  it.each([
    ["isBatchJobOut", `import { isBatchJobOut } from "batch-job-schema"; console.log(isBatchJobOut({}));`],
    ["isBatchJob", `import { isBatchJob } from "batch-job-schema"; console.log(isBatchJob({}));`],
    ["strict isBatchJobOut", `import { isBatchJobOut } from "batch-job-schema/strict"; console.log(isBatchJobOut({}));`],
  ])(`bundles a consumer of %s alone in at most ${budget} bytes, with no other model and no message code`, (name, source) => {
    const code = bundled(name.replace(" ", "-"), source);
    expect(code.length).toBeLessThanOrEqual(budget);
    expect(code).not.toContain("ChatCompletionRequest");
    expect(code).not.toContain("only the declared keys are allowed here"); // the issue messages
    expect(code).not.toContain("loadAllErrors"); // nor the all-errors build
  });

  it("bundles validateBatchJobOut with its own model only", () => {
    const code = bundled("validate", `import { validateBatchJobOut } from "batch-job-schema"; console.log(validateBatchJobOut({}));`);
    expect(code).toContain("only the declared keys are allowed here");
    expect(code).not.toContain("ChatCompletionRequest");
    expect(code).not.toContain("chat-messages.schema.json");
  });
});
