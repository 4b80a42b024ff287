// BENCHMARKS.md holds sections written by different bench scripts, each between
// <!-- bench:NAME start --> and <!-- bench:NAME end -->; a script rewrites only its own.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { rootDir } from "../lib/schemas.mjs";

const path = join(rootDir, "BENCHMARKS.md");
const markers = (name) => [`<!-- bench:${name} start -->`, `<!-- bench:${name} end -->`];

/** The region as it stands in BENCHMARKS.md, markers included, or a placeholder. */
export function currentRegion(name, command) {
  const [start, end] = markers(name);
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  return from >= 0 && to > from ? text.slice(from, to + end.length) : `${start}\nNot measured yet: run \`${command}\`.\n${end}`;
}

/** Replaces the region's content in BENCHMARKS.md (which `npm run bench` creates). */
export function writeRegion(name, content) {
  const [start, end] = markers(name);
  if (!existsSync(path)) return;
  const text = readFileSync(path, "utf8");
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from >= 0 && to > from) writeFileSync(path, `${text.slice(0, from + start.length)}\n${content}${text.slice(to)}`);
}
