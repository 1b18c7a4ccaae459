// Package pwa holds the web app, served as it is: no build step.
package pwa

import "embed"

// FS holds the web app's files.
//
//go:embed *.html *.js *.webmanifest js css icons i18n
var FS embed.FS
