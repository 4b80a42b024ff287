import { readFileSync } from "node:fs";

/** The package's root folder, from the built dist/ (or src/) where this code runs. */
export const packageRoot = new URL("../", import.meta.url);

export interface Bundle {
  definitions: Record<string, { $id: string; properties?: Record<string, unknown> }>;
}

/** The one-file bundle of every schema of a profile, as shipped. */
export const loadBundle = (strict: boolean): Bundle =>
  JSON.parse(readFileSync(new URL(`schemas/bundles/${strict ? "strict" : "default"}.schema.json`, packageRoot), "utf8")) as Bundle;
