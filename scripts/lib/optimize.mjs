// Compiler passes over Ajv's standalone output: each rewrites one known pattern into a
// faster equivalent. Passes that rely on a failure returning at once apply to the fast
// (allErrors: false) builds only; the others to both builds. The differential
// vector tests (generated vs a fresh Ajv compile vs @hyperjump/json-schema vs Python) keep
// every build in agreement. Gains are ratios to the hand-written check, measured by
// `npm run bench:passes` (passes applied one after another; typical payload | 1,000 varied jobs).

import { analysePattern } from "./patterns.mjs";
import { canonicalUuid } from "./schemas.mjs";

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

// A data access as Ajv writes it: `data.key` or `data["odd key"]`, and a key as a JSON string.
const ACCESS = String.raw`(\w+)(\.\w+|\["(?:[^"\\]|\\.)*"\])`;
const KEY = String.raw`("(?:[^"\\]|\\.)*")`;
const requiredOwn = new RegExp(String.raw`\(\(${ACCESS} === undefined\) \|\| \(!\(func0\.call\(\1, ${KEY}\)\)\)\)`, "g");
const presentOwn = new RegExp(String.raw`${ACCESS} !== undefined && func0\.call\(\1, ${KEY}\)`, "g");

/**
 * own-before-read (every build that keeps the own-property tests): Ajv reads a key and then
 * asks whether it is own (`x.k !== undefined && hasOwnProperty(x, "k")`), so an inherited
 * value is read, and an inherited getter or revoked Proxy runs, before it is found inherited.
 * Asking first never reads an inherited value: an inherited `outputs` of 2^32 - 1 holes is
 * skipped, not walked.
 */
function ownBeforeRead(code) {
  return code
    .replace(requiredOwn, (_, data, access, key) => `((!(func0.call(${data}, ${key}))) || (${data}${access} === undefined))`)
    .replace(presentOwn, (_, data, access, key) => `func0.call(${data}, ${key}) && ${data}${access} !== undefined`);
}

/**
 * plain-reads (the fast build, before load-once): Ajv's own-property tests go, leaving plain
 * reads (`x.k !== undefined`), which own-by-prototype then guards.
 */
function plainReads(code) {
  return code
    .replace(requiredOwn, (_, data, access) => `(${data}${access} === undefined)`)
    .replace(presentOwn, (_, data, access) => `${data}${access} !== undefined`);
}

/**
 * own-by-prototype (the fast build, after load-once): an object whose prototype is
 * `Object.prototype` can inherit only what `Object.prototype` holds, so when that holds none
 * of the keys the schema reads, a plain read is an own read. Each object the validator meets
 * is tested once into a flag; a key is then read plainly on a plain object, and on any other (a
 * null prototype, a class instance, `Object.create(job)`, or any object while
 * `Object.prototype` holds a key of the schema) only after hasOwnProperty says it is own, so an
 * inherited value is never read.
 *
 * The test costs nothing on a plain object because the optimiser folds each part into a
 * constant: `in` on `Object.prototype` while that is unchanged, and `Object.getPrototypeOf`
 * once it knows the object's maps. It learns them from a lookup of `probe0`, a symbol of this
 * module that no object holds: the lookup checks the maps and answers `undefined`, and nothing
 * else on an ordinary object. Measured with `npm run bench` (isBatchJobOut, typical, default):
 * the prototype test alone went from about 15 ns (1.4× the plain check by itself) to within noise.
 * An object whose prototype chain holds a Proxy sees one `get` of `probe0` (a key with no
 * value); a revoked Proxy there throws, and the object takes the careful path.
 */
function ownByPrototype(code) {
  const keyOf = (access) => (access.startsWith(".") ? JSON.stringify(access.slice(1)) : access.slice(1, -1));
  const own = (data, access) => `(own$${data} === false || func0.call(${data}, ${keyOf(access)}))`;
  let tested = false;
  const out = topLevelParts(code)
    .map((part) => {
      if (!/^function validate\d+\(/.test(part)) return part;
      const keysOf = new Map();
      for (const [, data, access] of part.matchAll(new RegExp(ACCESS, "g"))) {
        if (!/^data\d*$/.test(data)) continue;
        if (!keysOf.has(data)) keysOf.set(data, new Set());
        keysOf.get(data).add(keyOf(access));
      }
      const out = part
        // a required key, with and without load-once's local
        .replace(new RegExp(String.raw`\(\(\((\w+\$\w+) = ${ACCESS}\) === undefined\)`, "g"), (_, local, data, access) => `(((!${own(data, access)}) || ((${local} = ${data}${access}) === undefined))`)
        .replace(new RegExp(String.raw`\(${ACCESS} === undefined\) && \(missing`, "g"), (_, data, access) => `((!${own(data, access)}) || (${data}${access} === undefined)) && (missing`)
        // an optional key, with and without load-once's local
        .replace(new RegExp(String.raw`if\(\((\w+\$\w+) = ${ACCESS}\) !== undefined\)\{`, "g"), (_, local, data, access) => `if(${own(data, access)} && (${local} = ${data}${access}) !== undefined){`)
        .replace(new RegExp(String.raw`if\(${ACCESS} !== undefined\)\{`, "g"), (_, data, access) => `if(${own(data, access)} && ${data}${access} !== undefined){`);
      return out.replace(/if\((data\d*) && typeof \1 == "object" && !Array\.isArray\(\1\)\)\{/g, (open, data) => {
        // No key read (a free-form object): nothing to guard, and the test costs a call.
        if (!keysOf.has(data)) return open;
        tested = true;
        return `${open}${prototypeTest(data, keysOf.get(data))}`;
      });
    })
    .join("");
  return tested ? withProbe(out) : out;
}

/**
 * own-by-prototype-checked (the all-errors build, after own-before-read): the same flag as
 * own-by-prototype, one test per object, and each `hasOwnProperty` call on that object asked
 * only when the flag says the object is not plain. The flag is a `var`, so a call that Ajv
 * places outside the object's type check sees it unset and still asks.
 * Measured (validateBatchJobOut, an invalid payload, default): the all-errors run went from
 * about 350 ns to about 55 ns.
 */
function ownByPrototypeChecked(code) {
  const call = new RegExp(String.raw`func0\.call\((data\d*), ${KEY}\)`, "g");
  let tested = false;
  const out = topLevelParts(code)
    .map((part) => {
      if (!/^function validate\d+\(/.test(part)) return part;
      const keysOf = new Map();
      for (const [, data, key] of part.matchAll(call)) {
        if (!keysOf.has(data)) keysOf.set(data, new Set());
        keysOf.get(data).add(key);
      }
      if (keysOf.size === 0) return part;
      return part
        .replace(call, (site, data) => `(own$${data} === false || ${site})`)
        .replace(/if\((data\d*) && typeof \1 == "object" && !Array\.isArray\(\1\)\)\{/g, (open, data) => {
          if (!keysOf.has(data)) return open;
          tested = true;
          return `${open}${prototypeTest(data, keysOf.get(data))}`;
        });
    })
    .join("");
  return tested ? withProbe(out) : out;
}

/** The statement that sets `own$<data>`: true unless the object is plain and `Object.prototype` holds none of `keys` (JSON strings). */
function prototypeTest(data, keys) {
  const flag = `own$${data}`;
  const inherited = [...keys].map((key) => ` || ${key} in Object.prototype`).join("");
  return `var ${flag};try{${flag} = ${data}[probe0] !== undefined || Object.getPrototypeOf(${data}) !== Object.prototype${inherited};}catch(e){${flag} = true;}`;
}

/** The module's `probe0` symbol, declared before Ajv's `func0`. */
const withProbe = (code) => beforeFunc0(code, `const probe0 = Symbol("own-by-prototype probe");`, "own-by-prototype");

/** `declarations` put at module level, before Ajv's `func0` (hasOwnProperty), which every build that reads own keys declares. */
function beforeFunc0(code, declarations, pass) {
  const at = code.indexOf("const func0 = ");
  if (at < 0) throw new Error(`${pass}: no func0 (hasOwnProperty) to declare before`);
  return `${code.slice(0, at)}${declarations}${code.slice(at)}`;
}

/**
 * length-by-pattern (the fast build): a `maxLength` checked just before an anchored `pattern`
 * whose every match is at most that long (the pattern lint proves the bound; ECMA-262's `$`
 * without the `m` flag matches only at the end) is implied by the pattern: a string over the
 * length fails the pattern too. The length check counts code points over the whole string, so
 * it costs as much as the pattern; the fast build, which only says whether, drops it. (Python's
 * and Java's `$` also match before a final newline: the schemas keep the `maxLength` for them.)
 */
function lengthByPattern(code) {
  const patterns = new Map([...code.matchAll(/const (pattern\d+) = new RegExp\(("(?:[^"\\]|\\.)*"), "u"\);/g)].map(([, name, source]) => [name, JSON.parse(source)]));
  const check = /if\(func\d+\((data\d*)\) > (\d+)\)\{validate\d+\.errors = \[(?:[^\]"]|"(?:[^"\\]|\\.)*")*\];return false;\}else \{if\(!(pattern\d+)\.test\(\1\)\)\{/g;
  return code.replace(check, (match, data, limit, pattern) => {
    const source = patterns.get(pattern);
    if (source === undefined || !source.startsWith("^") || !source.endsWith("$")) return match;
    const { problems, maxLength } = analysePattern(source);
    if (problems.length > 0 || maxLength > Number(limit)) return match;
    return `{if(!${pattern}.test(${data})){`;
  });
}

/**
 * length-by-uuid-pattern (the all-errors build): the same reasoning as length-by-pattern for
 * the one pattern whose issue already says everything a length issue would, the strict
 * profile's canonical UUID: a file id over 36 characters fails the pattern, and the issues
 * drop the length error before that pattern's error anyway (src/issues.ts, `reported`). So the
 * all-errors build does not count the code points of every file id.
 * Measured (strict validateBatchJobOut, an invalid payload with six file ids): the all-errors
 * run went from about 1.8× to 1.1× the fast build's time.
 */
function lengthByUuidPattern(code) {
  const uuidPatterns = uuidPatternNames(code);
  if (uuidPatterns.size === 0) return code;
  const length = new RegExp(String.raw`if\(func\d+\((data\d*)\) > ${canonicalUuid.maxLength}\)\{const err\d+ = \{`, "g");
  let out = "";
  let at = 0;
  for (const match of code.matchAll(length)) {
    if (match.index < at) continue;
    const close = matching(code, match.index + match[0].indexOf("{"));
    const next = /^if\(!(pattern\d+)\.test\((data\d*)\)\)\{/.exec(code.slice(close + 1));
    if (!next || !uuidPatterns.has(next[1]) || next[2] !== match[1]) continue;
    out += code.slice(at, match.index);
    at = close + 1;
  }
  return out + code.slice(at);
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
 * A closed object's key looked up among the declared names after the last one found
 * (`${key}at`, declared by the caller before the loop): a key found there needs nothing more;
 * any other runs `fallback`, the full test of the names.
 */
const cursorSearch = (key, list, length, fallback) =>
  `const ${key}from = ${key}at;while(${key}at < ${length} && ${list}[${key}at] !== ${key}){${key}at++;}if(${key}at < ${length}){${key}at++;}else {${key}at = ${key}from;${fallback}}`;

/**
 * closed-keys-by-for-in (the fast build, after own-by-prototype and closed-keys-inline): a
 * closed object's keys come from `Object.keys`, a new array for every object. On a plain
 * object (own-by-prototype's flag is false) a `for…in` walks the same own enumerable string
 * keys, in the same order, from V8's cache of the object's keys, with no array. It also walks
 * what `Object.prototype` holds that is enumerable: none of the declared names (the flag says
 * so), so such a key fails the test of the declared names, and only a key that fails it is
 * asked whether it is own, which leaves those out. Any other object keeps `Object.keys`: a
 * `for…in` there would walk its prototype chain. And past a few declared names, the full test
 * of a key (a comparison with about half of the names) comes last: a payload's keys mostly come
 * in the schema's order (a serialiser writes them so), so each key is first looked for among the
 * names after the last one found, one or two comparisons; a key not found there (out of order,
 * or unknown) gets the full test, so the verdict is the same for any order.
 * Measured with `npm run bench` (strict isBatchJob): one closed object's keys went from about
 * 57 ns to 26 ns here, and the job has four or five of them.
 */
function closedKeysByForIn(code) {
  const loop = /for\(const (key\d+) of Object\.keys\((\w+)\)\)\{if\(!(\((?:[()| ]|key\d+ === "(?:[^"\\]|\\.)*")*\))\)\{return false;break;\}\}/g;
  const lists = [];
  const out = topLevelParts(code)
    .map((part) =>
      part.replace(loop, (match, key, data, test) => {
        if (!part.includes(`var own$${data};`)) return match;
        const names = [...test.matchAll(new RegExp(String.raw`${key} === ("(?:[^"\\]|\\.)*")`, "g"))].map(([, name]) => name);
        if (names.length < 4) return `if(own$${data} === false){for(const ${key} in ${data}){if(!${test} && func0.call(${data}, ${key})){return false;}}}else {${match}}`;
        // Past a few names, each key is first looked for after the last one found (see above).
        const list = `closed${lists.length}`;
        lists.push(`const ${list} = [${names.join(",")}];`);
        const fullTest = `if(!${test} && func0.call(${data}, ${key})){return false;}`;
        return `if(own$${data} === false){let ${key}at = 0;for(const ${key} in ${data}){${cursorSearch(key, list, names.length, fullTest)}}}else {${match}}`;
      }),
    )
    .join("");
  return lists.length === 0 ? out : beforeFunc0(out, lists.join(""), "closed-keys-by-for-in");
}

/**
 * closed-keys-by-cursor (the all-errors build, after closed-keys-inline): the same search as
 * closed-keys-by-for-in's, for the build that lists every unknown key: past a few declared
 * names, each key is first looked for among the names after the last one found, and only a
 * key not found there gets the full test and, failing it, its error. The keys still come from
 * `Object.keys` (this build runs on failures only, on any object). A strict job's keys went
 * from about 17 comparisons each to one or two.
 */
function closedKeysByCursor(code) {
  const head = /for\(const (key\d+) of Object\.keys\((\w+)\)\)\{if\(!(\((?:[()| ]|key\d+ === "(?:[^"\\]|\\.)*")*\))\)\{/g;
  const lists = [];
  let out = "";
  let at = 0;
  for (const match of code.matchAll(head)) {
    if (match.index < at) continue;
    const [text, key, , test] = match;
    const names = [...test.matchAll(new RegExp(String.raw`${key} === ("(?:[^"\\]|\\.)*")`, "g"))].map(([, name]) => name);
    if (names.length < 4) continue;
    const close = matching(code, match.index + text.indexOf("{"));
    // A key found among the names skips the rest of the loop's body: the test must be all of it.
    if (matching(code, match.index + text.length - 1) !== close - 1) continue;
    const list = `declared${lists.length}`;
    lists.push(`const ${list} = [${names.join(",")}];`);
    const loopHead = text.slice(0, text.indexOf("{") + 1);
    const body = code.slice(match.index + loopHead.length, close);
    out += `${code.slice(at, match.index)}{let ${key}at = 0;${loopHead}${cursorSearch(key, list, names.length, body)}}}`;
    at = close + 1;
  }
  out += code.slice(at);
  return lists.length === 0 ? code : beforeFunc0(out, lists.join(""), "closed-keys-by-cursor");
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

/**
 * verdict-only (the fast build): the fast build answers only whether a value is valid; every
 * issue comes from the all-errors build. So it builds no error objects: a failure that returns
 * returns `false` alone, a failing branch of an `anyOf` or `oneOf` counts itself (`errors++`)
 * without an object, and a failed call of another validator counts one error rather than
 * joining that validator's list. The counter keeps Ajv's meaning for every test that reads it
 * (`errors === _errsN`, and its reset when a branch passes); only the list stays empty. The
 * schema objects that only the error objects named are dropped with them.
 * Measured with `npm run bench` (isBatchJobOut, default): the invalid payloads went from about
 * 2.8× to 1.9× the plain check; a valid one, which builds no error, within noise.
 */
function verdictOnly(code) {
  let out = "";
  let at = 0;
  const returned = /validate\d+\.errors = \[/g;
  const pushed = /const (err\d+) = \{/g;
  for (;;) {
    returned.lastIndex = at;
    pushed.lastIndex = at;
    const r = returned.exec(code);
    const p = pushed.exec(code);
    if (r === null && p === null) break;
    if (p === null || (r !== null && r.index < p.index)) {
      const close = matching(code, r.index + r[0].length - 1);
      if (!code.startsWith(";return false;", close + 1)) throw new Error(`verdict-only: an error list that does not return: ${code.slice(r.index, r.index + 120)}`);
      out += `${code.slice(at, r.index)}return false;`;
      at = close + ";return false;".length + 1;
    } else {
      const close = matching(code, p.index + p[0].length - 1);
      const push = `;if(vErrors === null){vErrors = [${p[1]}];}else {vErrors.push(${p[1]});}errors++;`;
      if (!code.startsWith(push, close + 1)) throw new Error(`verdict-only: an error object that is not pushed: ${code.slice(p.index, p.index + 120)}`);
      out += `${code.slice(at, p.index)}errors++;`;
      at = close + 1 + push.length;
    }
  }
  out += code.slice(at);
  out = out.replace(/vErrors = vErrors === null \? (validate\d+)\.errors : vErrors\.concat\(\1\.errors\);errors = vErrors\.length;/g, "errors++;");
  // The schema objects that only error objects named go with them.
  const parts = topLevelParts(out);
  return parts
    .map((part) => {
      const declared = /^const (schema\d+) = [{[]/.exec(part);
      if (!declared) return part;
      const end = matching(part, declared[0].length - 1) + 2; // the literal and its `;`
      const used = parts.some((other) => other !== part && new RegExp(String.raw`\b${declared[1]}\b`).test(other)) || new RegExp(String.raw`\b${declared[1]}\b`).test(part.slice(end));
      return used ? part : part.slice(end);
    })
    .join("");
}

/**
 * calls-without-options (the fast build, after verdict-only): a validator that another one
 * calls (a job inside a list) is passed Ajv's options, an object with the JSON Pointer of the
 * element (`instancePath + "/data/" + i`), made for every element. With no error objects left,
 * a validator that reads none of the options but to pass them on needs none, so its calls
 * pass the value alone, and it reads its defaults. Runs until no call changes, so that options
 * passed down only to be passed on go too.
 * Measured with `npm run bench` (isListBatchJobsResponse, 100 jobs, default): a string and an
 * object less per job.
 */
function callsWithoutOptions(code) {
  const optionNames = /\b(?:instancePath|parentData|parentDataProperty|rootData)\b/;
  const call = /(validate\d+)\(((?:[^(){},]|\[[^\]]*\])+), \{instancePath[^{}]*\}\)/g;
  for (;;) {
    const needless = new Set();
    for (const part of topLevelParts(code)) {
      const name = /^function (validate\d+)\(data, options\)\{/.exec(part)?.[1];
      if (!name) continue;
      const reads = part.replace(/const (?:instancePath|parentData|parentDataProperty|rootData) = options === undefined \? [\w"]+ : options\.\w+;/g, "");
      if (!optionNames.test(reads.slice(reads.indexOf("{")))) needless.add(name);
    }
    const next = code.replace(call, (site, name, value) => (needless.has(name) ? `${name}(${value})` : site));
    if (next === code) return code;
    code = next;
  }
}

/**
 * root-as-guard (the fast build, last): the exported validator is the model's `is…` itself,
 * so a check is one call. Its body runs inside `try`, because a getter or a Proxy trap may
 * throw, and `is…` never does: a value that throws while it is read is not valid. It takes
 * only the value (`list.filter(isBatchJob)` passes an index second), and with verdict-only
 * nothing of the options was left to read, nor a list of errors to leave on the function. It
 * is named after the model (`BatchJobOut`), the name stack traces show: Ajv's `validateN`
 * would be renamed by a bundler that meets two of them. A root that another validator of the
 * module calls keeps its options, and the module exports a guard of that name that calls it.
 * Measured with `npm run bench` (isBatchJobOut, typical, default): one call rather than two,
 * about 4 ns of 35.
 */
function rootAsGuard(code) {
  const exports = [...code.matchAll(/export const (\w+) = (validate\d+);/g)];
  if (exports.length === 0) throw new Error("root-as-guard: no exported validator");
  for (const [statement, title, root] of exports) code = guardOne(code, statement, title, root);
  return code;
}

/** root-as-guard for one exported validator (a module of several exports, as `npm run bench:passes` renders, has each made a guard). */
function guardOne(code, statement, title, root) {
  const header = `function ${root}(data, options){`;
  const start = code.indexOf(header);
  if (start < 0) throw new Error(`root-as-guard: ${root} does not start as root-without-options leaves it`);
  if (new RegExp(String.raw`\b${title}\b`).test(code.replace(statement, ""))) throw new Error(`root-as-guard: the name ${title} is taken`);
  const calledInside = new RegExp(String.raw`\b${root}\(`, "g");
  if ([...code.matchAll(calledInside)].length > 1) {
    return code.replace(statement, `export { ${title} };function ${title}(data){try{return ${root}(data);}catch(e){return false;}}`);
  }
  const close = matching(code, start + header.length - 1);
  const body = code
    .slice(start + header.length, close)
    .replace(/options === undefined \? ([\w"]+) : options\.\w+;/g, "$1;")
    .replaceAll(`${root}.errors = vErrors;`, "");
  if (/\boptions\b/.test(body)) throw new Error(`root-as-guard: ${root} reads its options other than as root-without-options writes it`);
  if (new RegExp(String.raw`\b${root}\b`).test(body)) throw new Error(`root-as-guard: ${root} refers to itself other than to leave its errors`);
  const rest = `${code.slice(0, start)}function ${title}(data){try{${body}}catch(e){return false;}}${code.slice(close + 1)}`;
  return rest.replace(statement, `export { ${title} };`);
}

/** The names of the module's `pattern` constants whose source is the strict profile's file id. */
const uuidPatternNames = (code) =>
  new Set(
    [...code.matchAll(/const (pattern\d+) = new RegExp\(("(?:[^"\\]|\\.)*"), "u"\);/g)]
      .filter(([, , source]) => JSON.parse(source) === canonicalUuid.pattern)
      .map(([, name]) => name),
  );

/**
 * uuid-memo (the fast build, after root-as-guard) and uuid-replay (the all-errors build): the
 * canonical UUID pattern of a file id is the costliest check of the strict profile (about 90 ns
 * here, a key's type test 1 or 2), and `validate…` on an invalid job ran it for every file id
 * twice: in the fast build, and again in the all-errors build that lists the issues. The fast
 * build notes each string that passed, in test order (at most 64, from the start of each
 * exported validator); the all-errors build, which tests the same strings in the same order,
 * takes the next noted string equal to its own as passed, and tests any other. Strings are
 * compared by value, and a noted string passed the same pattern, so a note from another call
 * or another value (a getter that runs a validator mid-check) can only cost a pattern test,
 * never change a verdict. The notes keep at most 64 strings of 36 characters.
 */
function uuidMemo(code) {
  const names = uuidPatternNames(code);
  if (names.size === 0) return code;
  if (/\buuids(?:Passed|PassedCount|Replayed)\b/.test(code)) throw new Error("uuid-memo: the names of its notes are taken");
  let tests = 0;
  let out = code.replace(/if\(!(pattern\d+)\.test\((\w+)\)\)\{return false;\}/g, (match, pattern, text) => {
    if (!names.has(pattern)) return match;
    tests++;
    return `${match}if(uuidsPassedCount < ${uuidMemoLength}){uuidsPassed[uuidsPassedCount++] = ${text};}`;
  });
  if (tests === 0) return code;
  let guards = 0;
  out = out.replace(/function (\w+)\(data\)\{try\{/g, (match, title) => (out.includes(`export { ${title} };`) ? (guards++, `function ${title}(data){uuidsPassedCount = 0;try{`) : match));
  if (guards === 0) throw new Error("uuid-memo: no exported validator as root-as-guard writes it");
  const first = /const pattern\d+ = new RegExp\("(?:[^"\\]|\\.)*", "u"\);/.exec(out);
  const at = first.index + first[0].length;
  return `${out.slice(0, at)}var uuidsPassed = [];var uuidsPassedCount = 0;var uuidsReplayed = 0;${out.slice(at)}`;
}
const uuidMemoLength = 64;

/** uuid-replay (the all-errors build): see uuid-memo; the notes are the fast build's, declared at module level. */
function uuidReplay(code) {
  const names = uuidPatternNames(code);
  if (names.size === 0) return code;
  let tests = 0;
  const out = code.replace(/if\(!(pattern\d+)\.test\((\w+)\)\)\{/g, (match, pattern, text) => {
    if (!names.has(pattern)) return match;
    tests++;
    return `if(!(uuidsPassed[uuidsReplayed] === ${text} ? (uuidsReplayed++, true) : ${pattern}.test(${text}))){`;
  });
  if (tests === 0) return code;
  const roots = [...out.matchAll(/export const \w+ = (validate\d+);/g)];
  if (roots.length === 0) throw new Error("uuid-replay: no exported validator");
  return roots.reduce((text, [, root]) => {
    const header = `function ${root}(data, options){`;
    if (!text.includes(header)) throw new Error(`uuid-replay: ${root} does not start as root-without-options leaves it`);
    return text.replace(header, `${header}if(options === undefined){uuidsReplayed = 0;}`);
  }, out);
}

/**
 * no-parent-schema (the all-errors build): Ajv's `verbose` errors carry the schema object
 * that holds the failing keyword; the issues never read it (they read `schema` and `data`).
 * One field less on every error object, on the failure path only.
 */
function noParentSchema(code) {
  const out = code.replace(/,parentSchema:schema\d+(?:\.[\w$]+|\["(?:[^"\\]|\\.)*"\]|\[\d+\])*(?=[,}])/g, "");
  if (out.includes("parentSchema:")) throw new Error("no-parent-schema: a parentSchema of another shape");
  return out;
}

/**
 * fresh-params (the all-errors build): Ajv's params name the compiled schema's own arrays
 * (`params:{type: schema12.properties.started_at.type}`, `allowedValues: schema9.enum`), which an
 * issue would hand to the caller: a caller that changed one would change every later message.
 * Each becomes an array literal, so that every error gets arrays of its own, and no params
 * object of any error refers to the schema (a params object of another shape that does fails
 * the build). The issues then pass params on as they are, with no copy.
 */
function freshParams(code) {
  const literals = new Map();
  const reference = /params:\{(\w+): (schema\d+)((?:\.[\w$]+|\["(?:[^"\\]|\\.)*"\]|\[\d+\])*)\}/g;
  const out = code.replace(reference, (match, key, name, path) => {
    if (!literals.has(name)) literals.set(name, schemaLiteral(code, name));
    let value = literals.get(name);
    for (const [, property, quoted, index] of path.matchAll(/\.([\w$]+)|\[("(?:[^"\\]|\\.)*")\]|\[(\d+)\]/g)) {
      value = value?.[property ?? (quoted !== undefined ? JSON.parse(quoted) : Number(index))];
    }
    // Only lists of primitives are written as literals: an object literal could hold `__proto__`.
    if (!Array.isArray(value) || value.some((item) => item !== null && typeof item === "object")) {
      throw new Error(`fresh-params: not a list of primitives: ${match}`);
    }
    return `params:{${key}: ${JSON.stringify(value)}}`;
  });
  for (const at of out.matchAll(/params:\{/g)) {
    const open = at.index + "params:".length;
    const params = out.slice(open, matching(out, open) + 1).replace(/"(?:[^"\\]|\\.)*"/g, '""');
    if (/\bschema\d+/.test(params)) throw new Error(`fresh-params: a params object that refers to the schema: ${params}`);
  }
  return out;
}

/**
 * absolute-schema-paths (the all-errors build, compiled with its `$ref`s resolved first): Ajv
 * writes an error's schema path relative to the schema of the function that reports it, or, in
 * a `$ref` target it inlined, from the `$ref`. So an error inside a definition said `#/required`
 * of the definition, and one inside another document `file.json##/...` once made a URI. Each
 * path becomes relative to the model's document (`id`): a function's own from where Ajv
 * compiled its schema (`locations`, by function name), an inlined target's from its absolute
 * URI. `#/required` in the function of `#/definitions/ImageURL` becomes
 * `#/definitions/ImageURL/required`; `https://…/file-id.schema.json/pattern` becomes
 * `file-id.schema.json#/pattern`. The issues then pass them on as they are.
 * @param {string} code
 * @param {{ id?: string, locations?: Map<string, string> }} context
 */
function absoluteSchemaPaths(code, { id, locations } = {}) {
  if (id === undefined || locations === undefined) throw new Error("absolute-schema-paths: no schema locations for the all-errors build");
  const folder = id.slice(0, id.lastIndexOf("/") + 1);
  const relative = (path, where) => {
    if (path.startsWith("#")) return `${where}${path.slice(1)}`;
    if (!path.startsWith(folder)) throw new Error(`absolute-schema-paths: a schema path outside the schemas folder: ${path}`);
    const rest = path.slice(folder.length);
    const end = rest.search(/[#/]|$/);
    const document = rest.slice(0, end);
    const fragment = rest[end] === "#" ? rest.slice(end + 1) : rest.slice(end);
    return `${folder + document === id ? "" : document}#${fragment}`;
  };
  return topLevelParts(code)
    .map((part) => {
      const open = /^function (validate\d+)\(/.exec(part);
      if (!open) {
        if (part.includes("schemaPath:")) throw new Error("absolute-schema-paths: a schema path outside a validator function");
        return part;
      }
      const location = locations.get(open[1]);
      if (location === undefined) throw new Error(`absolute-schema-paths: no schema location for ${open[1]}`);
      return part.replace(/schemaPath:("(?:[^"\\]|\\.)*"|[^,}]*)/g, (match, literal) => {
        if (!literal.startsWith('"')) throw new Error(`absolute-schema-paths: a schema path of another shape: ${match}`);
        return `schemaPath:${JSON.stringify(relative(JSON.parse(literal), location))}`;
      });
    })
    .join("");
}

/**
 * The passes, in order; each is a pure function of the code (and of the schema locations it
 * is given). `builds` names the builds a pass applies to: `fast` (first failure, own-property
 * tests by prototype) and `all-errors` (every failure, own-property tests kept, asked before
 * each read).
 */
export const passes = [
  { name: "integer-as-isInteger", run: integerAsIsInteger, builds: ["fast", "all-errors"] },
  { name: "root-without-options", run: rootWithoutOptions, builds: ["fast", "all-errors"] },
  { name: "plain-reads", run: plainReads, builds: ["fast"] },
  { name: "own-before-read", run: ownBeforeRead, builds: ["all-errors"] },
  { name: "own-by-prototype-checked", run: ownByPrototypeChecked, builds: ["all-errors"] },
  { name: "length-by-pattern", run: lengthByPattern, builds: ["fast"] },
  { name: "length-by-uuid-pattern", run: lengthByUuidPattern, builds: ["all-errors"] },
  { name: "load-once", run: loadOnce, builds: ["fast"] },
  { name: "own-by-prototype", run: ownByPrototype, builds: ["fast"] },
  { name: "closed-keys-inline", run: closedKeysInline, builds: ["fast", "all-errors"] },
  { name: "closed-keys-by-cursor", run: closedKeysByCursor, builds: ["all-errors"] },
  { name: "branch-count", run: branchCount, builds: ["all-errors"] },
  { name: "no-parent-schema", run: noParentSchema, builds: ["all-errors"] },
  { name: "absolute-schema-paths", run: absoluteSchemaPaths, builds: ["all-errors"] },
  { name: "fresh-params", run: freshParams, builds: ["all-errors"] },
  { name: "error-cap", run: errorCapPass, builds: ["all-errors"] },
  { name: "verdict-only", run: verdictOnly, builds: ["fast"] },
  { name: "closed-keys-by-for-in", run: closedKeysByForIn, builds: ["fast"] },
  { name: "calls-without-options", run: callsWithoutOptions, builds: ["fast"] },
  { name: "root-as-guard", run: rootAsGuard, builds: ["fast"] },
  { name: "uuid-memo", run: uuidMemo, builds: ["fast"] },
  { name: "uuid-replay", run: uuidReplay, builds: ["all-errors"] },
];

/**
 * Runs the passes of one build (`fast` or `all-errors`); returns the code and which passes changed it.
 * `id` and `locations`: the model's `$id` and where each function's schema lives (the all-errors
 * build; see absolute-schema-paths).
 */
export function optimize(code, { build, id, locations }) {
  const applied = [];
  for (const pass of passes.filter((p) => p.builds.includes(build))) {
    const next = pass.run(code, { id, locations });
    if (next !== code) applied.push(pass.name);
    code = next;
  }
  return { code, applied };
}
