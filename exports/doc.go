// Package exports turns a form and a stream of its responses into
// spreadsheets and CSV files for officers.
package exports
