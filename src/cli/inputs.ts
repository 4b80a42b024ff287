import { stat } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";

/** What a directory contributes: the files the command line reads, compressed or not. */
const recordFiles = ["**/*.{json,jsonl,ndjson}", "**/*.{json,jsonl,ndjson}.gz"];

const sorted = (files: string[]) => files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export interface ResolvedInputs {
  /** Files (and `-`) to read, in the order given; a directory's or a pattern's files in sorted order. */
  readonly inputs: string[];
  /** Patterns and directories that matched no file: input errors. */
  readonly unmatched: { pattern: string; reason: string }[];
}

/**
 * The inputs named on the command line. An existing path is taken literally (a file name may
 * hold `*`); a directory is walked; anything else that looks like a glob pattern is expanded
 * (CI YAML and Windows shells pass patterns quoted). Throws a RangeError when standard input is
 * named twice: it can be read once.
 */
export async function resolveInputs(args: readonly string[]): Promise<ResolvedInputs> {
  const inputs: string[] = [];
  const unmatched: { pattern: string; reason: string }[] = [];
  let stdin = false;
  for (const arg of args) {
    if (arg === "-") {
      if (stdin) throw new RangeError("standard input (-) can be named only once");
      stdin = true;
      inputs.push(arg);
      continue;
    }
    const stats = await stat(arg).catch(() => undefined);
    if (stats?.isDirectory()) {
      const files = sorted(await glob(recordFiles, { cwd: arg, onlyFiles: true, caseSensitiveMatch: false, expandDirectories: false }));
      if (files.length === 0) unmatched.push({ pattern: arg, reason: "directory holds no .json, .jsonl, .ndjson or .gz file" });
      inputs.push(...files.map((file) => join(arg, file)));
    } else if (!stats && isDynamicPattern(arg)) {
      // Results in the form the pattern was given: absolute, or relative to the working folder.
      const files = sorted(await glob(arg, { onlyFiles: true, expandDirectories: false, absolute: isAbsolute(arg) }));
      if (files.length === 0) unmatched.push({ pattern: arg, reason: "no file matches this pattern" });
      inputs.push(...files);
    } else inputs.push(arg); // a file, or a missing one: reading it reports the system's reason
  }
  return { inputs, unmatched };
}
