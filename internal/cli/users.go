package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/term"

	"chorus/internal/auth"
	"chorus/internal/chorus"
	"chorus/internal/config"
	"chorus/internal/store"
)

const usersUsage = `usage: chorus users add --email EMAIL --role officer|admin
       chorus users password --email EMAIL [--enable]
       chorus users list
password gives a user a new password (for a forgotten one) and signs them
out everywhere; --enable also lets a disabled user sign in again.
The password is read from the terminal (asked twice, not shown) or, when
the input is not a terminal, from the first line of standard input. It is
never taken from the command line, where others could see it.`

// usersCmd manages officer and admin accounts from the server's machine:
// how the first admin is made.
func usersCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New(usersUsage)
	}
	cfg, err := config.FromEnv(os.Getenv)
	if err != nil {
		return err
	}
	switch args[0] {
	case "add":
		fs, email := emailFlags("users add", stderr)
		role := fs.String("role", "officer", "officer or admin")
		password, err := parseWithPassword(fs, email, args[1:], stdin, stderr)
		if err != nil {
			return err
		}
		return withAuth(ctx, cfg, func(a *auth.Service) error {
			u, err := a.AddUser(ctx, commandLine, *email, *role, password)
			if err != nil {
				return errors.New(chorus.ErrorMessage(err))
			}
			fmt.Fprintf(stdout, "Added %s (%s). They can sign in at /officer.\n", u.Email, u.Role)
			return nil
		})
	case "password":
		fs, email := emailFlags("users password", stderr)
		enable := fs.Bool("enable", false, "let a disabled user sign in again")
		password, err := parseWithPassword(fs, email, args[1:], stdin, stderr)
		if err != nil {
			return err
		}
		return withAuth(ctx, cfg, func(a *auth.Service) error {
			u, err := a.SetPassword(ctx, commandLine, *email, password, *enable)
			if err != nil {
				return errors.New(chorus.ErrorMessage(err))
			}
			state := "They can sign in at /officer with it."
			if u.DisabledAt != nil {
				state = "The account is disabled: add --enable to let them sign in."
			}
			fmt.Fprintf(stdout, "New password set for %s; their sessions are ended. %s\n"+
				"A lock from failed attempts is not lifted: it runs out by itself (15 minutes at most).\n", u.Email, state)
			return nil
		})
	case "list":
		return withAuth(ctx, cfg, func(a *auth.Service) error {
			us, err := a.Users(ctx)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tROLE\tEMAIL\tSTATE")
			for _, u := range us {
				state := "active"
				if u.DisabledAt != nil {
					state = "disabled since " + u.DisabledAt.UTC().Format(time.DateOnly)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.ID, u.Role, u.Email, state)
			}
			if len(us) == 0 {
				fmt.Fprintln(tw, "(no officers or admins yet: add one with chorus users add)")
			}
			return tw.Flush()
		})
	}
	return errors.New(usersUsage)
}

// commandLine is who acts from the server's machine, in the audit log.
var commandLine = chorus.Actor{Role: chorus.RoleAdmin, ID: "command-line"}

// emailFlags is the flag set of a users subcommand, with its --email.
func emailFlags(name string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs, fs.String("email", "", "the email address the person signs in with")
}

// parseWithPassword parses args, which must give an email, and then reads
// the password.
func parseWithPassword(fs *flag.FlagSet, email *string, args []string, stdin io.Reader, stderr io.Writer) (string, error) {
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	if *email == "" || fs.NArg() > 0 {
		return "", errors.New(usersUsage)
	}
	return readPassword(stdin, stderr)
}

// withAuth opens the store, beside the server if it runs.
func withAuth(ctx context.Context, cfg config.Config, fn func(*auth.Service) error) error {
	st, err := store.Open(ctx, store.Options{URI: cfg.MongoURI, DataDir: cfg.DataDir, Database: cfg.Database,
		Logger: NewLogger(cfg, io.Discard)})
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	return fn(auth.New(st, cfg.Security, NewLogger(cfg, io.Discard)))
}

// readPassword asks for the password twice on a terminal, without echo,
// or reads one line of stdin otherwise.
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password (at least 12 characters): ")
		p1, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(stderr, "The same password again: ")
		p2, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		if string(p1) != string(p2) {
			return "", errors.New("the two passwords differ: nothing was changed")
		}
		return string(p1), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !(errors.Is(err, io.EOF) && line != "") {
		return "", errors.New("no password on standard input")
	}
	return strings.TrimRight(line, "\r\n"), nil
}
