package register

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Bounds on reading a workbook. Its sheet and shared texts are read as a
// stream from the zip, never unpacked whole, and only what a row needs is
// kept, so reading costs about what the file's rows hold whatever the file
// says about itself.
const (
	// maxPart bounds each part read, unpacked: the sheet, the shared
	// texts, the workbook and its relationships. A register of 5,000
	// services is about 1 MB of sheet.
	maxPart = 16 << 20
	// maxEntries bounds the files in the zip (a workbook has about ten).
	maxEntries = 1000
	// maxSharedTexts bounds the shared texts: one per cell of every row.
	maxSharedTexts = (MaxRows + 1) * maxColumns
	// maxColumns is how many columns are read (A to AN); cells further
	// right are not read, so a cell in column XFD costs nothing.
	maxColumns = 40
)

// errTooBig refuses a workbook that unpacks to more than a register needs.
var errTooBig = fmt.Errorf("the workbook unpacks to more than %d MB, or has more than %d parts or %d texts; a services register needs far less", maxPart>>20, maxEntries, maxSharedTexts)

// readWorkbook reads the rows of an .xlsx workbook's active sheet (the
// first when none is marked), calling row with each row's non-empty cells.
func readWorkbook(data []byte, row func(num int, cells []cell) error) error {
	if bytes.Count(data, []byte("PK\x01\x02")) > maxEntries {
		return errTooBig // checked before the zip reader makes a record per file
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		if f.UncompressedSize64 > maxPart {
			return errTooBig
		}
		parts[strings.ToLower(f.Name)] = f
	}
	rels, sharedPart, err := relationships(parts["xl/_rels/workbook.xml.rels"])
	if err != nil {
		return err
	}
	sheetID, err := activeSheet(parts["xl/workbook.xml"])
	if err != nil {
		return err
	}
	sheet := parts[rels[sheetID]]
	if sheet == nil {
		return errors.New("the workbook has no sheets")
	}
	if sharedPart == "" {
		sharedPart = "xl/sharedstrings.xml"
	}
	shared, err := sharedTexts(parts[sharedPart])
	if err != nil {
		return err
	}
	return sheetRows(sheet, shared, row)
}

// open opens a part of the zip for reading, refusing one that is larger
// than maxPart, as it says or as it turns out.
func open(f *zip.File) (io.ReadCloser, *xml.Decoder, error) {
	if f.UncompressedSize64 > maxPart {
		return nil, nil, errTooBig
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, err
	}
	return rc, xml.NewDecoder(&limited{r: rc, n: maxPart}), nil
}

// limited reads at most n bytes, then fails with errTooBig.
type limited struct {
	r io.Reader
	n int64
}

func (l *limited) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errTooBig
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// relationships maps the workbook's relationship ids to the parts they
// name, as zip paths in lower case, and names the shared texts' part.
func relationships(f *zip.File) (map[string]string, string, error) {
	if f == nil {
		return nil, "", errors.New("the workbook has no list of its sheets (xl/_rels/workbook.xml.rels)")
	}
	rc, d, err := open(f)
	if err != nil {
		return nil, "", err
	}
	defer rc.Close()
	out := map[string]string{}
	shared := ""
	for len(out) <= maxEntries {
		tok, err := d.RawToken()
		if err == io.EOF {
			return out, shared, nil
		}
		if err != nil {
			return nil, "", err
		}
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "Relationship" {
			target := attr(t, "Target")
			if strings.HasPrefix(target, "/") {
				target = path.Clean(target[1:])
			} else {
				target = path.Join("xl", target)
			}
			out[attr(t, "Id")] = strings.ToLower(target)
			if strings.HasSuffix(attr(t, "Type"), "/sharedStrings") {
				shared = strings.ToLower(target)
			}
		}
	}
	return nil, "", errTooBig
}

// activeSheet returns the relationship id of the sheet the workbook
// opens at, or of its first sheet.
func activeSheet(f *zip.File) (string, error) {
	if f == nil {
		return "", errors.New("the workbook has no xl/workbook.xml")
	}
	rc, d, err := open(f)
	if err != nil {
		return "", err
	}
	defer rc.Close()
	var ids []string
	active := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		t, ok := tok.(xml.StartElement)
		switch {
		case !ok:
		case t.Name.Local == "workbookView":
			active, _ = strconv.Atoi(attr(t, "activeTab"))
		case t.Name.Local == "sheet" && len(ids) < maxEntries:
			ids = append(ids, attr(t, "id"))
		}
	}
	if len(ids) == 0 {
		return "", errors.New("the workbook has no sheets")
	}
	if active < 0 || active >= len(ids) {
		active = 0
	}
	return ids[active], nil
}

// sharedText is one of the texts cells refer to. A text longer than a
// cell may hold is not kept: long says it was there.
type sharedText struct {
	text string
	long bool
}

// sharedTexts reads the workbook's shared texts.
func sharedTexts(f *zip.File) ([]sharedText, error) {
	if f == nil {
		return nil, nil
	}
	rc, d, err := open(f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var out []sharedText
	var t text
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch v := tok.(type) {
		case xml.StartElement:
			if v.Name.Local == "si" {
				if len(out) == maxSharedTexts {
					return nil, errTooBig
				}
				t = text{}
			}
			t.start(v.Name.Local)
		case xml.EndElement:
			t.end(v.Name.Local)
			if v.Name.Local == "si" {
				out = append(out, sharedText{t.String(), t.long})
			}
		case xml.CharData:
			t.add(v)
		}
	}
}

// text gathers a cell's text from its t elements (phonetic runs, rPh,
// apart), up to MaxCellChars characters.
type text struct {
	b       strings.Builder
	chars   int
	in, rph bool
	long    bool
}

func (t *text) start(name string) {
	switch name {
	case "t":
		t.in = true
	case "rPh":
		t.rph = true
	}
}

func (t *text) end(name string) {
	switch name {
	case "t":
		t.in = false
	case "rPh":
		t.rph = false
	}
}

func (t *text) add(b []byte) {
	if !t.in || t.rph || t.long {
		return
	}
	t.chars += utf8.RuneCount(b)
	if t.chars > MaxCellChars {
		t.long = true
		t.b.Reset()
		return
	}
	t.b.Write(b)
}

// String is the text, with Excel's escapes of control characters
// (_x000D_) undone; "" for a text that is too long.
func (t *text) String() string {
	return unescapeOOXML(t.b.String())
}

// attr returns an element's attribute by its local name.
func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// unescapeOOXML undoes the _xHHHH_ escapes that Excel writes for control
// characters.
func unescapeOOXML(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || len(s) < i+7 || s[i+6] != '_' {
			b.WriteString(s)
			return b.String()
		}
		n, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
		b.WriteString(s[:i])
		if err != nil {
			b.WriteString(s[i : i+2])
			s = s[i+2:]
			continue
		}
		b.WriteRune(rune(n))
		s = s[i+7:]
	}
}
