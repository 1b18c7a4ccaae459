package form

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// DefinitionError is one problem in a form definition file.
type DefinitionError struct {
	File     string
	Question string // empty for problems of the form as a whole
	Message  string
	// Language is the language code a problem of the form's language or
	// of a translation is about; Where, the text it is about (a
	// Translation key, or "language", "name" or "dir"), when there is one.
	Language string
	Where    string
}

func (e DefinitionError) String() string {
	if e.Question == "" {
		return fmt.Sprintf("%s: %s", e.File, e.Message)
	}
	return fmt.Sprintf("%s: %s: %s", e.File, e.Question, e.Message)
}

// DefinitionErrors lists every problem found in a set of definition files.
type DefinitionErrors []DefinitionError

// Error prints one problem a line, as "file: question id: what is wrong".
func (es DefinitionErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.String()
	}
	return strings.Join(lines, "\n")
}

// IsDefinitionFile reports whether name is a form definition file by its extension.
func IsDefinitionFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// Parse reads one definition (YAML, or JSON which is YAML too) and checks it.
// loc is the time zone in which bare opening and closing dates are read.
func Parse(file string, data []byte, loc *time.Location) (*Form, DefinitionErrors) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f Form
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, DefinitionErrors{{File: file, Message: "the file is empty"}}
		}
		return nil, DefinitionErrors{{File: file, Message: yamlMessage(err)}}
	}
	if errs := f.Prepare(file, loc); len(errs) > 0 {
		return nil, errs
	}
	return &f, nil
}

// LoadFS reads every definition file at the top of fsys. It returns all the
// problems of all the files at once, sorted by file, so that a person can fix
// them in one go.
func LoadFS(fsys fs.FS, loc *time.Location) ([]*Form, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("reading form definitions: %w", err)
	}
	var (
		forms []*Form
		errs  DefinitionErrors
		seen  = map[string]string{}
	)
	for _, e := range entries {
		if e.IsDir() || !IsDefinitionFile(e.Name()) {
			continue
		}
		data, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			errs = append(errs, DefinitionError{File: e.Name(), Message: err.Error()})
			continue
		}
		f, ferrs := Parse(e.Name(), data, loc)
		if len(ferrs) > 0 {
			errs = append(errs, ferrs...)
			continue
		}
		if other, dup := seen[f.ID]; dup {
			errs = append(errs, DefinitionError{File: e.Name(), Message: fmt.Sprintf("form id %q is already used by %s", f.ID, other)})
			continue
		}
		seen[f.ID] = e.Name()
		forms = append(forms, f)
	}
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].File < errs[j].File })
		return nil, errs
	}
	if len(forms) == 0 {
		return nil, DefinitionErrors{{File: ".", Message: "no form definition files (.yaml, .yml or .json) found"}}
	}
	sort.Slice(forms, func(i, j int) bool { return forms[i].ID < forms[j].ID })
	return forms, nil
}

// yamlMessage turns the YAML decoder's messages into plainer ones.
func yamlMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	msg = strings.ReplaceAll(msg, "\n  ", "; ")
	msg = strings.ReplaceAll(msg, " in type form.Form", "")
	msg = strings.ReplaceAll(msg, " in type form.Section", " (in a section)")
	msg = strings.ReplaceAll(msg, " in type form.Question", " (in a question)")
	msg = strings.ReplaceAll(msg, " in type form.Option", " (in an option)")
	msg = strings.ReplaceAll(msg, " in type form.Condition", " (in showIf)")
	return msg
}
