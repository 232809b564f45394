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

// Runs are the actual runs of one SOP (docs/monitoring.md), immutable.
type Runs struct{ ptr *C.sopkit_runs }

func loadRuns(fn func(out **C.sopkit_runs) C.int, sop *Sop) (*Runs, error) {
	var ptr *C.sopkit_runs
	if err := call(func() C.int { return fn(&ptr) }, sop); err != nil {
		return nil, err
	}
	r := &Runs{ptr}
	runtime.SetFinalizer(r, (*Runs).Close)
	return r, nil
}

// LoadRunsFile loads an event log of sop: CSV `case,step,start,end[,actor,branch]`,
// or the JSON form "sopkit.runs/1" for a name ending ".json".
func LoadRunsFile(sop *Sop, path string) (*Runs, error) {
	cpath := C.CString(path)
	defer free(unsafe.Pointer(cpath))
	return loadRuns(func(out **C.sopkit_runs) C.int { return C.sopkit_runs_load_file(out, sop.handle(), cpath) }, sop)
}

// LoadRunsCSV loads an event log of sop from CSV text.
func LoadRunsCSV(sop *Sop, text []byte) (*Runs, error) {
	ctext := C.CBytes(text)
	defer free(ctext)
	return loadRuns(func(out **C.sopkit_runs) C.int {
		return C.sopkit_runs_load_csv(out, sop.handle(), (*C.char)(ctext), C.size_t(len(text)))
	}, sop)
}

// LoadRunsJSON loads a "sopkit.runs/1" document of sop.
func LoadRunsJSON(sop *Sop, text []byte) (*Runs, error) {
	ctext := C.CBytes(text)
	defer free(ctext)
	return loadRuns(func(out **C.sopkit_runs) C.int {
		return C.sopkit_runs_load_json(out, sop.handle(), (*C.char)(ctext), C.size_t(len(text)))
	}, sop)
}

// handle is the C pointer: NULL for a nil or closed Runs, which sopkit
// refuses with EINVAL naming the argument.
func (r *Runs) handle() *C.sopkit_runs {
	if r == nil {
		return nil
	}
	return r.ptr
}

// Close releases the runs. Idempotent.
func (r *Runs) Close() {
	if r == nil {
		return
	}
	if r.ptr != nil {
		C.sopkit_runs_free(r.ptr)
		r.ptr = nil
	}
	runtime.SetFinalizer(r, nil)
}

// Counts is the number of runs (cases) and of step executions.
func (r *Runs) Counts() (runs, events int, err error) {
	var nr, ne C.size_t
	err = call(func() C.int { return C.sopkit_runs_counts(r.handle(), &nr, &ne) }, r)
	return int(nr), int(ne), err
}

// JSON is the log as a "sopkit.runs/1" document.
func (r *Runs) JSON() (map[string]any, error) {
	return decoded[map[string]any](borrowedText(func(o **C.char) C.int { return C.sopkit_runs_to_json(r.handle(), o) }, r))
}

// Compare measures every run against the mutu baku on the calendar and
// returns the "sopkit.runs-comparison/1" document (as `sopkit runs --json`).
func (r *Runs) Compare(cal *Calendar) (map[string]any, error) {
	var c *C.sopkit_runs_comparison
	if err := call(func() C.int { return C.sopkit_runs_compare(r.handle(), cal.handle(), &c) }, r, cal); err != nil {
		return nil, err
	}
	defer C.sopkit_runs_comparison_free(c)
	return decoded[map[string]any](borrowedText(func(o **C.char) C.int { return C.sopkit_runs_comparison_to_json(c, o) }))
}
