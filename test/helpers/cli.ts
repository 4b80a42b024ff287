import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The built command line (npm test builds before vitest runs). */
export const cliPath = fileURLToPath(new URL("../../dist/cli.mjs", import.meta.url));

export function runCli(args: string[], options: { input?: string; cwd?: string } = {}) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { input: options.input ?? "", encoding: "utf8", cwd: options.cwd });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh folder holding the given files. */
export function folderWith(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "batch-job-schema-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
