package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"chorus/internal/app"
	"chorus/internal/chorus"
	"chorus/internal/config"
	"chorus/internal/store"
)

// statsCmd recounts every form's responses from the store and puts the
// counters that the officers' page shows right: after a crash, which may
// lose the last half second of counts. It reads every response, so it is
// for a quiet moment, ideally with the server stopped.
func statsCmd(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) != 1 || args[0] != "recount" {
		return errors.New("usage: chorus stats recount")
	}
	cfg, err := config.FromEnv(os.Getenv)
	if err != nil {
		return err
	}
	forms, err := app.LoadForms(cfg)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, store.Options{URI: cfg.MongoURI, DataDir: cfg.DataDir, Database: cfg.Database,
		Logger: NewLogger(cfg, io.Discard), Attach: true})
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	for _, f := range forms {
		rows, closeRows, err := st.EachResponse(ctx, chorus.ResponseFilter{FormID: f.ID})
		if err != nil {
			return err
		}
		stats := chorus.FormStats{FormID: f.ID}
		for r, err := range rows {
			if err != nil {
				closeRows()
				return err
			}
			stats.Responses++
			if stats.LatestAt == nil || r.ReceivedAt.After(*stats.LatestAt) {
				at := r.ReceivedAt
				stats.LatestAt = &at
			}
		}
		closeRows()
		if err := st.SetFormStats(ctx, stats); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: %d responses\n", f.ID, stats.Responses)
	}
	return nil
}
