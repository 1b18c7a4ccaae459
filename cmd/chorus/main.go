// Command chorus runs the Chorus server and its admin subcommands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"chorus/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
