package store

// SetCopyBatch makes Copy write n documents at a time until the returned
// function puts the batch size back. For tests.
func SetCopyBatch(n int) (restore func()) {
	old := copyBatch
	copyBatch = n
	return func() { copyBatch = old }
}
