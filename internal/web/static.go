package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// asset is one file of the web app, read once at start-up.
type asset struct {
	body  []byte
	etag  string
	ctype string
}

// routeApp serves the embedded web app. Every file carries an ETag and
// no-cache, so a phone revalidates cheaply and never runs a stale shell.
func (s *server) routeApp(app *fiber.App) {
	if s.App == nil {
		return
	}
	assets := map[string]asset{}
	_ = fs.WalkDir(s.App, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(s.App, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		assets["/"+p] = asset{body: body, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, ctype: ctype}
		return nil
	})
	app.Get("/*", func(c *fiber.Ctx) error {
		p := c.Path()
		if p == "/" || !strings.Contains(path.Base(p), ".") {
			p = "/index.html" // the app's own routes all load the shell
		}
		a, ok := assets[p]
		if !ok {
			return fiber.ErrNotFound
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
