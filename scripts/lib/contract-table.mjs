// Renders the contract tables of the README from the schemas, so the docs cannot drift.

/** The name a `$ref` points at: a document's title, or a definition's name (`#/definitions/X`, `file#/definitions/X`). */
const titleOf = (ref, schemas) => {
  const definition = /#\/definitions\/(.+)$/.exec(ref);
  if (definition) return definition[1];
  return schemas.find(({ file }) => file === ref)?.doc.title ?? ref;
};

/** A property schema as a short type phrase: `integer`, `string (uuid)`, `array of BatchError`, `string or array of string`. */
export function describeType(schema, schemas) {
  if (schema.$ref) return `\`${titleOf(schema.$ref, schemas)}\``;
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const phrases = branches.map((b) => describeType(b, schemas)).filter((p) => p !== "");
    return [...new Set(phrases)].join(" or ");
  }
  const types = [schema.type].flat().filter((t) => t !== "null" && t !== undefined);
  return types
    .map((type) => {
      if (type === "array") return `array of ${schema.items ? describeType(schema.items, schemas) : "any"}`;
      if (type === "object") return schema.properties ? "object" : "object, any values";
      return schema.format ? `${type} (${schema.format})` : type;
    })
    .join(" or ");
}

const isNullable = (schema) =>
  [schema.type].flat().includes("null") || (schema.anyOf ?? schema.oneOf ?? []).some((b) => [b.type].flat().includes("null"));
const yesNo = (flag) => (flag ? "yes" : "no");

/** The schema a `$ref` of document `file` points at: another document, or a definition of either. */
export function resolveRef(ref, file, schemas) {
  const hash = ref.indexOf("#");
  const target = hash < 0 ? ref : ref.slice(0, hash) || file;
  const doc = schemas.find((s) => s.file === target)?.doc;
  const name = /^\/definitions\/(.+)$/.exec(hash < 0 ? "" : ref.slice(hash + 1))?.[1];
  return name === undefined ? doc : doc?.definitions?.[name];
}

/** One Markdown table of an object model's keys, in the order the schema declares them. */
export function contractTable(doc, schemas, file = schemas.find((s) => s.doc === doc)?.file) {
  const rows = Object.entries(doc.properties).map(([key, prop]) => {
    const target = prop.$ref ? resolveRef(prop.$ref, file, schemas) : prop;
    return `| \`${key}\` | ${describeType(prop, schemas)} | ${yesNo(doc.required?.includes(key))} | ${yesNo(
      isNullable(target ?? prop),
    )} | ${(target?.description ?? "").replaceAll("|", "\\|")} |`;
  });
  return [`| key | type | required | nullable | description |`, `|---|---|---|---|---|`, ...rows].join("\n");
}

/** The contract section: a table per object model, a line per scalar model, a line per derived model. */
export function contractSection(schemas) {
  const parts = [];
  for (const { file, doc, derivedFrom } of schemas) {
    if (derivedFrom) {
      const from = schemas.find((s) => s.file === derivedFrom).doc.title;
      parts.push(`#### \`${doc.title}\` (derived from [\`${from}\`](schemas/${derivedFrom}))\n\nThe keys of \`${from}\`, with \`model\` optional: the body as a line of a batch input file carries it. Derived by the build; not a file of \`schemas/\`, but in the bundles under its title.`);
    } else if (doc.type === "object") {
      parts.push(`#### \`${doc.title}\` ([schemas/${file}](schemas/${file}))\n\n${doc.description}\n\n${contractTable(doc, schemas)}`);
    } else if (doc.enum || "const" in doc) {
      const values = (doc.enum ?? [doc.const]).map((v) => `\`${JSON.stringify(v)}\``).join(", ");
      parts.push(`#### \`${doc.title}\` ([schemas/${file}](schemas/${file}))\n\n${doc.description} Values: ${values}.`);
    } else {
      parts.push(`#### \`${doc.title}\` ([schemas/${file}](schemas/${file}))\n\n${doc.description} Type: ${describeType(doc, schemas)}.`);
    }
  }
  return parts.join("\n\n");
}

const cell = (doc, key, schemas) => {
  const prop = doc.properties[key];
  if (!prop) return "absent";
  const file = schemas.find((s) => s.doc === doc)?.file;
  const target = prop.$ref ? resolveRef(prop.$ref, file, schemas) ?? prop : prop;
  return `${describeType(prop, schemas)}, ${doc.required?.includes(key) ? "required" : "optional"}${isNullable(target) ? ", nullable" : ""}`;
};

/** The keys on which two object models differ, side by side. */
export function compareTable(titleA, titleB, schemas) {
  const [a, b] = [titleA, titleB].map((title) => {
    const doc = schemas.find((s) => s.doc.title === title)?.doc;
    if (!doc) throw new Error(`README compare: no schema titled ${title}`);
    return doc;
  });
  const keys = [...new Set([...Object.keys(a.properties), ...Object.keys(b.properties)])];
  const rows = keys
    .map((key) => [key, cell(a, key, schemas), cell(b, key, schemas)])
    .filter(([, x, y]) => x !== y)
    .map(([key, x, y]) => `| \`${key}\` | ${x} | ${y} |`);
  const same = keys.length - rows.length;
  return [`| key | \`${titleA}\` | \`${titleB}\` |`, `|---|---|---|`, ...rows].join("\n") + `\n\nThe other ${same} keys are the same in both.`;
}

/**
 * The README table of endpoints: each ApiEndpoint value, the model of its request body and
 * the in-batch variant of that model (`—` where the body is not modelled).
 * @param {Readonly<Record<string, string | null>>} endpointBodies scripts/lib/endpoints.mjs
 */
export function endpointTable(endpointBodies, schemas) {
  const fileOf = (title) => schemas.find(({ doc }) => doc.title === title)?.file;
  const rows = Object.entries(endpointBodies).map(([endpoint, title]) =>
    title === null
      ? `| \`${endpoint}\` | — (not modelled: \`body\` is checked as a free-form object) | — |`
      : `| \`${endpoint}\` | [\`${title}\`](schemas/${fileOf(title)}) | \`Batch${title}\` |`,
  );
  return ["| endpoint | request body | in a batch input line |", "|---|---|---|", ...rows].join("\n");
}
