// Every library a user could pick instead, each given the contract the way its own users
// would: the schema libraries compile our schema files (the bundles of schemas/bundles/), the
// others get the models written in their own language. Each factory returns, for one profile,
// `{ label, version, options, fns }`, where `fns` maps a model's title to a boolean check
// (a model a peer does not cover is left out: "—" in the table). The bench runs every check
// on the vectors of its profile first and lists where it disagrees with the schema.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { rootDir } from "../lib/schemas.mjs";
import { models } from "./payloads.mjs";

const require = createRequire(join(rootDir, "package.json"));
const cache = join(rootDir, ".bench-cache");
export const version = (name) => JSON.parse(readFileSync(join(rootDir, "node_modules", name, "package.json"), "utf8")).version;

const UUID = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$";
const statuses = ["QUEUED", "RUNNING", "SUCCESS", "FAILED", "TIMEOUT_EXCEEDED", "CANCELLATION_REQUESTED", "CANCELLED"];
const files = { BatchJobOut: "batch-job-out", BatchJob: "batch-job", ListBatchJobsResponse: "list-batch-jobs-response", BatchRequest: "batch-request" };
const bundleFile = (profile) => `schemas/bundles/${profile}.schema.json`;
const bundle = (profile) => JSON.parse(readFileSync(join(rootDir, bundleFile(profile)), "utf8"));
const idOf = (profile, model) => `https://batch-job-schema.invalid/schemas/${profile === "strict" ? "strict/" : ""}${files[model]}.schema.json`;

/** Runs `build` with console.warn captured: Ajv's strict mode logs there. */
function capturingWarnings(build) {
  const warnings = [];
  const warn = console.warn;
  console.warn = (...args) => warnings.push(args.join(" "));
  try {
    return { value: build(), warnings };
  } finally {
    console.warn = warn;
  }
}

// ---- Ajv ----------------------------------------------------------------------------------

/**
 * Ajv with its default options, as a user gets it from the README of Ajv: `new Ajv()`, then
 * ajv-formats (our schemas assert no format; it changes nothing but is what users add), then
 * our bundle, each model by its `$id`. Default options mean `ownProperties: false`: inherited
 * keys count, as in the plain limit. With the defaults, Ajv's strict mode logs one warning for
 * BatchResult.error (`type: ["object", "string", "null"]`) and compiles; the four models reach
 * no `discriminator`, so nothing must be added (a model that does would need
 * `discriminator: true`).
 */
export function ajvRuntime(profile) {
  const { default: Ajv } = require("ajv");
  const { default: addFormats } = require("ajv-formats");
  const { value: fns, warnings } = capturingWarnings(() => {
    const ajv = new Ajv();
    addFormats(ajv);
    ajv.addSchema(bundle(profile));
    return Object.fromEntries(models.map((m) => [m, ajv.getSchema(idOf(profile, m))]));
  });
  return {
    label: `Ajv ${version("ajv")}, compiled at run time`,
    version: `ajv ${version("ajv")}, ajv-formats ${version("ajv-formats")}`,
    options: `\`new Ajv()\` (default options) + \`addFormats(ajv)\`, \`addSchema\` of ${bundleFile(profile)}, \`getSchema($id)\`; ${warnings.length} strict-mode warning${warnings.length === 1 ? "" : "s"} logged (strictTypes), nothing else needed`,
    warnings,
    fns,
  };
}

const standaloneFile = (profile) => join(cache, "ajv-standalone", `${profile}.cjs`);

/**
 * Ajv's standalone code (ajv/dist/standalone): the same default options plus the one that
 * standalone code requires, `code: { source: true }`; CommonJS, Ajv's default output (its
 * ESM output still `require`s its runtime helpers).
 */
export function prepareAjvStandalone() {
  const { default: Ajv } = require("ajv");
  const { default: addFormats } = require("ajv-formats");
  const standaloneCode = require("ajv/dist/standalone").default;
  mkdirSync(join(cache, "ajv-standalone"), { recursive: true });
  for (const profile of ["default", "strict"]) {
    const { value: code } = capturingWarnings(() => {
      const ajv = new Ajv({ code: { source: true } });
      addFormats(ajv);
      ajv.addSchema(bundle(profile));
      return standaloneCode(ajv, Object.fromEntries(models.map((m) => [m, idOf(profile, m)])));
    });
    writeFileSync(standaloneFile(profile), code);
  }
}

export function ajvStandalone(profile) {
  const fns = require(standaloneFile(profile));
  return {
    label: `Ajv ${version("ajv")}, standalone`,
    version: `ajv ${version("ajv")}, ajv-formats ${version("ajv-formats")}`,
    options: `\`new Ajv({ code: { source: true } })\` (otherwise default) + \`addFormats(ajv)\`, ${bundleFile(profile)}, \`standaloneCode(ajv, refs)\` written to a CommonJS module`,
    fns: Object.fromEntries(models.map((m) => [m, fns[m]])),
  };
}

// ---- TypeBox 1.x --------------------------------------------------------------------------

/** TypeBox's JSON Schema compiler (`typebox/schema`) on our bundle: a context of the documents by `$id`. */
export async function typebox(profile) {
  const { default: Schema } = await import("typebox/schema");
  const documents = Object.values(bundle(profile).definitions);
  const context = Object.fromEntries(documents.map((d) => [d.$id, d]));
  const compiled = Object.fromEntries(models.map((m) => [m, Schema.Compile(context, context[idOf(profile, m)])]));
  const accelerated = Object.values(compiled).every((v) => v.IsAccelerated());
  return {
    label: `TypeBox ${version("typebox")}, typebox/schema`,
    version: `typebox ${version("typebox")}`,
    options: `\`Schema.Compile(context, schema)\` of \`typebox/schema\`, context: the documents of ${bundleFile(profile)} by \`$id\`; \`.Check(x)\`${accelerated ? " (JIT)" : " (not accelerated: dynamic checking)"}`,
    fns: Object.fromEntries(Object.entries(compiled).map(([m, v]) => [m, (x) => v.Check(x)])),
  };
}

// ---- zod 4 --------------------------------------------------------------------------------

/** The four models in zod 4, `z.object` (open) or `z.strictObject` (closed), compiled with `z.compile()`. */
export async function zod(profile) {
  const { z } = await import("zod");
  const strict = profile === "strict";
  const object = strict ? z.strictObject : z.object;
  const fileId = strict ? z.string().regex(new RegExp(UUID)) : z.string();
  const record = () => z.record(z.string(), z.unknown());
  const batchError = object({ message: z.string(), count: z.int().optional() });
  const common = {
    id: z.string(),
    object: z.literal("batch").optional(),
    input_files: z.array(fileId),
    metadata: record().nullable().optional(),
    endpoint: z.string(),
    output_file: fileId.nullable().optional(),
    error_file: fileId.nullable().optional(),
    errors: z.array(batchError),
    status: z.enum(statuses),
    created_at: z.int(),
    total_requests: z.int(),
    completed_requests: z.int(),
    succeeded_requests: z.int(),
    failed_requests: z.int(),
    started_at: z.int().nullable().optional(),
    completed_at: z.int().nullable().optional(),
  };
  const batchResult = object({
    id: z.string(),
    custom_id: z.string().nullable(),
    response: object({ status_code: z.int(), body: record() }).nullable(),
    error: z.union([record(), z.string(), z.null()]),
  });
  const batchJob = object({ ...common, model: z.string().nullable().optional(), agent_id: z.string().nullable().optional(), outputs: z.array(batchResult).nullable().optional() });
  const schemas = {
    BatchJobOut: object({ ...common, model: z.string() }),
    BatchJob: batchJob,
    ListBatchJobsResponse: object({ data: z.array(batchJob).optional(), object: z.literal("list").optional(), total: z.int() }),
    BatchRequest: object({ custom_id: z.string().nullable().optional(), body: record() }),
  };
  // `strict: true` makes z.compile() throw rather than hand a schema back uncompiled.
  const compiled = Object.fromEntries(Object.entries(schemas).map(([m, s]) => [m, z.compile(s, { strict: true })]));
  return {
    label: `zod ${version("zod")}, z.compile()`,
    version: `zod ${version("zod")}`,
    options: `\`z.compile(schema, { strict: true })\` (every model compiled, none handed back), \`.safeParse(x).success\`; \`z.${strict ? "strictObject" : "object"}\`, \`z.int()\`${strict ? ", file ids `z.string().regex(UUID)`" : ""}`,
    fns: Object.fromEntries(Object.entries(compiled).map(([m, s]) => [m, (x) => s.safeParse(x).success])),
  };
}

// ---- typia --------------------------------------------------------------------------------

const typiaOut = join(cache, "typia");

/**
 * typia, ahead of time: `typia generate` rewrites scripts/bench/typia/models.ts into plain
 * TypeScript with the checks inlined; the TypeScript compiler then strips the types. Both
 * steps run here, into a git-ignored cache, so no generated peer code is committed.
 */
export function prepareTypia() {
  mkdirSync(typiaOut, { recursive: true });
  execFileSync(join(rootDir, "node_modules", ".bin", "typia"), ["generate", "--input", "scripts/bench/typia", "--output", ".bench-cache/typia", "--project", "scripts/bench/typia/tsconfig.json"], {
    cwd: rootDir,
    stdio: "pipe",
  });
  const source = readFileSync(join(typiaOut, "models.ts"), "utf8");
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  writeFileSync(join(typiaOut, "models.mjs"), js);
}

export async function typia(profile, copy = "") {
  const built = await import(`${pathToFileURL(join(typiaOut, "models.mjs")).href}${copy}`);
  const strict = profile === "strict";
  const verb = strict ? "equals" : "is";
  return {
    label: `typia ${version("typia")}, ${strict ? "createEquals" : "createIs"} (ahead of time)`,
    version: `typia ${version("typia")}, typescript ${version("typescript")}`,
    options: `\`typia.${strict ? "createEquals" : "createIs"}<T>()\`${strict ? " (closed objects; file ids `string & tags.Pattern<UUID>`)" : ""}, integers \`number & tags.Type<"int64">\`, built by \`typia generate\` (scripts/bench/typia/models.ts)`,
    fns: Object.fromEntries(models.map((m) => [m, built[`${verb}${m}`]])),
  };
}

// ---- the others of the earlier table -----------------------------------------------------

/** valibot, BatchJobOut only, default profile. */
export async function valibot() {
  const v = await import("valibot");
  const int = v.pipe(v.number(), v.integer());
  const schema = v.object({
    id: v.string(),
    object: v.optional(v.literal("batch")),
    input_files: v.array(v.string()),
    metadata: v.nullish(v.record(v.string(), v.unknown())),
    endpoint: v.string(),
    model: v.string(),
    output_file: v.nullish(v.string()),
    error_file: v.nullish(v.string()),
    errors: v.array(v.object({ message: v.string(), count: v.optional(int) })),
    status: v.picklist(statuses),
    created_at: int,
    total_requests: int,
    completed_requests: int,
    succeeded_requests: int,
    failed_requests: int,
    started_at: v.nullish(int),
    completed_at: v.nullish(int),
  });
  return {
    label: `valibot ${version("valibot")}`,
    version: `valibot ${version("valibot")}`,
    options: "`v.is(schema, x)`, `v.object` (open); BatchJobOut only",
    fns: { BatchJobOut: (x) => v.is(schema, x) },
  };
}

/** @exodus/schemasafe on our bundle: every model, both profiles. */
export async function schemasafe(profile) {
  const { validator } = await import("@exodus/schemasafe");
  const documents = Object.values(bundle(profile).definitions);
  const fns = Object.fromEntries(
    models.map((m) => {
      const main = documents.find((d) => d.$id === idOf(profile, m));
      // Formats are annotations in these models; schemasafe would assert them otherwise.
      return [m, validator(main, { schemas: documents.filter((d) => d !== main), formatAssertion: false, includeErrors: false })];
    }),
  );
  return {
    label: `@exodus/schemasafe ${version("@exodus/schemasafe")}`,
    version: `@exodus/schemasafe ${version("@exodus/schemasafe")}`,
    options: `\`validator(schema, { schemas, formatAssertion: false, includeErrors: false })\` on ${bundleFile(profile)}`,
    fns,
  };
}

/** The official client's inbound schema (zod) for today's BatchJob; it also renames keys. */
export async function mistral() {
  const { BatchJob$inboundSchema } = await import("@mistralai/mistralai/models/components");
  return {
    label: `@mistralai/mistralai ${version("@mistralai/mistralai")}, BatchJob$inboundSchema`,
    version: `@mistralai/mistralai ${version("@mistralai/mistralai")}`,
    options: "`BatchJob$inboundSchema.safeParse(x).success` (the client's own zod schema, which also renames keys); BatchJob only",
    fns: { BatchJob: (x) => BatchJob$inboundSchema.safeParse(x).success },
  };
}
