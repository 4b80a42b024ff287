import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The error class as the built, minified package gives it (npm test builds before vitest), in
// plain node child processes: vitest's module loader is not what a consumer runs, and a process
// that loads both the ESM and the CommonJS build is exactly the dual-package case.
const example = JSON.parse(readFileSync(new URL("../schemas/batch-job-out.schema.json", import.meta.url), "utf8")).examples[0] as object;
const dist = (file: string) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));
const runModule = (source: string) => {
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", source], { encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};
const loadBoth = `
  import { createRequire } from "node:module";
  const esm = await import(${JSON.stringify(`file://${dist("index.mjs")}`)});
  const esmStrict = await import(${JSON.stringify(`file://${dist("strict.mjs")}`)});
  const require = createRequire(import.meta.url);
  const cjs = require(${JSON.stringify(dist("index.cjs"))});
  const cjsStrict = require(${JSON.stringify(dist("strict.cjs"))});
  const thrownBy = (fn) => { try { fn(); } catch (error) { return error; } throw new Error("no throw"); };
`;

describe("SchemaValidationError in the built package", () => {
  it("keeps its name through minification, in both builds", () => {
    const { code, stdout, stderr } = runModule(`${loadBoth}
      const error = thrownBy(() => cjs.parseBatchJobOut({}));
      console.log(JSON.stringify([esm.SchemaValidationError.name, cjs.SchemaValidationError.name, error.name, error.constructor.name, esm.isBatchJobOut.name, cjs.validateBatchJobOut.name]));
    `);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(["SchemaValidationError", "SchemaValidationError", "SchemaValidationError", "SchemaValidationError", "BatchJobOut", "validate"]);
  });

  it("an error of the CommonJS build is instanceof the ESM class, and the reverse, in both profiles", () => {
    const { code, stdout, stderr } = runModule(`${loadBoth}
      const fromCjs = thrownBy(() => cjs.assertBatchJobOut({}));
      const fromEsm = thrownBy(() => esm.parseBatchError({}));
      const fromStrict = thrownBy(() => cjsStrict.parseBatchJobOut({}));
      console.log(JSON.stringify({
        distinctClasses: esm.SchemaValidationError !== cjs.SchemaValidationError,
        cjsInEsm: fromCjs instanceof esm.SchemaValidationError,
        esmInCjs: fromEsm instanceof cjs.SchemaValidationError,
        strictInBoth: fromStrict instanceof esmStrict.SchemaValidationError && fromStrict instanceof esm.SchemaValidationError,
        isError: fromCjs instanceof Error && fromEsm instanceof Error,
        plainError: new Error("x") instanceof esm.SchemaValidationError,
        lookalike: { name: "SchemaValidationError", issues: [] } instanceof cjs.SchemaValidationError,
        primitive: "SchemaValidationError" instanceof esm.SchemaValidationError,
      }));
    `);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      distinctClasses: true,
      cjsInEsm: true,
      esmInCjs: true,
      strictInBoth: true,
      isError: true,
      plainError: false,
      lookalike: false,
      primitive: false,
    });
  });

  it("a subclass is instanceof the class of either build; instanceof the subclass is the ordinary test", () => {
    const { code, stdout, stderr } = runModule(`${loadBoth}
      class Wrapped extends esm.SchemaValidationError {}
      const own = new Wrapped("BatchJobOut", []);
      const plain = thrownBy(() => esm.parseBatchJobOut({}));
      console.log(JSON.stringify([own instanceof Wrapped, own instanceof esm.SchemaValidationError, own instanceof cjs.SchemaValidationError, plain instanceof Wrapped, own.name, own.message]));
    `);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([true, true, true, false, "SchemaValidationError", "invalid BatchJobOut: "]);
  });

  for (const [format, load] of [
    ["ESM", `const { parseBatchJobOut } = await import(${JSON.stringify(`file://${dist("index.mjs")}`)});`],
    ["CommonJS", `import { createRequire } from "node:module"; const { parseBatchJobOut } = createRequire(import.meta.url)(${JSON.stringify(dist("index.cjs"))});`],
  ] as const) {
    it(`an uncaught throw from the ${format} build is reported under the class's name`, () => {
      const { code, stderr } = runModule(`${load} parseBatchJobOut({ ...${JSON.stringify(example)}, status: "QUEUED\\u200b" });`);
      expect(code).toBe(1);
      // Node prints the throwing source line and a caret first, then a blank line, then the error.
      const report = stderr.slice(stderr.indexOf("\n\n") + 2);
      expect(report.split("\n")[0]).toBe(
        'SchemaValidationError: invalid BatchJobOut: /status: must be one of QUEUED, RUNNING, SUCCESS, FAILED, TIMEOUT_EXCEEDED, CANCELLATION_REQUESTED, CANCELLED; got string "QUEUED\\u200b"',
      );
      expect(stderr).not.toContain("[SchemaValidationError]");
    });
  }
});
