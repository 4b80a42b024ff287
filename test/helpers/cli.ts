import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, onTestFinished } from "vitest";

/** The built command line (npm test builds before vitest runs). */
export const cliPath = fileURLToPath(new URL("../../dist/cli.mjs", import.meta.url));

export function runCli(args: string[], options: { input?: string; cwd?: string } = {}) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { input: options.input ?? "", encoding: "utf8", cwd: options.cwd });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Folders made outside a test (at collection, in beforeAll): removed after the file's last
// test, or when the process exits if no afterAll of this module runs (a shared module cache).
const leftovers = new Set<string>();
const removeLeftovers = () => {
  for (const dir of leftovers) rmSync(dir, { recursive: true, force: true });
  leftovers.clear();
};
afterAll(removeLeftovers);
process.once("exit", removeLeftovers);

/**
 * A fresh temporary folder, removed with everything in it when the test that made it ends
 * (or, made outside a test, after the test file). Nothing is left in the temporary directory.
 */
export function tempFolder(prefix = "batch-job-schema-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  } catch {
    leftovers.add(dir); // not inside a test
  }
  return dir;
}

/** A fresh folder holding the given files; removed like {@link tempFolder}. */
export function folderWith(files: Record<string, string | Buffer>): string {
  const dir = tempFolder();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
