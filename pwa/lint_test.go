package pwa_test

import (
	"os"
	"os/exec"
	"testing"
)

// TestLint checks the web app's JavaScript with ESLint (eslint.config.mjs:
// names used before they are defined, or never defined, names hiding
// others, values never used), mistakes that a page meets only when it
// runs. ESLint is a test-only npm package: without it (npm ci) the check
// is skipped, except in CI.
func TestLint(t *testing.T) {
	node, err := exec.LookPath("node")
	if _, statErr := os.Stat("../node_modules/eslint/bin/eslint.js"); err != nil || statErr != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node and ESLint are needed: install node and run npm ci")
		}
		t.Skip("node or ESLint is not installed (npm ci): the web app's JavaScript was not linted")
	}
	cmd := exec.Command(node, "node_modules/eslint/bin/eslint.js", "--max-warnings", "0", "pwa")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ESLint found problems in the web app (fix them, or explain an exception in eslint.config.mjs): %v\n%s", err, out)
	}
}
