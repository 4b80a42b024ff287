// The README's sections for other languages, as the conformance runners use them: each
// snippet is written out as a file of its runner (test/languages/<language>/), so that CI runs
// the code the README shows, and the "Verified in" table is read from the runners' manifests,
// where each validator's version is pinned.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { rootDir } from "./schemas.mjs";

/** Line-comment syntax by file extension, for the banner of a snippet file. */
const commentOf = { ".py": "#", ".go": "//", ".rs": "//", ".java": "//", ".mjs": "//" };

/**
 * Every `<!-- snippet PATH -->` of the README followed by a fenced code block, as the file
 * PATH: a one-line banner naming the README section, then the block verbatim.
 * @param {string} readme the README's text
 * @param {(section: string) => string} banner the banner's text, for the README section that holds the snippet
 * @returns {Record<string, string>}
 */
export function snippetFiles(readme, banner) {
  const files = {};
  const marker = /<!-- snippet (\S+) -->\n```\w*\n([\s\S]*?)\n```/g;
  for (const match of readme.matchAll(marker)) {
    const [, path, code] = match;
    const extension = path.slice(path.lastIndexOf("."));
    const comment = commentOf[extension];
    if (comment === undefined) throw new Error(`README.md: snippet ${path}: no comment syntax known for ${extension}`);
    const heading = [...readme.slice(0, match.index).matchAll(/^#+ (.+)$/gm)].pop()?.[1] ?? "README";
    files[path] = `${comment} ${banner(heading)}\n${code}\n`;
  }
  return files;
}

const read = (path) => readFileSync(join(rootDir, path), "utf8");
const match = (path, pattern) => {
  const found = pattern.exec(read(path))?.[1];
  if (found === undefined) throw new Error(`${path}: no pinned version found for ${pattern}`);
  return found;
};

/** Each validator the contract is verified in, with its version read from where it is pinned. */
export function verifiedIn() {
  const npm = JSON.parse(read("package.json")).devDependencies;
  const rows = [
    ["JavaScript", "ajv", npm.ajv, "package.json", "test/languages/js/run.mjs"],
    ["JavaScript", "@hyperjump/json-schema", npm["@hyperjump/json-schema"], "package.json", "test/languages/js/run.mjs"],
    ["JavaScript", "json-schema-library", npm["json-schema-library"], "package.json", "test/languages/js/run.mjs"],
    ["Python", "jsonschema", match("test/languages/python/requirements.txt", /^jsonschema==(\S+)/m), "test/languages/python/requirements.txt", "test/languages/python/run-vectors.py"],
    ["Go", "github.com/santhosh-tekuri/jsonschema/v6", match("test/languages/go/go.mod", /santhosh-tekuri\/jsonschema\/v6 (\S+)/), "test/languages/go/go.mod", "test/languages/go/conformance.go"],
    ["Rust", "jsonschema (default features off)", match("test/languages/rust/Cargo.toml", /^jsonschema = \{ version = "=([^"]+)"/m), "test/languages/rust/Cargo.toml", "test/languages/rust/src/main.rs"],
    ["Java", "com.networknt:json-schema-validator", match("test/languages/java/pom.xml", /<artifactId>json-schema-validator<\/artifactId>\s*<version>([^<]+)</), "test/languages/java/pom.xml", "test/languages/java/src/main/java/Conformance.java"],
    ["Any (Bowtie)", "bowtie-json-schema, `direct:python-jsonschema`", match("test/languages/python/bowtie-requirements.txt", /^bowtie-json-schema==(\S+)/m), "test/languages/python/bowtie-requirements.txt", "test/languages/python/bowtie.sh"],
  ];
  const lines = [
    "| language | validator | version | pinned in | runner |",
    "|---|---|---|---|---|",
    ...rows.map(([language, validator, version, pinned, runner]) => `| ${language} | ${validator} | ${version} | [${pinned.split("/").pop()}](${pinned}) | [${runner.split("/").pop()}](${runner}) |`),
  ];
  return lines.join("\n");
}
