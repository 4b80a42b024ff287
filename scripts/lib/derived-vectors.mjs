// The vectors of the derived documents (the in-batch request bodies), derived from the
// hand-written vectors of each body by the rule that derives the document: only `model` left
// `required`. They are written as files (test/vectors/<profile>/batch-<body>.json) so that
// every runner, in every language, checks them, and ship with the other vectors.
//
// Only verdicts that follow from the rule are derived, never one computed by a validator:
// - a body vector whose data has `model` (or is not an object) has the same verdict in the
//   in-batch variant: the rule changes nothing for a value that has the key;
// - a valid body vector without its `model` is valid in the in-batch variant and invalid in
//   the body itself: the proof that the variant differs from the body, and only there.
// A body vector without `model` gives nothing: its other faults are unknown.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { idIn, profiles, rootDir } from "./schemas.mjs";

/** Marks every group of a derived vector file (and tells such a file from a hand-written one). */
const marker = "(derived by `npm run generate` from";

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const withoutModel = ({ model: _model, ...rest }) => rest;

/**
 * The derived vector files, by path from the repository root, for every derived document of
 * `schemas` whose body has a vector file in the profile's folder.
 * @param {{ file: string, doc: any, derivedFrom?: string }[]} schemas
 * @returns {Record<string, string>}
 */
export function derivedVectorFiles(schemas) {
  const files = {};
  for (const { file, doc, derivedFrom } of schemas) {
    if (!derivedFrom) continue;
    const body = schemas.find((s) => s.file === derivedFrom).doc;
    const source = derivedFrom.replace(/\.schema\.json$/, ".json");
    for (const profile of profiles) {
      const path = join(rootDir, "test/vectors", profile, source);
      if (!existsSync(path)) continue; // the vector coverage test asks for the body's vectors
      const groups = [];
      for (const group of JSON.parse(readFileSync(path, "utf8"))) {
        if (group.schema.$ref !== idIn(profile, body.$id)) continue;
        const from = `${marker} ${profile}/${source})`;
        const kept = group.tests.filter((t) => !isObject(t.data) || Object.hasOwn(t.data, "model"));
        const stripped = group.tests
          .filter((t) => t.valid && isObject(t.data) && Object.hasOwn(t.data, "model"))
          .map((t) => ({ description: `${t.description}, without model`, data: withoutModel(t.data) }));
        if (kept.length + stripped.length === 0) continue;
        groups.push({
          description: `${doc.title}: ${group.description} ${from}`,
          schema: { $ref: idIn(profile, doc.$id) },
          tests: [...kept, ...stripped.map((t) => ({ ...t, valid: true }))],
        });
        if (stripped.length > 0 && (body.required ?? []).includes("model")) {
          groups.push({
            description: `${body.title} without model: ${group.description} ${from}`,
            schema: { $ref: idIn(profile, body.$id) },
            tests: stripped.map((t) => ({ ...t, valid: false })),
          });
        }
      }
      if (groups.length > 0) files[`test/vectors/${profile}/${file.replace(/\.schema\.json$/, ".json")}`] = `${JSON.stringify(groups, null, 2)}\n`;
    }
  }
  return files;
}

/** Whether a vector file (absolute path) was written by {@link derivedVectorFiles}. */
export function isDerivedVectorFile(path) {
  if (!path.endsWith(".json")) return false;
  try {
    const groups = JSON.parse(readFileSync(path, "utf8"));
    return Array.isArray(groups) && groups.some((g) => typeof g?.description === "string" && g.description.includes(marker));
  } catch {
    return false; // not ours to judge: the vector tests report a broken file
  }
}
