// Conformance harness: runs every vector of test/vectors through the README snippet (LoadBundles,
// in bundles.go) in draft-07 and in draft 2020-12, and prints one line per (profile, dialect):
//
//	IMPLEMENTATION VERSION PROFILE: N/N agree
//
// preceded by a DISAGREE line per test whose verdict differs from the vector's. Exit status: 0 when
// all agree, 1 on a disagreement, 2 on a setup error (a missing bundle, a model id that does not
// compile, an unreadable vector file). The repository root is found from this program's own path.

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

const implementation = "github.com/santhosh-tekuri/jsonschema/v6"

const (
	draft07Prefix   = "https://batch-job-schema.invalid/schemas/"
	draft2020Prefix = "https://batch-job-schema.invalid/schemas/2020-12/"
)

type vectorGroup struct {
	description string
	ref         string
	tests       []vectorTest
}

type vectorTest struct {
	description string
	data        any
	valid       bool
}

func main() {
	os.Exit(run())
}

func run() int {
	root, err := repoRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "conformance:", err)
		return 2
	}
	bundles := filepath.Join(root, "schemas", "bundles")
	version := libraryVersion()
	status := 0
	dialects := []struct{ name, suffix, label string }{{"draft-07", "", ""}, {"2020-12", ".2020-12", "/2020-12"}}
	for _, dialect := range dialects {
		compiler, err := LoadBundles(bundles, dialect.suffix)
		if err != nil {
			fmt.Fprintf(os.Stderr, "conformance: loading the %s bundles: %v\n", dialect.name, err)
			status = 2
		}
		for _, profile := range []string{"default", "strict"} {
			label := profile + dialect.label
			agree, total, setupError := runProfile(compiler, root, profile, label, dialect.suffix != "")
			if setupError {
				status = 2
			} else if agree != total && status == 0 {
				status = 1
			}
			fmt.Printf("%s %s %s: %d/%d agree\n", implementation, version, label, agree, total)
		}
	}
	return status
}

// runProfile runs every vector file of one profile; compiler is nil when the bundles did not load.
func runProfile(compiler *jsonschema.Compiler, root, profile, label string, in2020 bool) (agree, total int, setupError bool) {
	files, err := filepath.Glob(filepath.Join(root, "test", "vectors", profile, "*.json"))
	if err == nil && len(files) == 0 {
		err = errors.New("no vector files")
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "conformance: %s vectors: %v\n", profile, err)
		return 0, 0, true
	}
	for _, file := range files { // Glob sorts by name
		name := filepath.Base(file)
		groups, err := readVectors(file)
		if err != nil {
			fmt.Fprintf(os.Stderr, "conformance: %s: %v\n", file, err)
			setupError = true
			continue
		}
		for _, group := range groups {
			total += len(group.tests)
			if compiler == nil {
				setupError = true
				continue
			}
			ref := group.ref
			if in2020 {
				ref = strings.Replace(ref, draft07Prefix, draft2020Prefix, 1)
			}
			schema, err := compiler.Compile(ref)
			if err != nil {
				fmt.Fprintf(os.Stderr, "conformance: %s %s: %s: cannot compile %s: %v\n", label, name, group.description, ref, err)
				setupError = true
				continue
			}
			for _, test := range group.tests {
				err := schema.Validate(test.data)
				var invalid *jsonschema.ValidationError
				if err != nil && !errors.As(err, &invalid) {
					fmt.Fprintf(os.Stderr, "conformance: %s %s: %s: %s: %v\n", label, name, group.description, test.description, err)
					setupError = true
					continue
				}
				if (err == nil) == test.valid {
					agree++
					continue
				}
				says := "invalid"
				if err == nil {
					says = "valid"
				}
				fmt.Printf("DISAGREE %s %s: %s: %s: %s says %s\n", label, name, group.description, test.description, implementation, says)
			}
		}
	}
	return agree, total, setupError
}

// readVectors decodes one vector file with jsonschema.UnmarshalJSON, so the data keep exact numbers.
func readVectors(file string) ([]vectorGroup, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, err
	}
	bad := errors.New("not an array of {description, schema: {$ref}, tests: [{description, data, valid}]}")
	list, ok := doc.([]any)
	if !ok {
		return nil, bad
	}
	var groups []vectorGroup
	for _, g := range list {
		group, _ := g.(map[string]any)
		schema, _ := group["schema"].(map[string]any)
		description, ok1 := group["description"].(string)
		ref, ok2 := schema["$ref"].(string)
		tests, ok3 := group["tests"].([]any)
		if !ok1 || !ok2 || !ok3 {
			return nil, bad
		}
		vg := vectorGroup{description: description, ref: ref}
		for _, t := range tests {
			test, _ := t.(map[string]any)
			description, ok1 := test["description"].(string)
			valid, ok2 := test["valid"].(bool)
			data, ok3 := test["data"]
			if !ok1 || !ok2 || !ok3 {
				return nil, bad
			}
			vg.tests = append(vg.tests, vectorTest{description: description, data: data, valid: valid})
		}
		groups = append(groups, vg)
	}
	return groups, nil
}

// repoRoot finds the repository root from this program's own path, whatever the current
// directory: the binary that run.sh builds lives in test/languages/go/bin/, and with `go run`
// the source file's path (recorded at build time) is used instead.
func repoRoot() (string, error) {
	var candidates []string
	if exe, err := os.Executable(); err == nil {
		if exe, err = filepath.EvalSymlinks(exe); err == nil {
			candidates = append(candidates, filepath.Join(filepath.Dir(exe), "..", "..", "..", ".."))
		}
	}
	if _, source, _, ok := runtime.Caller(0); ok && filepath.IsAbs(source) {
		candidates = append(candidates, filepath.Join(filepath.Dir(source), "..", "..", ".."))
	}
	for _, root := range candidates {
		if _, err := os.Stat(filepath.Join(root, "test", "languages", "go", "go.mod")); err == nil {
			return filepath.Clean(root), nil
		}
	}
	return "", errors.New("cannot find the repository root from this program's path")
}

// libraryVersion is the validator's version as recorded in the binary (the one go.mod pins).
func libraryVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == implementation {
				if dep.Replace != nil {
					return dep.Replace.Version
				}
				return dep.Version
			}
		}
	}
	return "unknown"
}
