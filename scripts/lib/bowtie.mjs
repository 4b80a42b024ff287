// The conformance vectors as Bowtie test cases (the input of `bowtie run`), so that any
// implementation Bowtie can drive checks them. Pure: no I/O.
//
// Bowtie's format: one JSON object a line, { description, comment?, schema, registry?, tests },
// each test { description, instance, valid } (no other keys: the case and test schemas of
// Bowtie's own protocol close them). A case names no dialect of its own: `bowtie run --dialect`
// sets it for the whole run; each case schema here also says it in `$schema`, so that no
// implementation has to guess. `registry` maps URIs to the schemas that `$ref`s may reach;
// implementations register them and fetch nothing.

const PREFIX = "https://batch-job-schema.invalid/schemas/";

/** The `$schema` of each dialect, as the bundles of that dialect declare it. */
export const DIALECT_URIS = {
  "draft-07": "http://json-schema.org/draft-07/schema#",
  "2020-12": "https://json-schema.org/draft/2020-12/schema",
};

/** The vectors name draft-07 model ids; the 2020-12 ids have `2020-12/` after the prefix. */
export const modelIdIn = (dialect, id) =>
  dialect === "2020-12" && id.startsWith(PREFIX) ? `${PREFIX}2020-12/${id.slice(PREFIX.length)}` : id;

/** A copy of a vector's schema with every `$ref` naming the model of this dialect. */
function rewriteRefs(value, dialect) {
  if (Array.isArray(value)) return value.map((each) => rewriteRefs(each, dialect));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, each]) => [
      key,
      key === "$ref" && typeof each === "string" ? modelIdIn(dialect, each) : rewriteRefs(each, dialect),
    ]),
  );
}

/** Every `$ref` of a schema, resolved against the `$id`s around it, without its fragment. */
function referencedDocuments(schema, base, out = new Set()) {
  if (Array.isArray(schema)) {
    for (const each of schema) referencedDocuments(each, base, out);
  } else if (schema !== null && typeof schema === "object") {
    const here = typeof schema.$id === "string" ? new URL(schema.$id, base).href : base;
    for (const [key, value] of Object.entries(schema)) {
      if (key === "$ref" && typeof value === "string") {
        let target;
        try {
          target = new URL(value, here);
        } catch {
          continue; // not a URI reference: no document of ours
        }
        target.hash = "";
        out.add(target.href);
      } else {
        referencedDocuments(value, here, out);
      }
    }
  }
  return out;
}

/**
 * The text of Bowtie's run input for one dialect: one case a line (a vector group), its
 * registry holding the documents its `$ref` reaches, directly or through other documents.
 * @param {{ dialect: "draft-07" | "2020-12", bundles: object[],
 *   vectors: { profile: string, file: string, groups: { description: string, schema: object,
 *   tests: { description: string, data: unknown, valid: boolean }[] }[] }[] }} input
 *   bundles: the parsed bundle documents of that dialect (both profiles).
 * @returns {string}
 */
export function bowtieCases({ dialect, bundles, vectors }) {
  const dialectUri = DIALECT_URIS[dialect];
  if (dialectUri === undefined) throw new Error(`bowtieCases: unknown dialect ${JSON.stringify(dialect)}`);
  const documents = new Map();
  for (const bundle of bundles) {
    if (bundle.$schema !== dialectUri) throw new Error(`bowtieCases: ${bundle.$id} is not a ${dialect} bundle`);
    for (const doc of Object.values(bundle.definitions ?? bundle.$defs ?? {})) documents.set(doc.$id, doc);
  }
  const refsOf = new Map(); // document id -> the ids of ours that it refers to
  for (const [id, doc] of documents) refsOf.set(id, [...referencedDocuments(doc, id)].filter((each) => documents.has(each)));
  const label = dialect === "2020-12" ? "/2020-12" : "";
  const lines = [];
  for (const { profile, file, groups } of vectors) {
    for (const group of groups) {
      if (group.tests.length === 0) continue; // Bowtie wants at least one test a case
      const schema = { $schema: dialectUri, ...rewriteRefs(group.schema, dialect) };
      // Breadth first from the case's references; a reference to no document of ours (a
      // meta-schema) is left to the implementation, which knows it or fails the case.
      const ids = new Set([...referencedDocuments(schema, undefined)].filter((id) => documents.has(id)));
      for (const id of ids) for (const next of refsOf.get(id)) ids.add(next);
      const registry = Object.fromEntries([...ids].sort().map((id) => [id, documents.get(id)]));
      const tests = group.tests.map(({ description, data, valid }) => ({ description, instance: data, valid }));
      lines.push(JSON.stringify({ description: `${profile}${label} ${file}: ${group.description}`, schema, registry, tests }));
    }
  }
  return lines.map((line) => `${line}\n`).join("");
}
