package sopkit

/*
#include <stdlib.h>
#include <sopkit/sopkit.h>
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// Sop is an SOP document in format v1 (docs/format.md), immutable.
type Sop struct{ ptr *C.sopkit_sop }

func wrapSop(ptr *C.sopkit_sop) *Sop {
	s := &Sop{ptr}
	runtime.SetFinalizer(s, (*Sop).Close)
	return s
}

// LoadSopJSON loads a format v1 document from JSON text.
func LoadSopJSON(text []byte) (*Sop, error) {
	var ptr *C.sopkit_sop
	ctext := C.CBytes(text)
	defer free(ctext)
	if err := call(func() C.int {
		return C.sopkit_sop_load_json(&ptr, (*C.char)(ctext), C.size_t(len(text)))
	}); err != nil {
		return nil, err
	}
	return wrapSop(ptr), nil
}

// LoadSopFile loads a format v1 file.
func LoadSopFile(path string) (*Sop, error) {
	var ptr *C.sopkit_sop
	cpath := C.CString(path)
	defer free(unsafe.Pointer(cpath))
	if err := call(func() C.int { return C.sopkit_sop_load_file(&ptr, cpath) }); err != nil {
		return nil, err
	}
	return wrapSop(ptr), nil
}

// handle is the C pointer: NULL for a nil or closed Sop, which sopkit
// refuses with EINVAL naming the argument.
func (s *Sop) handle() *C.sopkit_sop {
	if s == nil {
		return nil
	}
	return s.ptr
}

// Close releases the document; later calls on it fail with EINVAL. Idempotent.
func (s *Sop) Close() {
	if s == nil {
		return
	}
	if s.ptr != nil {
		C.sopkit_sop_free(s.ptr)
		s.ptr = nil
	}
	runtime.SetFinalizer(s, nil)
}

// StepCount is the number of steps.
func (s *Sop) StepCount() (int, error) {
	var n C.size_t
	err := call(func() C.int { return C.sopkit_sop_step_count(s.handle(), &n) }, s)
	return int(n), err
}

// JSON is the document as format v1 JSON text.
func (s *Sop) JSON() (string, error) {
	return borrowedText(func(out **C.char) C.int { return C.sopkit_sop_to_json(s.handle(), out) }, s)
}

// Validate returns the findings {severity, code, step, pointer, message} of
// every rule of docs/format.md; a faulty document is not an error.
func (s *Sop) Validate() ([]map[string]any, error) {
	var d *C.sopkit_diagnostics
	if err := call(func() C.int { return C.sopkit_sop_validate(s.handle(), &d) }, s); err != nil {
		return nil, err
	}
	defer C.sopkit_diagnostics_free(d)
	return decoded[[]map[string]any](borrowedText(func(o **C.char) C.int { return C.sopkit_diagnostics_to_json(d, o) }))
}

// Analysis is the result of Analyze: the headline figures and the whole
// "sopkit.analysis/2" document (docs/analysis.md).
type Analysis struct {
	TotalText    string  // "31 hari 3 jam 30 menit"
	TotalMinutes float64 // working minutes, upper end
	Document     map[string]any
}

// Analyze analyses the document with the default options.
func (s *Sop) Analyze() (*Analysis, error) {
	var a *C.sopkit_analysis
	if err := call(func() C.int { return C.sopkit_sop_analyze(s.handle(), nil, &a) }, s); err != nil {
		return nil, err
	}
	defer C.sopkit_analysis_free(a)
	var out Analysis
	var minutes C.double
	if err := call(func() C.int { return C.sopkit_analysis_total_minutes(a, nil, &minutes) }); err != nil {
		return nil, err
	}
	out.TotalMinutes = float64(minutes)
	var err error
	if out.TotalText, err = borrowedText(func(o **C.char) C.int { return C.sopkit_analysis_total_text(a, o) }); err != nil {
		return nil, err
	}
	if out.Document, err = decoded[map[string]any](borrowedText(func(o **C.char) C.int {
		return C.sopkit_analysis_to_json(a, o)
	})); err != nil {
		return nil, err
	}
	return &out, nil
}

// Schedule plans a run of the happy path from start on the calendar and
// returns when it is due and the plan as `sopkit schedule --json` gives it.
func (s *Sop) Schedule(cal *Calendar, start int64) (due int64, plan map[string]any, err error) {
	var p *C.sopkit_schedule
	if err := call(func() C.int {
		return C.sopkit_sop_schedule(s.handle(), cal.handle(), C.int64_t(start), &p)
	}, s, cal); err != nil {
		return 0, nil, err
	}
	defer C.sopkit_schedule_free(p)
	var cdue C.int64_t
	if err := call(func() C.int { return C.sopkit_schedule_due(p, &cdue) }); err != nil {
		return 0, nil, err
	}
	if plan, err = decoded[map[string]any](borrowedText(func(o **C.char) C.int {
		return C.sopkit_schedule_to_json(p, o)
	})); err != nil {
		return 0, nil, err
	}
	return int64(cdue), plan, nil
}
