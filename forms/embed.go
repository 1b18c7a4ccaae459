// Package forms holds the form definitions built into Chorus.
package forms

import "embed"

// FS holds the built-in form definition files.
//
//go:embed *.yaml
var FS embed.FS
