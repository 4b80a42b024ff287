// The `pattern`s the authoring rules allow, and what they can match: a small parser of the
// one regular-expression subset that every language's engine reads alike (ECMA-262 with the
// `u` flag as Ajv compiles it, Python's re, Go's RE2, Rust's regex, Java's java.util.regex).
//
// Allowed: `^` first and `$` last (anchors nowhere else), literal printable ASCII characters,
// explicit character classes of printable ASCII (ranges, `^` negation), the escapes
// \t \n \r \f \xHH (HH at most 7F) and a backslash before a syntax character, groups
// `( )` and `(?: )`, alternation inside a group, and the quantifiers ? * + {n} {n,} {n,m}.
// Refused, each because some engine reads it differently or because it can backtrack:
// \d \w \s \b and every other class escape (Unicode-aware in some engines, ASCII in others),
// `.` (which line ends it excludes differs), lookaround, back-references, lazy quantifiers,
// alternation outside a group (it would escape the anchors), a quantifier on a group that
// itself repeats without bound (exponential backtracking), non-ASCII characters, and inside a
// class `[`, `&&`, `--`, `~~`, `||` (set operations in Java and newer Python).
//
// One difference no rule here removes: Python's and Java's `$` also match before a newline
// that ends the string, so `^[a-z]{2}$` accepts "en\n" there and rejects it in ECMA-262, Go
// and Rust. A `maxLength` equal to the longest match closes the gap for a pattern of one
// fixed length; README "Authoring a schema" says so.

const SYNTAX = new Set([..."^$\\.*+?()[]{}|/"]);
const printable = (c) => c >= 0x20 && c <= 0x7e;

/**
 * Parses `pattern` under the rules above.
 * @param {string} pattern
 * @returns {{ problems: string[], maxLength: number }} what breaks the rules, and the longest
 *   string the pattern can match (Infinity when a quantifier is unbounded)
 */
export function analysePattern(pattern) {
  const problems = [];
  const fail = (problem) => problems.push(problem);
  try {
    new RegExp(pattern, "u");
  } catch (error) {
    return { problems: [`not a regular expression under the u flag: ${error.message}`], maxLength: Infinity };
  }
  if (!pattern.startsWith("^")) fail("must begin with ^ (an unanchored pattern matches inside longer strings)");
  const endsAnchored = pattern.endsWith("$") && !isEscaped(pattern, pattern.length - 1);
  if (!endsAnchored) fail("must end with $ (an unanchored pattern matches inside longer strings)");
  const body = pattern.slice(pattern.startsWith("^") ? 1 : 0, endsAnchored ? -1 : undefined);
  let i = 0;

  // Sequence := Term*; Alternatives := Sequence ("|" Sequence)*. Widths are [min, max].
  const alternatives = (depth) => {
    let best = sequence(depth);
    while (body[i] === "|") {
      if (depth === 0) fail("alternation outside a group escapes the anchors: write ^(?:a|b)$");
      i++;
      const next = sequence(depth);
      best = { max: Math.max(best.max, next.max), repeats: best.repeats || next.repeats };
    }
    return best;
  };
  const sequence = (depth) => {
    let max = 0;
    let repeats = false; // whether some part repeats without bound
    while (i < body.length && body[i] !== "|" && body[i] !== ")") {
      const atom = term(depth);
      const q = quantifier();
      if (q && atom.repeats && q.max === Infinity) fail("a group that repeats without bound is itself repeated without bound: exponential backtracking");
      max += q ? atom.max * q.max : atom.max;
      repeats ||= atom.repeats || (q !== undefined && q.max === Infinity);
    }
    return { max, repeats };
  };
  const term = (depth) => {
    const c = body[i];
    if (c === "(") {
      i++;
      if (body[i] === "?") {
        if (body[i + 1] === ":") i += 2;
        else {
          fail("lookaround and named groups are not read alike by every engine: only ( ) and (?: ) groups");
          i++;
        }
      }
      const inner = alternatives(depth + 1);
      if (body[i] !== ")") fail("unclosed group");
      i++;
      return inner;
    }
    if (c === "[") return charClass();
    if (c === "\\") return escape(false);
    i++;
    if (c === ".") fail("no `.`: engines differ on the line ends it excludes; write an explicit ASCII class");
    else if (c === "^" || c === "$") fail(`an anchor ${c} is allowed only at the ends`);
    else if ("*+?{}".includes(c)) fail(`a quantifier ${c} with nothing to repeat`);
    else if (c === "]") fail("an unescaped ] outside a class");
    else if (!printable(c.charCodeAt(0))) fail(`character U+${c.charCodeAt(0).toString(16).padStart(4, "0")} is not printable ASCII: write it as an escape or a class`);
    return { max: 1, repeats: false };
  };
  const escape = (inClass) => {
    const next = body[i + 1];
    i += 2;
    if (next === undefined) fail("a lone backslash");
    else if ("tnrf".includes(next)) return { max: 1, repeats: false };
    else if (next === "x") {
      const hex = body.slice(i, i + 2);
      if (!/^[0-7][0-9A-Fa-f]$/.test(hex)) fail("\\x must be followed by two hex digits of an ASCII character (at most 7F)");
      i += 2;
    } else if (SYNTAX.has(next) || (inClass && next === "-")) return { max: 1, repeats: false };
    else fail(`no \\${next}: class escapes and back-references differ between engines; write an explicit ASCII class such as [0-9] or [A-Za-z0-9_]`);
    return { max: 1, repeats: false };
  };
  const charClass = () => {
    i++; // [
    if (body[i] === "^") i++;
    const start = i;
    while (i < body.length && body[i] !== "]") {
      const c = body[i];
      if (c === "\\") {
        escape(true);
        continue;
      }
      if (c === "[") fail("an unescaped [ inside a class (a nested set in Java and newer Python)");
      for (const op of ["&&", "--", "~~", "||"]) if (body.startsWith(op, i)) fail(`${op} inside a class is a set operation in some engines`);
      if (!printable(c.charCodeAt(0))) fail(`character U+${c.charCodeAt(0).toString(16).padStart(4, "0")} is not printable ASCII`);
      i++;
    }
    if (i === start) fail("an empty class");
    if (body[i] !== "]") fail("unclosed class");
    i++;
    return { max: 1, repeats: false };
  };
  const quantifier = () => {
    const c = body[i];
    let q;
    if (c === "?") q = { max: 1 };
    else if (c === "*" || c === "+") q = { max: Infinity };
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(body.slice(i));
      if (!m) return undefined; // refused as a literal by term()
      i += m[0].length - 1;
      const [min, max] = [Number(m[1]), m[2] === undefined ? Number(m[1]) : m[3] === "" ? Infinity : Number(m[3])];
      if (max < min) fail(`quantifier {${m[1]}${m[2]}} has its bounds reversed`);
      q = { max };
    } else return undefined;
    i++;
    if (body[i] === "?") {
      fail("no lazy quantifiers");
      i++;
    }
    if (body[i] === "?" || body[i] === "*" || body[i] === "+") fail("a quantifier on a quantifier");
    return q;
  };

  const whole = alternatives(0);
  if (i < body.length) fail(`unexpected ${body[i]}`);
  return { problems, maxLength: whole.max };
}

/** Whether the character at `index` is escaped by an odd run of backslashes before it. */
function isEscaped(text, index) {
  let run = 0;
  for (let j = index - 1; j >= 0 && text[j] === "\\"; j--) run++;
  return run % 2 === 1;
}
