// Renders the contract tables of the README from the schemas, so the docs cannot drift.

const titleOf = (ref, schemas) => schemas.find(({ file }) => file === ref)?.doc.title ?? ref;

/** A property schema as a short type phrase: `integer`, `string (uuid)`, `array of BatchError`. */
export function describeType(schema, schemas) {
  if (schema.$ref) return `\`${titleOf(schema.$ref, schemas)}\``;
  const types = [schema.type].flat().filter((t) => t !== "null");
  return types
    .map((type) => {
      if (type === "array") return `array of ${schema.items ? describeType(schema.items, schemas) : "any"}`;
      if (type === "object") return schema.properties ? "object" : "object, any values";
      return schema.format ? `${type} (${schema.format})` : type;
    })
    .join(" or ");
}

const isNullable = (schema) => [schema.type].flat().includes("null");
const yesNo = (flag) => (flag ? "yes" : "no");

/** One Markdown table of an object model's keys, in the order the schema declares them. */
export function contractTable(doc, schemas) {
  const rows = Object.entries(doc.properties).map(([key, prop]) => {
    const target = prop.$ref ? schemas.find(({ file }) => file === prop.$ref)?.doc : prop;
    return `| \`${key}\` | ${describeType(prop, schemas)} | ${yesNo(doc.required?.includes(key))} | ${yesNo(
      isNullable(target ?? prop),
    )} | ${(target?.description ?? "").replaceAll("|", "\\|")} |`;
  });
  return [`| key | type | required | nullable | description |`, `|---|---|---|---|---|`, ...rows].join("\n");
}

/** The contract section: a table per object model, a line per scalar model. */
export function contractSection(schemas) {
  const parts = [];
  for (const { file, doc } of schemas) {
    if (doc.type === "object") {
      parts.push(`#### \`${doc.title}\` ([schemas/${file}](schemas/${file}))\n\n${doc.description}\n\n${contractTable(doc, schemas)}`);
    } else {
      const values = (doc.enum ?? [doc.const]).map((v) => `\`${JSON.stringify(v)}\``).join(", ");
      parts.push(`#### \`${doc.title}\` ([schemas/${file}](schemas/${file}))\n\n${doc.description} Values: ${values}.`);
    }
  }
  return parts.join("\n\n");
}

const cell = (doc, key, schemas) => {
  const prop = doc.properties[key];
  if (!prop) return "absent";
  const target = prop.$ref ? schemas.find(({ file }) => file === prop.$ref)?.doc ?? prop : prop;
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
