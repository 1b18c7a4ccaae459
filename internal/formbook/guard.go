package formbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxSharedText bounds the text that reading a workbook's cells brings
// into memory. Excel keeps each text once and has cells refer to it, so a
// small file may have a long text repeated in thousands of cells; the
// reader copies it for each. A form needs far less.
const maxSharedText = 32 << 20

// guard looks through a workbook before it is opened, for what would make
// reading it slow or large: more unpacked than unzipLimit, or more text
// in its cells, counted once for each cell, than maxSharedText. It reads
// the file as a stream and keeps only each shared text's length.
func guard(data []byte) Problems {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Problems{{Message: "the file is not an Excel workbook (.xlsx): save it from Excel as an Excel Workbook"}}
	}
	var total uint64
	var shared *zip.File
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if strings.EqualFold(zf.Name, "xl/sharedStrings.xml") {
			shared = zf
		}
	}
	if total > unzipLimit {
		return Problems{{Message: fmt.Sprintf("the workbook unpacks to more than %d MB; a form needs far less", unzipLimit>>20)}}
	}
	var lengths []int
	if shared != nil {
		if lengths, err = sharedLengths(shared); err != nil {
			return Problems{{Message: "the workbook's texts could not be read: " + err.Error()}}
		}
	}
	if len(lengths) == 0 {
		return nil
	}
	var used int64
	for _, zf := range zr.File {
		name := strings.ToLower(zf.Name)
		if !strings.HasSuffix(name, ".xml") || zf == shared {
			continue
		}
		n, err := sharedUse(zf, lengths, maxSharedText-used)
		if err != nil {
			return Problems{{Message: "the workbook could not be read: " + err.Error()}}
		}
		if used += n; used > maxSharedText {
			return Problems{{Message: fmt.Sprintf("the workbook's cells hold more than %d MB of text, counting a text once for each cell it is in; a form needs far less, so the workbook was not read", maxSharedText>>20)}}
		}
	}
	return nil
}

// sharedLengths returns the length in bytes of each shared text.
func sharedLengths(zf *zip.File) ([]int, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var lengths []int
	in := false
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return lengths, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "si" {
				lengths = append(lengths, 0)
				in = true
			}
		case xml.EndElement:
			if t.Name.Local == "si" {
				in = false
			}
		case xml.CharData:
			if in {
				lengths[len(lengths)-1] += len(t)
			}
		}
	}
}

// sharedUse adds up the lengths of the shared texts that a part's cells
// refer to, stopping once the sum passes limit.
func sharedUse(zf *zip.File, lengths []int, limit int64) (int64, error) {
	rc, err := zf.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var used int64
	shared, inValue := false, false
	for used <= limit {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return used, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "c":
				shared = false
				for _, a := range t.Attr {
					if a.Name.Local == "t" && a.Value == "s" {
						shared = true
					}
				}
			case "v":
				inValue = shared
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inValue = false
			case "c":
				shared = false
			}
		case xml.CharData:
			if inValue {
				if i, err := strconv.Atoi(strings.TrimSpace(string(t))); err == nil && i >= 0 && i < len(lengths) {
					used += int64(lengths[i])
				}
			}
		}
	}
	return used, nil
}
