// Package sopkit calls libsopkit's C ABI (sopkit.h) through cgo.
//
// Errors carry sopkit's full message even under concurrency: a goroutine may
// move to another OS thread between two cgo calls, so the message of a failed
// call is copied out by a C shim in the same cgo call (see call_status below),
// never read by a second call to sopkit_last_error.
package sopkit

/*
#cgo pkg-config: sopkit
#include <stdlib.h>
#include <string.h>
#include <sopkit/sopkit.h>

// The message of the calling thread's last failure, copied into buf while
// still on the thread that failed; returns status unchanged.
static int call_status(int status, char* buf, size_t cap) {
  if (status != SOPKIT_OK && cap > 0) {
    strncpy(buf, sopkit_last_error(), cap - 1);
    buf[cap - 1] = '\0';
  }
  return status;
}

static int sop_load_json(sopkit_sop** out, const char* json, size_t len, char* buf, size_t cap) {
  return call_status(sopkit_sop_load_json(out, json, len), buf, cap);
}
static int sop_load_file(sopkit_sop** out, const char* path, char* buf, size_t cap) {
  return call_status(sopkit_sop_load_file(out, path), buf, cap);
}
static int sop_step_count(const sopkit_sop* sop, size_t* n, char* buf, size_t cap) {
  return call_status(sopkit_sop_step_count(sop, n), buf, cap);
}
// Analyses with default options and copies the JSON out before freeing.
static int sop_analyze_json(const sopkit_sop* sop, char** out_json, char* buf, size_t cap) {
  sopkit_analysis* a = NULL;
  const char* json = NULL;
  int rc = sopkit_sop_analyze(sop, NULL, &a);
  if (rc == SOPKIT_OK) rc = sopkit_analysis_to_json(a, &json);
  if (rc == SOPKIT_OK) {
    *out_json = strdup(json);
    if (*out_json == NULL) rc = SOPKIT_ENOMEM;
  }
  rc = call_status(rc, buf, cap);
  sopkit_analysis_free(a);
  return rc;
}
*/
import "C"

import (
	"encoding/json"
	"runtime"
	"unsafe"
)

// messageCap bounds a copied message; sopkit's messages are far shorter.
const messageCap = 4096

// Error is a failed sopkit call: its SOPKIT_E* status and sopkit's message.
type Error struct {
	Status  int
	Message string
}

func (e *Error) Error() string { return e.Message }

// Status codes (sopkit_status).
const (
	EINVAL      = int(C.SOPKIT_EINVAL)
	EPARSE      = int(C.SOPKIT_EPARSE)
	EFORMAT     = int(C.SOPKIT_EFORMAT)
	EIO         = int(C.SOPKIT_EIO)
	ENOTFOUND   = int(C.SOPKIT_ENOTFOUND)
	EVALIDATION = int(C.SOPKIT_EVALIDATION)
)

// call runs fn with a C buffer for the message and turns a failure into *Error.
func call(fn func(buf *C.char, capacity C.size_t) C.int) error {
	buf := (*C.char)(C.malloc(messageCap))
	defer C.free(unsafe.Pointer(buf))
	if rc := fn(buf, messageCap); rc != C.SOPKIT_OK {
		return &Error{Status: int(rc), Message: C.GoString(buf)}
	}
	return nil
}

// Version is the library's "MAJOR.MINOR.PATCH".
func Version() string { return C.GoString(C.sopkit_version()) }

// Sop is an SOP document in format v1, immutable: safe to share between goroutines.
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
	defer C.free(ctext)
	err := call(func(buf *C.char, capacity C.size_t) C.int {
		return C.sop_load_json(&ptr, (*C.char)(ctext), C.size_t(len(text)), buf, capacity)
	})
	if err != nil {
		return nil, err
	}
	return wrapSop(ptr), nil
}

// LoadSopFile loads a format v1 file.
func LoadSopFile(path string) (*Sop, error) {
	var ptr *C.sopkit_sop
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	err := call(func(buf *C.char, capacity C.size_t) C.int {
		return C.sop_load_file(&ptr, cpath, buf, capacity)
	})
	if err != nil {
		return nil, err
	}
	return wrapSop(ptr), nil
}

// Close releases the document; later calls on it fail with EINVAL. Idempotent.
func (s *Sop) Close() {
	if s.ptr != nil {
		C.sopkit_sop_free(s.ptr)
		s.ptr = nil
	}
	runtime.SetFinalizer(s, nil)
}

// StepCount is the number of steps.
func (s *Sop) StepCount() (int, error) {
	var n C.size_t
	err := call(func(buf *C.char, capacity C.size_t) C.int {
		return C.sop_step_count(s.ptr, &n, buf, capacity)
	})
	runtime.KeepAlive(s)
	return int(n), err
}

// Analyze returns the "sopkit.analysis/2" document (docs/analysis.md).
func (s *Sop) Analyze() (map[string]any, error) {
	var text *C.char
	err := call(func(buf *C.char, capacity C.size_t) C.int {
		return C.sop_analyze_json(s.ptr, &text, buf, capacity)
	})
	runtime.KeepAlive(s)
	if err != nil {
		return nil, err
	}
	defer C.free(unsafe.Pointer(text))
	var out map[string]any
	if err := json.Unmarshal([]byte(C.GoString(text)), &out); err != nil {
		return nil, err
	}
	return out, nil
}
