package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// copyBatch is how many documents Copy writes at a time (a variable for
// the tests, which make several batches of a few documents).
var copyBatch = 1000

// CopyCount is how many documents one collection holds in the source and
// in the destination of a copy.
type CopyCount struct {
	Collection          string
	Source, Destination int64
	// Written is how many documents this copy wrote into the destination:
	// those it lacked or held with other content.
	Written int64
}

// ErrCopyMismatch is what Copy's error wraps when a collection holds a
// different number of documents in the destination than in the source.
var ErrCopyMismatch = errors.New("the copy does not match its source")

// Copy copies every collection Chorus keeps (Collections) from src into
// dst, document by document in _id order, in batches, and then checks that
// each collection holds as many documents in dst as in src.
//
// Each collection is read in _id order on both sides and only what the
// destination lacks, or holds with other content, is written, so a copy
// that was stopped part way (an interrupt, a lost connection) goes on where
// it stopped when run again, a copy run again after it finished writes
// nothing, and one run again after the source changed (a trial copy while
// the server ran, then the final one) writes what changed. Writes replace
// documents by _id, so what is written twice is stored once.
//
// Copy refuses, before writing anything, a destination that holds more
// documents than the source in any collection: it holds other data. It
// calls progress, when not nil, as each collection starts and after each
// batch, with the documents the destination holds of it so far and the
// source's count. It returns the counts of the final check, also when a
// collection differs: its count, or, with as many documents, its greatest
// _id. The error then wraps ErrCopyMismatch and names each collection that
// differs. A cancelled ctx stops the copy between two batches, with an
// error that wraps ctx's.
func Copy(ctx context.Context, src, dst Copier, progress func(collection string, copied, total int64)) ([]CopyCount, error) {
	if progress == nil {
		progress = func(string, int64, int64) {}
	}
	before, err := countCopy(ctx, src, dst)
	if err != nil {
		return nil, err
	}
	var fuller []string
	for _, c := range before {
		if c.Destination > c.Source {
			fuller = append(fuller, fmt.Sprintf("%s (%s, against %d in the source)", c.Collection, documents(c.Destination), c.Source))
		}
	}
	if len(fuller) > 0 {
		return before, fmt.Errorf("%w: the destination already holds other data: it has more documents than the source in %s. Nothing was copied: copy into an empty database",
			ErrCopyMismatch, strings.Join(fuller, ", "))
	}
	written := make([]int64, len(before))
	for i, c := range before {
		if written[i], err = copyCollection(ctx, src, dst, c, progress); err != nil {
			return nil, err
		}
	}
	after, err := countCopy(ctx, src, dst)
	if err != nil {
		return nil, fmt.Errorf("checking the copy: %w", err)
	}
	for i := range after {
		after[i].Written = written[i]
	}
	var differ []string
	for _, c := range after {
		switch {
		case c.Destination > c.Source:
			differ = append(differ, fmt.Sprintf("%s: the destination holds %s, more than the %d of the source, so it already held other data (or documents were removed from the source during the copy)",
				c.Collection, documents(c.Destination), c.Source))
		case c.Destination < c.Source:
			differ = append(differ, fmt.Sprintf("%s: the destination holds %s, fewer than the %d of the source, so documents were added to the source during the copy (or the destination already held other data)",
				c.Collection, documents(c.Destination), c.Source))
		default:
			// As many, and they should be the same ones: the last _id
			// tells when they are not.
			last, err := lastIDs(ctx, src, dst, c.Collection)
			if err != nil {
				return nil, fmt.Errorf("checking the copy: %w", err)
			}
			if last[0] != last[1] {
				differ = append(differ, fmt.Sprintf("%s: the destination holds as many documents as the source (%d) but not the same ones (its last _id is %q, the source's %q), so it already held other data",
					c.Collection, c.Source, last[1], last[0]))
			}
		}
	}
	if len(differ) > 0 {
		return after, fmt.Errorf("%w: %s", ErrCopyMismatch, strings.Join(differ, "; "))
	}
	return after, nil
}

// documents says how many documents n is.
func documents(n int64) string {
	if n == 1 {
		return "1 document"
	}
	return fmt.Sprintf("%d documents", n)
}

// countCopy counts every collection in src and dst.
func countCopy(ctx context.Context, src, dst Copier) ([]CopyCount, error) {
	out := make([]CopyCount, 0, len(Collections))
	for _, name := range Collections {
		c := CopyCount{Collection: name}
		var err error
		if c.Source, err = src.CountDocs(ctx, name); err != nil {
			return nil, fmt.Errorf("counting %s in the source: %w", name, err)
		}
		if c.Destination, err = dst.CountDocs(ctx, name); err != nil {
			return nil, fmt.Errorf("counting %s in the destination: %w", name, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// lastIDs returns the greatest _id of a collection in src and in dst.
func lastIDs(ctx context.Context, src, dst Copier, collection string) ([2]string, error) {
	var out [2]string
	var err error
	if out[0], err = src.LastID(ctx, collection); err != nil {
		return out, fmt.Errorf("reading the last %s in the source: %w", collection, err)
	}
	if out[1], err = dst.LastID(ctx, collection); err != nil {
		return out, fmt.Errorf("reading the last %s in the destination: %w", collection, err)
	}
	return out, nil
}

// copyCollection brings one collection of dst level with src: it reads
// both in _id order side by side and writes each source document that the
// destination lacks or holds with other content. So a copy that stopped
// goes on without writing again what arrived, and a document that changed
// in the source since an earlier copy (a review, an erasure, a count) is
// written again. c holds the counts before.
func copyCollection(ctx context.Context, src, dst Copier, c CopyCount, progress func(string, int64, int64)) (int64, error) {
	name := c.Collection
	var seen, written int64
	stopped := func(err error) error {
		if ctx.Err() != nil {
			return fmt.Errorf("the copy of %s stopped after %d of its %d documents were written; run it again to carry on where it stopped: %w", name, written, c.Source, ctx.Err())
		}
		return err
	}
	progress(name, 0, c.Source)
	docs, err := src.Docs(ctx, name, "")
	if err != nil {
		return 0, stopped(fmt.Errorf("reading %s from the source: %w", name, err))
	}
	held, err := dst.Docs(ctx, name, "")
	if err != nil {
		return 0, stopped(fmt.Errorf("reading %s from the destination: %w", name, err))
	}
	next, stop := iter.Pull2(held)
	defer stop()
	there, err, more := next()
	batch := make([]bson.Raw, 0, copyBatch)
	flush := func() error {
		if ctx.Err() != nil {
			return stopped(nil)
		}
		if len(batch) > 0 {
			if err := dst.PutDocs(ctx, name, batch); err != nil {
				return stopped(fmt.Errorf("writing %s to the destination: %w", name, err))
			}
		}
		written += int64(len(batch))
		batch = batch[:0]
		progress(name, seen, max(c.Source, seen))
		return nil
	}
	for doc, err := range docs {
		if err != nil {
			return written, stopped(fmt.Errorf("reading %s from the source: %w", name, err))
		}
		id := idOf(doc)
		for more && err == nil && idOf(there) < id {
			there, err, more = next()
		}
		if err != nil {
			return written, stopped(fmt.Errorf("reading %s from the destination: %w", name, err))
		}
		if !more || idOf(there) != id || !bytes.Equal(there, doc) {
			batch = append(batch, doc)
		}
		if seen++; seen%int64(copyBatch) == 0 {
			if err := flush(); err != nil {
				return written, err
			}
		}
	}
	return written, flush()
}

// idOf is a document's _id.
func idOf(d bson.Raw) string {
	id, _ := d.Lookup("_id").StringValueOK()
	return id
}
