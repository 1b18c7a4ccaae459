package cli_test

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"chorus/internal/cli"
)

// TestHelpListsTheREADMECommands: chorus help lists every command of the
// README's Commands section, with the same flags, and no other (issue 16).
func TestHelpListsTheREADMECommands(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "\n## Commands\n")
	_, block, _ := strings.Cut(section, "```sh\n")
	block, _, _ = strings.Cut(block, "```")
	var out, errs bytes.Buffer
	if code := cli.Main(context.Background(), []string{"help"}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	help, _, _ := strings.Cut(out.String(), "\nConfiguration")
	fromREADME := commandsIn(block, "chorus", true)
	fromHelp := commandsIn(help, "  chorus", false)
	if len(fromREADME) < 10 {
		t.Fatalf("read %d commands from the README: %v", len(fromREADME), fromREADME)
	}
	for cmd, flags := range fromREADME {
		got, ok := fromHelp[cmd]
		switch {
		case !ok:
			t.Errorf("help does not list %q", cmd)
		case !slices.Equal(got, flags):
			t.Errorf("%s: help lists the flags %v, the README %v", cmd, got, flags)
		}
	}
	for cmd := range fromHelp {
		if _, ok := fromREADME[cmd]; !ok {
			t.Errorf("the README's Commands do not list %q", cmd)
		}
	}
}

var (
	flagPattern = regexp.MustCompile(`--[a-z]+`)
	wordPattern = regexp.MustCompile(`^[a-z]+$`)
)

// commandsIn reads a list of commands: each line that starts with prefix
// begins one (its words up to the first that is not a lower-case word, or
// to two spaces),
// and the lines below it, up to the next, add to its flags. Comments
// (after #) are left out where they hold no flags of the command.
func commandsIn(text, prefix string, comments bool) map[string][]string {
	out := map[string][]string{}
	cmd := ""
	for _, line := range strings.Split(text, "\n") {
		if comments {
			line, _, _ = strings.Cut(line, "#")
		}
		if strings.HasPrefix(line, prefix+" ") || strings.TrimSpace(line) == strings.TrimSpace(prefix) {
			head, _, _ := strings.Cut(strings.TrimSpace(line), "  ") // a description follows two spaces
			words := strings.Fields(head)
			n := 1
			for n < len(words) && wordPattern.MatchString(words[n]) {
				n++
			}
			cmd = strings.Join(words[:n], " ")
			out[cmd] = []string{}
		}
		if cmd == "" {
			continue
		}
		for _, f := range flagPattern.FindAllString(line, -1) {
			if !slices.Contains(out[cmd], f) {
				out[cmd] = append(out[cmd], f)
			}
		}
		slices.Sort(out[cmd])
	}
	return out
}
