// Command chorus-load replays a consultation's closing day against a
// running Chorus server and prints throughput, latency percentiles and
// errors. Run the server with CHORUS_RATE_LIMIT=0 (all the load comes from
// one address). See docs/reliability.md.
package main

import (
	"context"
	"flag"
	"os"
	"os/signal"
	"syscall"

	"chorus/internal/loadgen"
)

func main() {
	var cfg loadgen.Config
	flag.StringVar(&cfg.URL, "url", "http://localhost:8080", "the server")
	flag.StringVar(&cfg.Form, "form", "coproduction-consultation", "the public form to answer")
	flag.IntVar(&cfg.Rate, "rate", 300, "responses a second")
	flag.DurationVar(&cfg.Duration, "duration", 60e9, "how long")
	flag.IntVar(&cfg.Batch, "batch", 20, "responses in one volunteer sync")
	flag.Float64Var(&cfg.Synced, "synced", 0.2, "share of responses sent by sync")
	flag.IntVar(&cfg.Workers, "workers", 128, "requests in flight at most")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	r := loadgen.Run(ctx, cfg)
	r.Print(os.Stdout, cfg)
	if len(r.Errors) > 0 {
		os.Exit(1)
	}
}
