// Every library a user could pick instead, each given the BatchJobOut contract the way its
// own users would write it. Each returns a boolean check; the bench runs them all on the
// vectors first and lists where they disagree with the schema.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { validator } from "@exodus/schemasafe";
import { Type } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import * as v from "valibot";
import { z } from "zod";
import ts from "typescript";
import { createAjv, loadSchemas, rootDir } from "../lib/schemas.mjs";

const statuses = ["QUEUED", "RUNNING", "SUCCESS", "FAILED", "TIMEOUT_EXCEEDED", "CANCELLATION_REQUESTED", "CANCELLED"];
const jobOutId = "https://batch-job-schema.invalid/schemas/batch-job-out.schema.json";

export function ajvRuntime() {
  // What a user gets by compiling the same schemas at start-up instead of using ours.
  return createAjv("default").getSchema(jobOutId);
}

export function typebox() {
  const Nullable = (t) => Type.Union([t, Type.Null()]);
  const BatchError = Type.Object({ message: Type.String(), count: Type.Optional(Type.Integer()) });
  const schema = Type.Object({
    id: Type.String(),
    object: Type.Optional(Type.Literal("batch")),
    input_files: Type.Array(Type.String()),
    metadata: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))),
    endpoint: Type.String(),
    model: Type.String(),
    output_file: Type.Optional(Nullable(Type.String())),
    error_file: Type.Optional(Nullable(Type.String())),
    errors: Type.Array(BatchError),
    status: Type.Union(statuses.map((s) => Type.Literal(s))),
    created_at: Type.Integer(),
    total_requests: Type.Integer(),
    completed_requests: Type.Integer(),
    succeeded_requests: Type.Integer(),
    failed_requests: Type.Integer(),
    started_at: Type.Optional(Nullable(Type.Integer())),
    completed_at: Type.Optional(Nullable(Type.Integer())),
  });
  const compiled = TypeCompiler.Compile(schema);
  return (x) => compiled.Check(x);
}

export function zod4() {
  const schema = z.object({
    id: z.string(),
    object: z.literal("batch").optional(),
    input_files: z.array(z.string()),
    metadata: z.record(z.string(), z.unknown()).nullable().optional(),
    endpoint: z.string(),
    model: z.string(),
    output_file: z.string().nullable().optional(),
    error_file: z.string().nullable().optional(),
    errors: z.array(z.object({ message: z.string(), count: z.int().optional() })),
    status: z.enum(statuses),
    created_at: z.int(),
    total_requests: z.int(),
    completed_requests: z.int(),
    succeeded_requests: z.int(),
    failed_requests: z.int(),
    started_at: z.int().nullable().optional(),
    completed_at: z.int().nullable().optional(),
  });
  return (x) => schema.safeParse(x).success;
}

export function valibot() {
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
  return (x) => v.is(schema, x);
}

export function schemasafe() {
  const schemas = loadSchemas().map(({ doc }) => doc);
  const main = schemas.find((d) => d.$id === jobOutId);
  // Formats are annotations in the default profile; schemasafe would assert them otherwise.
  return validator(main, { schemas: schemas.filter((d) => d !== main), formatAssertion: false, includeErrors: false });
}

/** The official client's inbound schema (zod) for today's BatchJob; it also renames keys. */
export async function mistral() {
  const { BatchJob$inboundSchema } = await import("@mistralai/mistralai/models/components");
  return (x) => BatchJob$inboundSchema.safeParse(x).success;
}

/**
 * typia, ahead of time: `typia generate` rewrites scripts/bench/typia/*.ts into plain
 * TypeScript with the checks inlined; the TypeScript compiler then strips the types. Both
 * steps run here, into a git-ignored cache, so no generated peer code is committed.
 */
export async function typia() {
  const out = join(rootDir, ".bench-cache", "typia");
  mkdirSync(out, { recursive: true });
  execFileSync(join(rootDir, "node_modules", ".bin", "typia"), ["generate", "--input", "scripts/bench/typia", "--output", ".bench-cache/typia", "--project", "scripts/bench/typia/tsconfig.json"], {
    cwd: rootDir,
    stdio: "pipe",
  });
  const source = readFileSync(join(out, "batch-job-out.ts"), "utf8");
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const file = join(out, "batch-job-out.mjs");
  writeFileSync(file, js);
  if (!existsSync(file)) throw new Error("typia: no output");
  return import(pathToFileURL(file).href);
}
