package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"mime"
	"path"
	"sort"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// asset is one file of the web app, read once at start-up.
type asset struct {
	body  []byte
	etag  string
	ctype string
}

// routeApp serves the embedded web app, its pages filled with the
// council's settings (fillSite). Every file carries an ETag and no-cache,
// so a phone revalidates cheaply and never runs a stale shell.
func (s *server) routeApp(app *fiber.App) {
	if s.App == nil {
		return
	}
	assets := map[string]asset{}
	var paths []string
	_ = fs.WalkDir(s.App, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(s.App, p)
		if err != nil {
			return err
		}
		if path.Ext(p) == ".html" {
			body = fillSite(body, s.Site)
		}
		ctype := mime.TypeByExtension(path.Ext(p))
		if path.Ext(p) == ".webmanifest" {
			ctype = "application/manifest+json"
		}
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		assets["/"+p] = asset{body: body, etag: etagOf(body), ctype: ctype}
		if p != "sw.js" {
			paths = append(paths, "/"+p)
		}
		return nil
	})
	if sw, ok := assets["/sw.js"]; ok {
		// The worker's version is a digest of every other file, so that any
		// change to the app installs a new worker and refreshes the shell.
		sort.Strings(paths)
		h := sha256.New()
		for _, p := range paths {
			h.Write([]byte(p + assets[p].etag))
		}
		list, _ := json.Marshal(append([]string{"/"}, paths...))
		body := bytes.Replace(sw.body, []byte("'__VERSION__'"), []byte(`'`+hex.EncodeToString(h.Sum(nil)[:8])+`'`), 1)
		body = bytes.Replace(body, []byte("__ASSETS__"), list, 1)
		assets["/sw.js"] = asset{body: body, etag: etagOf(body), ctype: sw.ctype}
	}
	app.Get("/*", func(c *fiber.Ctx) error {
		p := c.Path()
		switch {
		case p == "/officer":
			p = "/officer.html"
		case strings.HasPrefix(p, "/officer/preview/"):
			p = "/preview.html" // an officer's preview of a form, shown in the console's frame
		case p == "/" || !strings.Contains(path.Base(p), "."):
			p = "/index.html" // the app's own routes all load the shell
		}
		a, ok := assets[p]
		if !ok {
			return fiber.ErrNotFound
		}
		if p == "/preview.html" {
			framedBySameSite(c)
		}
		c.Set(fiber.HeaderCacheControl, "no-cache")
		c.Set(fiber.HeaderETag, a.etag)
		if c.Get(fiber.HeaderIfNoneMatch) == a.etag {
			return c.SendStatus(fiber.StatusNotModified)
		}
		c.Set(fiber.HeaderContentType, a.ctype)
		return c.Send(a.body)
	})
}

func etagOf(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}

// framedBySameSite lets the console's own pages show a page in a frame
// (the preview of a form), where every other page may be framed by none.
func framedBySameSite(c *fiber.Ctx) {
	csp := string(c.Response().Header.Peek(fiber.HeaderContentSecurityPolicy))
	c.Set(fiber.HeaderContentSecurityPolicy, strings.Replace(csp, "frame-ancestors 'none'", "frame-ancestors 'self'", 1))
	c.Set(fiber.HeaderXFrameOptions, "SAMEORIGIN")
}
