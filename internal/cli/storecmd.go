package cli

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the driver that reads a backup back

	"chorus/internal/config"
	"chorus/internal/store"
)

const storeUsage = `usage: chorus store copy --to MONGODB_ADDRESS [--db NAME]
       chorus store copy --from MONGODB_ADDRESS [--db NAME]
copy copies everything Chorus keeps between its embedded database (the file
chorus.db in CHORUS_DATA_DIR) and a MongoDB database: --to copies the
embedded data into MongoDB, --from copies MongoDB's data into the embedded
database. --db names the MongoDB database (default: CHORUS_DB_NAME).

It can run while the server runs, but for the final move stop the server
first, so that nothing arrives after the copy. The destination should be
empty. A copy that was stopped goes on where it stopped when run again; run
again, it writes only what the destination lacks or holds with other
content (what changed in the source since), so a trial copy can be made
while the server runs and the final one after stopping it. At the end it checks that every
collection holds as many documents in the destination as in the source.`

// storeCmd runs chorus store copy.
func storeCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help") {
		fmt.Fprintln(stdout, storeUsage)
		return flag.ErrHelp
	}
	if len(args) == 0 || args[0] != "copy" {
		return errors.New(storeUsage)
	}
	cfg, err := config.FromEnv(os.Getenv)
	if err != nil {
		return err
	}
	flags := flag.NewFlagSet("store copy", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() { fmt.Fprintln(stderr, storeUsage); flags.PrintDefaults() }
	to := flags.String("to", "", "copy the embedded database into the MongoDB database at this address")
	from := flags.String("from", "", "copy the MongoDB database at this address into the embedded database")
	db := flags.String("db", cfg.Database, "name of the MongoDB database")
	if err := flags.Parse(args[1:]); err != nil {
		return err
	}
	if (*to == "") == (*from == "") || flags.NArg() > 0 {
		return errors.New(storeUsage)
	}
	uri := *to + *from
	if !strings.HasPrefix(uri, "mongodb://") && !strings.HasPrefix(uri, "mongodb+srv://") {
		return errors.New("the MongoDB address must start with mongodb:// or mongodb+srv://")
	}
	if *db == "" || strings.ContainsAny(*db, `/\. "$`) {
		return fmt.Errorf("--db: %q is not a database name: it may not be empty, nor contain / \\ . space \" or $", *db)
	}
	if *to != "" {
		if err := embeddedExists(cfg.DataDir); err != nil {
			return err
		}
	}

	embedded, err := store.OpenSQLite(ctx, store.Options{DataDir: cfg.DataDir, Logger: NewLogger(cfg, stderr)})
	if err != nil {
		return err
	}
	defer embedded.Close(context.WithoutCancel(ctx))
	mongo, err := store.OpenMongo(ctx, uri, *db)
	if err != nil {
		return err
	}
	defer mongo.Close(context.WithoutCancel(ctx))

	var src, dst store.Store = embedded, mongo
	if *from != "" {
		src, dst = mongo, embedded
	}
	name := func(s store.Store) string {
		if s.Embedded() {
			return s.Describe()
		}
		return fmt.Sprintf("%s, database %s", s.Describe(), *db)
	}
	fmt.Fprintf(stdout, "Copying from %s\n          to %s\n", name(src), name(dst))
	p := newCopyProgress(stdout)
	counts, err := store.Copy(ctx, src, dst, p.update)
	p.finish()
	if counts != nil {
		printCopyCounts(stdout, counts)
	}
	if errors.Is(err, store.ErrCopyMismatch) {
		hint := fmt.Sprintf("copy into a new database with --db NAME or, if the database %s holds only an earlier copy that is no longer needed, "+
			"drop it (in mongosh: use %s, then db.dropDatabase())", *db, *db)
		if *from != "" {
			hint = fmt.Sprintf("set CHORUS_DATA_DIR to a new directory or, if %s holds only an earlier copy that is no longer needed, "+
				"move it, and any chorus.db-wal and chorus.db-shm beside it, out of the directory", embedded.Path())
		}
		return fmt.Errorf("%w.\nTo copy again, stop the Chorus server, %s, and run this command again", err, hint)
	}
	if err != nil {
		return err
	}
	var total int64
	for _, c := range counts {
		total += c.Source
	}
	if total == 0 {
		return errors.New("the source holds no data, so nothing was copied: check CHORUS_DATA_DIR, the address and --db")
	}
	fmt.Fprintf(stdout, "Done: %s documents; every collection holds as many in the destination as in the source.\n", thousands(total))
	if *to != "" {
		fmt.Fprintf(stdout, "To run on MongoDB, start the server with MONGODB_URI set to that address and CHORUS_DB_NAME=%s.\n", *db)
	} else {
		fmt.Fprintf(stdout, "To run on the embedded database, start the server without MONGODB_URI, with CHORUS_DATA_DIR=%s.\n", filepath.Dir(embedded.Path()))
	}
	return nil
}

// embeddedExists checks that the data directory holds an embedded
// database (or an earlier Chorus's, which opening it upgrades), so that a
// mistyped CHORUS_DATA_DIR is not read as an empty store.
func embeddedExists(dataDir string) error {
	for _, name := range []string{"chorus.db", filepath.Join("db", "chorus.sqlite")} {
		if _, err := os.Stat(filepath.Join(dataDir, name)); err == nil {
			return nil
		}
	}
	abs, _ := filepath.Abs(dataDir)
	return fmt.Errorf("there is no embedded database in %s (no chorus.db there): set CHORUS_DATA_DIR to the server's data directory", abs)
}

// copyProgress shows a copy's progress: a line per collection, redrawn in
// place on a terminal, and otherwise written when the collection is done
// and every 5 seconds until then.
type copyProgress struct {
	w             io.Writer
	terminal      bool
	name          string
	copied, total int64
	last          time.Time
}

func newCopyProgress(w io.Writer) *copyProgress {
	p := &copyProgress{w: w}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.terminal = true
		}
	}
	return p
}

func (p *copyProgress) update(name string, copied, total int64) {
	now := time.Now()
	if name != p.name {
		p.finish()
		p.name, p.last = name, now
	}
	p.copied, p.total = copied, total
	switch {
	case p.terminal:
		fmt.Fprintf(p.w, "\r%s\033[K", p.line())
	case now.Sub(p.last) >= 5*time.Second:
		fmt.Fprintln(p.w, p.line())
		p.last = now
	}
}

// finish writes the last state of the collection being copied.
func (p *copyProgress) finish() {
	if p.name == "" {
		return
	}
	if p.terminal {
		fmt.Fprint(p.w, "\r")
	}
	fmt.Fprintln(p.w, p.line())
	p.name = ""
}

func (p *copyProgress) line() string {
	return fmt.Sprintf("%s: %s of %s copied", p.name, thousands(p.copied), thousands(p.total))
}

// printCopyCounts writes the check at the end of a copy, a line per
// collection.
func printCopyCounts(w io.Writer, counts []store.CopyCount) {
	fmt.Fprintf(w, "\n%-18s %12s %12s\n", "collection", "source", "destination")
	for _, c := range counts {
		mark := ""
		if c.Source != c.Destination {
			mark = "  DIFFERS"
		}
		fmt.Fprintf(w, "%-18s %12s %12s%s\n", c.Collection, thousands(c.Source), thousands(c.Destination), mark)
	}
}

// thousands writes n with a comma between each group of three digits.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}

const backupUsage = `usage: chorus backup FILE
writes a copy of the embedded database (chorus.db in CHORUS_DATA_DIR) to
FILE, which must not exist yet. It works while the server runs: the copy is
the data as it was when the backup began, complete and consistent.
To restore it: stop the server, put FILE in place of CHORUS_DATA_DIR/chorus.db,
delete any chorus.db-wal and chorus.db-shm beside it, and start the server.
With MONGODB_URI set, use mongodump and mongorestore instead.`

// backupCmd writes a consistent copy of the embedded database beside the
// running server, and reads it back as a check.
func backupCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("backup", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() { fmt.Fprintln(stderr, backupUsage) }
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() != 1 {
		return errors.New(backupUsage)
	}
	cfg, err := config.FromEnv(os.Getenv)
	if err != nil {
		return err
	}
	if cfg.MongoURI != "" {
		return fmt.Errorf("MONGODB_URI is set, so Chorus keeps its data in MongoDB, which chorus backup does not copy.\n"+
			"Back it up with mongodump (for example: mongodump --uri \"$MONGODB_URI\" --db %s --archive=FILE) and restore it with mongorestore", cfg.Database)
	}
	file, err := filepath.Abs(flags.Arg(0))
	if err != nil {
		return err
	}
	if _, err := os.Lstat(file); err == nil {
		return fmt.Errorf("%s already exists: a backup never replaces a file, so choose a new file name", file)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if fi, err := os.Stat(filepath.Dir(file)); err != nil || !fi.IsDir() {
		return fmt.Errorf("there is no folder %s to write the backup in", filepath.Dir(file))
	}
	if _, err := os.Stat(filepath.Join(cfg.DataDir, "chorus.db")); err != nil {
		abs, _ := filepath.Abs(cfg.DataDir)
		return fmt.Errorf("there is no embedded database in %s (no chorus.db there): set CHORUS_DATA_DIR to the server's data directory", abs)
	}

	st, err := store.OpenSQLite(ctx, store.Options{DataDir: cfg.DataDir, Logger: NewLogger(cfg, stderr)})
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	started := time.Now()
	if err := st.Backup(ctx, file); err != nil {
		os.Remove(file) // it did not exist before: what is there is a part
		return err
	}
	// It holds personal data: for its owner only, like an export.
	if err := os.Chmod(file, 0o600); err != nil {
		return err
	}
	n, err := countBackup(ctx, file)
	if err != nil {
		return fmt.Errorf("the backup %s was written but could not be read back (%v): do not rely on it; delete it and try again", file, err)
	}
	size := ""
	if fi, err := os.Stat(file); err == nil {
		size = fmt.Sprintf(", %.1f MB", float64(fi.Size())/1e6)
	}
	fmt.Fprintf(stdout, "Backed up %s to %s%s in %.1fs.\nChecked: the backup opens and holds %s responses.\n",
		st.Path(), file, size, time.Since(started).Seconds(), thousands(n))
	return nil
}

// countBackup opens a backup file read-only and counts its responses.
func countBackup(ctx context.Context, file string) (int64, error) {
	path := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(file))
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int64
	err = db.QueryRowContext(ctx, "SELECT count(*) FROM responses").Scan(&n)
	return n, err
}
