package formbook

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"chorus/internal/form"
)

// Decode reads any uploaded definition by its file name: an .xlsx
// workbook through Read, a .yaml, .yml or .json file through form.Parse
// (whose problems name their question and no sheet). Another kind of file
// gets one problem saying what Chorus reads.
func Decode(file string, data []byte, loc *time.Location) (*form.Form, Problems) {
	if len(data) > MaxBytes {
		return nil, Problems{tooBig(len(data))}
	}
	switch ext := strings.ToLower(path.Ext(file)); ext {
	case ".xlsx":
		return Read(file, data, loc)
	case ".yaml", ".yml", ".json":
		f, errs := form.Parse(file, data, loc)
		if len(errs) > 0 {
			ps := make(Problems, len(errs))
			for i, e := range errs {
				ps[i] = Problem{Question: e.Question, Message: e.Message}
			}
			return nil, ps
		}
		return f, nil
	case ".xls", ".xlsm", ".xlsb", ".ods", ".numbers":
		return nil, Problems{{Message: fmt.Sprintf("Chorus reads workbooks saved as Excel Workbook (.xlsx), not %s: open the file and save it as .xlsx", ext)}}
	case ".csv":
		return nil, Problems{{Message: "a form is a workbook of three sheets (survey, choices and settings), which a .csv file cannot hold: save the workbook as Excel Workbook (.xlsx)"}}
	default:
		return nil, Problems{{Message: fmt.Sprintf("Chorus reads a form from an Excel workbook (.xlsx), or a .yaml, .yml or .json file; %q is none of these", path.Base(file))}}
	}
}

// IsDefinitionFile reports whether LoadFS reads a file, by its name: a
// .yaml, .yml, .json or .xlsx file (but not the lock file ~$name.xlsx
// that Excel keeps beside a workbook it has open).
func IsDefinitionFile(name string) bool {
	if strings.HasPrefix(path.Base(name), "~$") {
		return false
	}
	return form.IsDefinitionFile(name) || strings.EqualFold(path.Ext(name), ".xlsx")
}

// LoadFS reads every definition file at the top of fsys, workbooks as
// well as YAML and JSON, as form.LoadFS does: it returns all the problems
// of all the files at once, as form.DefinitionErrors sorted by file, a
// workbook's each as "file.xlsx: survey row 14, column relevant: ...".
func LoadFS(fsys fs.FS, loc *time.Location) ([]*form.Form, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("reading form definitions: %w", err)
	}
	var (
		forms []*form.Form
		errs  form.DefinitionErrors
		seen  = map[string]string{}
	)
	for _, e := range entries {
		if e.IsDir() || !IsDefinitionFile(e.Name()) {
			continue
		}
		data, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			errs = append(errs, form.DefinitionError{File: e.Name(), Message: err.Error()})
			continue
		}
		var f *form.Form
		if strings.EqualFold(path.Ext(e.Name()), ".xlsx") {
			var ps Problems
			if f, ps = Read(e.Name(), data, loc); len(ps) > 0 {
				for _, p := range ps {
					errs = append(errs, form.DefinitionError{File: e.Name(), Message: p.String()})
				}
				continue
			}
		} else {
			var ferrs form.DefinitionErrors
			if f, ferrs = form.Parse(e.Name(), data, loc); len(ferrs) > 0 {
				errs = append(errs, ferrs...)
				continue
			}
		}
		if other, dup := seen[f.ID]; dup {
			errs = append(errs, form.DefinitionError{File: e.Name(), Message: fmt.Sprintf("form id %q is already used by %s", f.ID, other)})
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
		return nil, form.DefinitionErrors{{File: ".", Message: "no form definition files (.xlsx, .yaml, .yml or .json) found"}}
	}
	sort.Slice(forms, func(i, j int) bool { return forms[i].ID < forms[j].ID })
	return forms, nil
}
