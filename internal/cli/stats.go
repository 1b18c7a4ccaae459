package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"chorus/internal/app"
	"chorus/internal/config"
)

// statsCmd rebuilds the counters that the officers' console shows (form
// totals, responses per day, answer tallies, visits per volunteer) from the
// stored responses: after a crash, which may lose the last half second of
// counts. It reads every response and needs the server stopped: it starts
// the embedded database itself, and refuses while a server uses it.
func statsCmd(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) != 1 || args[0] != "recount" {
		return errors.New("usage: chorus stats recount (with the server stopped)")
	}
	cfg, err := config.FromEnv(os.Getenv)
	if err != nil {
		return err
	}
	in, closeStore, err := app.OpenIntake(ctx, cfg, NewLogger(cfg, io.Discard))
	if err != nil {
		return err
	}
	defer closeStore(context.WithoutCancel(ctx))
	counts, err := in.Recount(ctx)
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(counts))
	for _, f := range in.Forms().All() {
		ids = append(ids, f.ID)
	}
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Fprintf(stdout, "%s: %d responses\n", id, counts[id])
	}
	return nil
}
