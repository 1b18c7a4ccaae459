package cli

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"chorus/exports"
	"chorus/internal/app"
	"chorus/internal/auth"
	"chorus/internal/chorus"
	"chorus/internal/config"
	"chorus/internal/reports"
)

const exportUsage = `usage: chorus export --form ID [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--service ID]
                     [--status new|reviewed|follow-up|closed]
                     [--format xlsx|csv] [--layout responses|visits] [--codes]
                     [--labels LANGUAGE] --out FILE`

// exportCmd writes an export to a file. It reads the store that the server
// would use (CHORUS_DATA_DIR or MONGODB_URI), and works while the server
// runs. The file appears only once complete.
func exportCmd(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, exportUsage); fs.PrintDefaults() }
	var q reports.Query
	var out string
	fs.StringVar(&q.FormID, "form", "", "id of the form to export (required)")
	fs.StringVar(&q.From, "from", "", "first day to include: the visit date for visit forms, else the day received")
	fs.StringVar(&q.To, "to", "", "last day to include")
	fs.StringVar(&q.Service, "service", "", "only responses about this service id")
	fs.StringVar(&q.Status, "status", "", "only responses with this review status: new, reviewed, follow-up or closed")
	fs.StringVar(&q.Format, "format", "", "xlsx or csv (default: from the file name, else xlsx)")
	fs.StringVar(&q.Layout, "layout", "", "responses or visits (default: visits for visit forms, else responses)")
	fs.BoolVar(&q.Codes, "codes", false, "write choice answers as codes instead of labels")
	fs.StringVar(&q.Labels, "labels", "", "write titles, labels and options in this language of the form (a code such as pl)")
	fs.StringVar(&out, "out", "", "file to write (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if q.FormID == "" || out == "" || fs.NArg() > 0 {
		return errors.New(exportUsage)
	}
	if q.Format == "" && strings.EqualFold(filepath.Ext(out), ".csv") {
		q.Format = exports.FormatCSV
	}
	q.By = "chorus export, run by " + osUser()

	cfg, err := config.FromEnv(os.Getenv)
	if err != nil {
		return err
	}
	svc, closeStore, err := app.OpenReports(ctx, cfg, NewLogger(cfg, io.Discard))
	if err != nil {
		return err
	}
	defer closeStore(context.WithoutCancel(ctx))
	e, err := svc.Prepare(q)
	if err != nil {
		return errors.New(chorus.ErrorMessage(err))
	}
	p := newProgress(stderr)
	if n, ok := e.Total(ctx); ok {
		p.total = n
	}
	e.SetProgress(p.update)

	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.part")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone once renamed; cleans up after a failure
	st, err := e.Write(ctx, tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		p.fail()
		if code := chorus.ErrorCode(err); code != chorus.EINTERNAL {
			return errors.New(chorus.ErrorMessage(err))
		}
		return err
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return err
	}
	// As the server does for a download: who (the command line, not the
	// person: the audit log holds no names), which form, filters, rows.
	format := cmp.Or(q.Format, exports.FormatXLSX)
	auth.New(svc.Store, cfg.Security, NewLogger(cfg, stderr)).Audit(ctx, commandLine, chorus.AuditExport, "form:"+e.FormID(),
		map[string]any{"format": format, "layout": e.Layout(), "filters": e.Filters(), "rows": st.Rows})
	p.done(st, out)
	return nil
}

// osUser names who ran the command, for the About sheet.
func osUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "an unknown user"
}

// progress shows how an export is going: a bar redrawn in place on a
// terminal, or a plain line now and then when the output is a file or pipe.
type progress struct {
	w        io.Writer
	terminal bool
	total    int64 // 0 when unknown
	started  time.Time
	last     time.Time
	rows     int
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, started: time.Now()}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.terminal = true
		}
	}
	return p
}

func (p *progress) update(rows int) {
	p.rows = rows
	now := time.Now()
	every := 5 * time.Second
	if p.terminal {
		every = 100 * time.Millisecond
	}
	if now.Sub(p.last) < every {
		return
	}
	p.last = now
	rate := float64(rows) / max(now.Sub(p.started).Seconds(), 0.001)
	if !p.terminal {
		fmt.Fprintf(p.w, "exported %d responses (%.0f a second)\n", rows, rate)
		return
	}
	if p.total > 0 {
		frac := min(float64(rows)/float64(p.total), 1)
		const width = 30
		full := int(frac * width)
		fmt.Fprintf(p.w, "\r[%s%s] %3.0f%%  %d of %d responses  %.0f/s ",
			strings.Repeat("█", full), strings.Repeat("░", width-full), frac*100, rows, p.total, rate)
		return
	}
	spin := `|/-\`[int(now.Sub(p.started)/(250*time.Millisecond))%4]
	fmt.Fprintf(p.w, "\r%c exporting: %d responses  %.0f/s ", spin, rows, rate)
}

func (p *progress) fail() {
	if p.terminal {
		fmt.Fprintln(p.w)
	}
}

func (p *progress) done(st exports.Stats, out string) {
	if p.terminal {
		fmt.Fprint(p.w, "\r\033[K")
	}
	size := ""
	if fi, err := os.Stat(out); err == nil {
		size = fmt.Sprintf(", %.1f MB", float64(fi.Size())/1e6)
		if fi.Size() < 1e6 {
			size = fmt.Sprintf(", %d kB", (fi.Size()+999)/1000)
		}
	}
	fmt.Fprintf(p.w, "Wrote %d responses to %s%s in %s.\n", st.Rows, out, size, time.Since(p.started).Round(100*time.Millisecond))
	if st.Cut > 0 {
		fmt.Fprintf(p.w, "%d answers were too long for a spreadsheet cell: they are cut and flagged [CUT …]; the CSV export has them in full.\n", st.Cut)
	}
}
