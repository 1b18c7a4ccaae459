package pwa_test

import (
	"os"
	"os/exec"
	"regexp"
	"testing"
)

// TestJavaScript runs the web app's unit tests with node's own test runner,
// so that the README's one test command covers them. Without node it skips,
// except in CI, where .ci/run installs it.
func TestJavaScript(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is needed to run the web app's tests")
		}
		t.Skip("node is not installed: the web app's JavaScript tests were not run")
	}
	out, err := exec.Command(node, "--test", "test/").CombinedOutput()
	if err != nil {
		t.Fatalf("node --test failed: %v\n%s", err, out)
	}
	pass := regexp.MustCompile(`(?m)^# pass (\d+)$`).FindSubmatch(out)
	if pass == nil || string(pass[1]) == "0" {
		t.Fatalf("node ran no test:\n%s", out)
	}
	t.Logf("node: %s JavaScript tests passed", pass[1])
}
