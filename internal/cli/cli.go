// Package cli is the chorus command: the server and the admin subcommands.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"chorus/internal/app"
	"chorus/internal/config"
	"chorus/internal/form"
	"chorus/internal/formbook"
	"chorus/internal/plain"
)

// Main runs the command named by args and returns the exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return MainWithInput(ctx, args, os.Stdin, stdout, stderr)
}

// MainWithInput is Main reading what it asks for (a password) from stdin.
func MainWithInput(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "serve":
		err = serve(ctx, args, stderr)
	case "forms":
		err = formsCmd(args, stdout)
	case "export":
		err = exportCmd(ctx, args, stderr)
	case "users":
		err = usersCmd(ctx, args, stdin, stdout, stderr)
	case "stats":
		err = statsCmd(ctx, args, stdout)
	case "backup":
		err = backupCmd(ctx, args, stdout, stderr)
	case "store":
		err = storeCmd(ctx, args, stdout, stderr)
	case "healthcheck":
		err = healthcheckCmd(ctx, args, stdout)
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return 0
	default:
		fmt.Fprintf(stderr, "chorus: unknown command %q\n\n", cmd)
		usage(stderr)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "chorus:", err)
		return 1
	}
	return 0
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Usage:
  chorus [serve]            run the server
  chorus forms check [DIR]  check form definitions (.yaml, .yml, .json, .xlsx;
                            default: the built-in ones, or CHORUS_FORMS_DIR)
  chorus forms template FILE.xlsx
                            write the blank workbook officers write a form in
  chorus users add --email EMAIL --role officer|admin
                            add an officer or admin; the password is asked for
  chorus users password --email EMAIL [--enable]
                            give someone a new password (asked for) and sign
                            them out everywhere; --enable also lets a disabled
                            account sign in again
  chorus users list         list officers and admins, with their state
  chorus stats recount      recount each form's responses for the officers' page
                            (after a crash; best with the server stopped)
  chorus export --form ID --out FILE [--from DATE] [--to DATE] [--service ID]
                [--status new|reviewed|follow-up|closed]
                [--format xlsx|csv] [--layout responses|visits] [--codes]
                [--labels LANGUAGE]
                            write a workbook or CSV of a form's responses; works
                            while the server runs (chorus export -h for more)
  chorus backup FILE        write a consistent copy of the embedded database to a
                            new file; works while the server runs
  chorus store copy --to|--from MONGODB_ADDRESS [--db NAME]
                            copy everything from the embedded database into
                            MongoDB (--to) or back (--from); stop the server
                            first for the final move (chorus store -h for more)
  chorus healthcheck        exit 0 if the server at CHORUS_ADDR's port answers
                            /healthz with 200, else 1 (for container health checks)

Configuration (environment variables):
`)
	for _, v := range config.Variables {
		def := v.Default
		if def == "" {
			def = "(empty)"
		}
		fmt.Fprintf(w, "  %-18s %s; default %s\n", v.Name, v.Meaning, def)
	}
}

func serve(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := config.FromEnv(os.Getenv)
	if err != nil {
		return err
	}
	logger := NewLogger(cfg, stderr)
	a, err := app.New(ctx, cfg, logger)
	if err != nil {
		return err
	}
	return a.Run(ctx)
}

func formsCmd(args []string, stdout io.Writer) error {
	if len(args) == 2 && args[0] == "template" {
		return writeTemplate(args[1], stdout)
	}
	if len(args) == 0 || args[0] != "check" {
		return errors.New("usage: chorus forms check [DIR] | chorus forms template FILE.xlsx")
	}
	cfg, err := config.FromEnv(os.Getenv)
	if err != nil {
		return err
	}
	if len(args) > 1 {
		cfg.FormsDir = args[1]
	}
	forms, err := app.LoadForms(cfg)
	if err != nil {
		var de form.DefinitionErrors
		if errors.As(err, &de) {
			return fmt.Errorf("%d problem(s) in the form definitions:\n%s", len(de), de.Error())
		}
		return err
	}
	ids := make([]string, len(forms))
	for i, f := range forms {
		ids[i] = f.ID + " v" + f.Version
	}
	fmt.Fprintf(stdout, "%d form(s) OK: %s\n", len(forms), strings.Join(ids, ", "))
	printEasyReadGaps(stdout, forms)
	printTranslationGaps(stdout, forms)
	printTitleClashes(stdout, forms)
	printPlainEnglish(stdout, forms, cfg.PlainEnglish())
	return nil
}

// writeTemplate writes the blank workbook that officers write a form in,
// to a new file.
func writeTemplate(name string, stdout io.Writer) error {
	if !strings.EqualFold(filepath.Ext(name), ".xlsx") {
		return fmt.Errorf("%s: the template is a workbook: give a file name ending .xlsx", name)
	}
	data, err := formbook.Template()
	if err != nil {
		return err
	}
	file, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err // an existing file is kept
	}
	if _, err := file.Write(data); err != nil {
		file.Close()
		return err
	}
	if err := file.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote %s: fill in its survey, choices and settings sheets (its About sheet explains them), then check it with chorus forms check DIR\n", name)
	return nil
}

// printEasyReadGaps warns, without failing the check, about each text of
// a form for volunteers that has no easy-read wording.
func printEasyReadGaps(w io.Writer, forms []*form.Form) {
	var gaps form.DefinitionErrors
	for _, f := range forms {
		gaps = append(gaps, f.EasyReadGaps()...)
	}
	if len(gaps) == 0 {
		return
	}
	fmt.Fprintf(w, "Warning: %d text(s) in forms for volunteers have no easy-read wording:\n", len(gaps))
	for _, g := range gaps {
		if strings.EqualFold(filepath.Ext(g.File), ".xlsx") {
			g.Message = formbook.WorkbookWords(g.Message) // its column names
		}
		fmt.Fprintf(w, "  warning: %s\n", g)
	}
}

// printTranslationGaps warns, without failing the check, about each
// partial translation: the texts it shows in the form's main language.
func printTranslationGaps(w io.Writer, forms []*form.Form) {
	for _, f := range forms {
		for _, g := range f.TranslationGaps() {
			fmt.Fprintf(w, "  warning: %s\n", g)
		}
	}
}

// printTitleClashes warns, without failing the check, about each question
// whose title in exports and results could be taken for another's.
func printTitleClashes(w io.Writer, forms []*form.Form) {
	var clashes form.DefinitionErrors
	for _, f := range forms {
		clashes = append(clashes, f.TitleClashes()...)
	}
	if len(clashes) == 0 {
		return
	}
	fmt.Fprintf(w, "Warning: %d question(s) could be mistaken for another in downloads and results:\n", len(clashes))
	for _, c := range clashes {
		fmt.Fprintf(w, "  warning: %s\n", c)
	}
}

// printPlainEnglish gives each form's plain English score in a line, then,
// without failing the check, what could be plainer in its words: advice,
// not rules.
func printPlainEnglish(w io.Writer, forms []*form.Form, checker *plain.Checker) {
	fmt.Fprintln(w, "Plain English (advice, not rules):")
	for _, f := range forms {
		r := checker.Form(f)
		fmt.Fprintf(w, "  %s v%s: %s\n", f.ID, f.Version, r.Summary)
		for _, x := range r.Warnings {
			fmt.Fprintf(w, "  warning: %s: %s\n", f.ID, x)
		}
	}
}

// NewLogger returns the server's logger, writing to w.
func NewLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
