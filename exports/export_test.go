package exports

// SetMaxRows makes sheets hold n rows, so a test can make one overflow.
func SetMaxRows(n int) (restore func()) {
	old := maxRows
	maxRows = n
	return func() { maxRows = old }
}
