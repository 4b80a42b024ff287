// Compiler passes over Ajv's standalone output: each rewrites one known pattern into a
// faster equivalent. Passes that rely on a failure returning at once apply to the fast
// (allErrors: false) builds only; the others to both builds. The differential
// vector tests (generated vs a fresh Ajv compile vs @hyperjump/json-schema vs Python) keep
// every build in agreement. Gains are ratios to the hand-written check, measured by
// `npm run bench:passes` (passes applied one after another; typical payload | 1,000 varied jobs).

/**
 * integer-as-isInteger: Ajv tests an integer as `typeof x == "number" && !(x % 1) &&
 * !isNaN(x) && isFinite(x)`; `Number.isInteger(x)` is the same predicate in one builtin.
 * Measured (default): 2.69× → 2.63× | 2.38× → 2.28×.
 */
function integerAsIsInteger(code) {
  const operand = String.raw`[\w$.]+`;
  const pattern = new RegExp(
    String.raw`\(\(\(typeof (${operand}) == "number"\) && \(!\(\1 % 1\) && !isNaN\(\1\)\)\) && \(isFinite\(\1\)\)\)`,
    "g",
  );
  return code.replace(pattern, "Number.isInteger($1)");
}

/**
 * root-without-options: each call destructures Ajv's options parameter with defaults, and a
 * root call (ours: no options) first allocates the `{}` it destructures. Reading the options
 * only when a caller passed them (a list validator calling a job's) costs nothing at the root.
 * Measured: within noise here (2.63× → 2.62×); kept because it removes an allocation per call.
 */
function rootWithoutOptions(code) {
  const signature = /function (validate\d+)\(data, \{instancePath="", parentData, parentDataProperty, rootData=data\}=\{\}\)\{/g;
  return code.replace(signature, (match, name, offset) => {
    const body = functionBody(code, offset);
    const reads = [`const instancePath = options === undefined ? "" : options.instancePath;`];
    for (const [option, fallback] of [["parentData", "undefined"], ["parentDataProperty", "undefined"], ["rootData", "data"]]) {
      if (new RegExp(`\\b${option}\\b`).test(body.slice(match.length))) reads.push(`const ${option} = options === undefined ? ${fallback} : options.${option};`);
    }
    return `function ${name}(data, options){${reads.join("")}`;
  });
}

/** The text of the top-level function that starts at `offset`, up to the next top-level declaration. */
function functionBody(code, offset) {
  return topLevelParts(code.slice(offset))[0];
}

/**
 * required-own-once: with `ownProperties`, Ajv checks a required key's presence twice, in
 * `required` (which returns at once on failure in the fast build) and again before the key's
 * own subschema. The second test is then always true: 11 hasOwnProperty calls fewer per
 * BatchJobOut. Measured (default): 2.62× → 1.76× | 2.29× → 1.55×.
 */
function requiredOwnOnce(code) {
  // Variable names (`data`, `data10`) repeat across validators: prove keys per function.
  return topLevelParts(code)
    .map((part) => {
      // Outside anyOf and oneOf branches, every failed `required` of the fast build returns at once.
      if (hasBranches(part)) return part;
      const required = /\(\((\w+)\.(\w+) === undefined\) \|\| \(!\(func0\.call\(\1, "\2"\)\)\)\) && \(missing\d+ = "\2"\)/g;
      const proven = new Set([...part.matchAll(required)].map(([, data, key]) => `${data}.${key}`));
      return part.replace(/if\((\w+)\.(\w+) !== undefined && func0\.call\(\1, "\2"\)\)\{/g, (match, data, key) =>
        proven.has(`${data}.${key}`) ? "if(true){" : match,
      );
    })
    .join("");
}

/**
 * Whether a validator function holds the code of an `anyOf`, a `oneOf` or a `discriminator`:
 * their branches run only under a condition, and the failures of `anyOf` and `oneOf` branches
 * do not return. The passes that reason about which reads come first and which checks return
 * (required-own-once, load-once) leave such a function as Ajv wrote it.
 */
const hasBranches = (part) => /keyword:"(?:anyOf|oneOf|discriminator)"/.test(part);

/** Ajv's module cut at its top-level declarations, so a pass can work one function at a time. */
function topLevelParts(code) {
  return code.split(/(?=export const |function validate\d+\(|const schema\d+ = |const func\d+ = )/);
}

/**
 * own-check-on-failure: an optional key is validated only when it is an own property, so
 * Ajv calls hasOwnProperty for every optional key present. But a valid value gives the same
 * verdict whether the key is own or inherited; only a failure must be dropped for an
 * inherited key. So the own test moves onto the failure path: `if (x.k !== undefined)
 * { …; if (own) fail; … }`. Applied only where every failure in the block returns at once
 * (no call into another validator), which makes the rewrite exact.
 * Measured (default): 1.76× → 1.09× | 1.55× → 1.03×.
 */
function ownCheckOnFailure(code) {
  const head = /if\((\w+)\.(\w+) !== undefined && func0\.call\(\1, "\2"\)\)\{/g;
  let out = "";
  let last = 0;
  for (let match = head.exec(code); match; match = head.exec(code)) {
    const open = match.index + match[0].length - 1;
    const close = matching(code, open);
    const body = code.slice(open + 1, close);
    if (body.includes("vErrors =")) continue; // a failure that does not return at once
    const own = `func0.call(${match[1]}, "${match[2]}")`;
    out += `${code.slice(last, match.index)}if(${match[1]}.${match[2]} !== undefined){${guardFailures(body, own)}`;
    last = close;
    head.lastIndex = close;
  }
  return out + code.slice(last);
}

/** Wraps each `validateN.errors = [...];return false;` of a block in `if(own){...}`. */
function guardFailures(body, own) {
  const failure = /validate\d+\.errors = \[/g;
  let out = "";
  let last = 0;
  for (let match = failure.exec(body); match; match = failure.exec(body)) {
    const end = matching(body, match.index + match[0].length - 1) + 1;
    const tail = ";return false;";
    if (!body.startsWith(tail, end)) throw new Error(`own-check-on-failure: unexpected failure shape at ${body.slice(match.index, end + 20)}`);
    out += `${body.slice(last, match.index)}if(${own}){${body.slice(match.index, end + tail.length)}}`;
    last = end + tail.length;
    failure.lastIndex = last;
  }
  return out + body.slice(last);
}

/** Index of the bracket that closes the one at `open` (`{` or `[`), skipping string literals. */
function matching(code, open) {
  let depth = 0;
  let inString = false;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if ((c === "}" || c === "]") && --depth === 0) return i;
  }
  throw new Error("optimize: unbalanced brackets in Ajv output");
}

/**
 * load-once: the `required` check reads each required key, and the key's own subschema
 * reads it again; an optional key is read to test for presence and again to check it. Over
 * many payload shapes (a JSONL file) every read is a megamorphic property lookup, so the
 * first read is kept in a local and reused. Runs after own-check-on-failure, whose
 * `if (x.k !== undefined)` is the optional key's first read.
 * Measured: within noise in `npm run bench:passes`; in `npm run bench` (four payloads of
 * different shapes through one check) default isBatchJobOut went from 1.22–1.23× to
 * 1.12–1.18× over repeated runs.
 */
function loadOnce(code) {
  // The first read of a key, in each of the shapes Ajv writes it, and how it becomes an assignment.
  const firstReads = [
    { pattern: /\(\((\w+)\.(\w+) === undefined\) \|\| \(!\(func0\.call\(\1, "\2"\)\)\)\) && \(missing\d+ = "\2"\)/g, read: (l) => `((${l} === undefined) ||`, assign: (l, r) => `(((${l} = ${r}) === undefined) ||` },
    { pattern: /\((\w+)\.(\w+) === undefined\) && \(missing\d+ = "\2"\)/g, read: (l) => `(${l} === undefined) && (missing`, assign: (l, r) => `((${l} = ${r}) === undefined) && (missing` },
    { pattern: /if\((\w+)\.(\w+) !== undefined\)\{/g, read: (l) => `if(${l} !== undefined){`, assign: (l, r) => `if((${l} = ${r}) !== undefined){` },
  ];
  return topLevelParts(code)
    .map((part) => {
      const open = /^function validate\d+\([^)]*\)\{/.exec(part);
      if (!open || hasBranches(part)) return part;
      let body = part.slice(open[0].length);
      const locals = [];
      for (const { pattern, read, assign } of firstReads) {
        for (const [site, data, key] of body.matchAll(pattern)) {
          const local = `${data}$${key}`;
          const member = new RegExp(`\\b${data}\\.${key}\\b`, "g");
          // Only where this site is the key's first read; otherwise the local would be read unset.
          if (locals.includes(local) || body.search(member) !== body.indexOf(site) + site.indexOf(`${data}.${key}`)) continue;
          body = body.replace(member, local).replace(read(local), assign(local, `${data}.${key}`));
          locals.push(local);
        }
      }
      return locals.length === 0 ? part : `${open[0]}let ${locals.join(", ")};${body}`;
    })
    .join("");
}

/**
 * closed-keys-inline: past 8 declared keys, Ajv's `additionalProperties: false` looks every
 * key up with hasOwnProperty on the schema's `properties` object. A chain of `===` against
 * the declared names (what Ajv itself emits for 8 keys or fewer) needs no call.
 * Measured (strict): 1.35× → 1.15× | 1.24× → 1.10×.
 */
function closedKeysInline(code) {
  return code.replace(/!\(func0\.call\((schema\d+)((?:\.properties)+), (key\d+)\)\)/g, (match, schemaName, path, key) => {
    const schema = schemaLiteral(code, schemaName);
    const properties = path.split(".").filter(Boolean).reduce((node, step) => node?.[step], schema);
    if (!properties) return match;
    return `!(${Object.keys(properties).map((name) => `(${key} === ${JSON.stringify(name)})`).join(" || ")})`;
  });
}

/**
 * error-cap (all-errors build): Ajv collects every error, so a million wrong elements make a
 * million error objects before anyone reads the first hundred. The build stops once it holds
 * `errorCap` errors (the runtime lists at most that many), which bounds its time and memory
 * on hostile input. Not a speed pass for valid payloads: it runs only on the failure path.
 */
export const errorCap = 100;
function errorCapPass(code) {
  return topLevelParts(code)
    .map((part) => {
      const name = /^function (validate\d+)\(/.exec(part)?.[1];
      if (!name) return part;
      const stop = `if(errors >= ${errorCap}){${name}.errors = vErrors;return false;}`;
      return part.replaceAll("errors++;", `errors++;${stop}`).replaceAll("errors = vErrors.length;", `errors = vErrors.length;${stop}`);
    })
    .join("");
}

/**
 * branch-count (all-errors build): a failed `anyOf` or `oneOf` leaves the errors of its
 * branches in the list, right before its own, and nothing says where they begin. The
 * composite's error object gets `branchErrors`, how many errors its branches left, read from
 * the counter Ajv saved before the first branch (the `_errsN` it restores when a branch
 * passes), so that the issues can tell "this branch did not apply" from a fault inside the
 * branch that applied. Not a speed pass: it runs only on the failure path.
 */
function branchCount(code) {
  const composite = /const (err\d+) = \{(?=instancePath[^{}]*?,keyword:"(?:anyOf|oneOf)",)/g;
  return code.replace(composite, (match, _name, offset) => {
    const restore = /\}else \{errors = (_errs\d+);/.exec(code.slice(offset));
    if (!restore) throw new Error(`branch-count: no saved error counter after ${code.slice(offset, offset + 120)}`);
    return `${match}branchErrors:errors - ${restore[1]},`;
  });
}

/** The JSON value of `const schemaN = {...};` in Ajv's output (Ajv writes it with JSON.stringify). */
function schemaLiteral(code, name) {
  const start = code.indexOf(`const ${name} = `);
  if (start < 0) return undefined;
  const open = code.indexOf("{", start);
  return JSON.parse(code.slice(open, matching(code, open) + 1));
}

/** The passes, in order; each is a pure function of the code. */
export const passes = [
  { name: "integer-as-isInteger", run: integerAsIsInteger, allErrors: true },
  { name: "root-without-options", run: rootWithoutOptions, allErrors: true },
  { name: "required-own-once", run: requiredOwnOnce, allErrors: false },
  { name: "own-check-on-failure", run: ownCheckOnFailure, allErrors: false },
  { name: "load-once", run: loadOnce, allErrors: false },
  { name: "closed-keys-inline", run: closedKeysInline, allErrors: true },
  { name: "branch-count", run: branchCount, allErrors: true, fast: false },
  { name: "error-cap", run: errorCapPass, allErrors: true, fast: false },
];

/** Runs the passes that fit the build; returns the code and which passes changed it. */
export function optimize(code, { allErrors }) {
  const applied = [];
  for (const pass of passes.filter((p) => (allErrors ? p.allErrors : p.fast !== false))) {
    const next = pass.run(code);
    if (next !== code) applied.push(pass.name);
    code = next;
  }
  return { code, applied };
}
