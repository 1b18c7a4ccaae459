// Package exports turns a form (all its versions) and a stream of its
// responses into the files officers download: a Responses workbook for any
// form, a visit results workbook for Quality Checker visits, and CSV.
//
// Rows are written with excelize's StreamWriter as they arrive, so memory
// grows with the size of the finished file (which excelize zips in memory),
// not with the number of responses held at once. Every text is written so
// that no spreadsheet program can read it as a formula, and a text too long
// for a cell is cut with a visible flag rather than silently.
package exports
