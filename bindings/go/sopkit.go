// Package sopkit calls libsopkit's C ABI (sopkit.h) through cgo: SOPs as
// process graphs, working calendars, capaian kinerja, actual runs against the
// mutu baku and the record store.
//
// Errors carry sopkit's full message even under concurrency. sopkit keeps the
// message of a failure per OS thread (sopkit_last_error), and a goroutine may
// move to another OS thread between two cgo calls; call pins the goroutine to
// its thread (runtime.LockOSThread, as git2go does around git_error_last) from
// the failing call until the message is read, so it reads its own.
//
// Every handle (Sop, Calendar, IndicatorSet, Evaluation, Runs, Store) is
// released by Close (idempotent) or, at the latest, by its finalizer. Handles
// are immutable (the Store serialises its calls), so goroutines may share one;
// Close it once they are done.
package sopkit

/*
#cgo pkg-config: sopkit
#include <stdlib.h>
#include <sopkit/sopkit.h>
*/
import "C"

import (
	"encoding/json"
	"runtime"
	"strings"
	"unsafe"
)

// Error is a failed sopkit call: its SOPKIT_E* status and sopkit's message.
type Error struct {
	Status  int
	Message string
}

func (e *Error) Error() string { return e.Message }

// Status codes (sopkit_status).
const (
	EINVAL         = int(C.SOPKIT_EINVAL)
	EPARSE         = int(C.SOPKIT_EPARSE)
	EFORMAT        = int(C.SOPKIT_EFORMAT)
	EIO            = int(C.SOPKIT_EIO)
	EVALIDATION    = int(C.SOPKIT_EVALIDATION)
	ENOTFOUND      = int(C.SOPKIT_ENOTFOUND)
	ERANGE         = int(C.SOPKIT_ERANGE)
	ENOMEM         = int(C.SOPKIT_ENOMEM)
	EBUFFER        = int(C.SOPKIT_EBUFFER)
	ENOTCOMPUTABLE = int(C.SOPKIT_ENOTCOMPUTABLE)
	EINTERNAL      = int(C.SOPKIT_EINTERNAL)
	EUNSUPPORTED   = int(C.SOPKIT_EUNSUPPORTED)
)

// call runs one sopkit function (fn makes exactly one cgo call) and turns a
// failure into *Error. The goroutine stays on its OS thread from the call to
// the read of sopkit_last_error, the message of that thread's last failure.
// keep lists the handles fn uses: they stay reachable (no finalizer runs)
// until the call has returned.
func call(fn func() C.int, keep ...any) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	rc := fn()
	runtime.KeepAlive(keep)
	if rc != C.SOPKIT_OK {
		return &Error{Status: int(rc), Message: inGoWords(C.GoString(C.sopkit_last_error()))}
	}
	return nil
}

// inGoWords names the Go call where a message names the C one: a calendar's
// coverage error says how to load more years.
func inGoWords(message string) string {
	return strings.Replace(message, "sopkit_calendar_load_years(&cal, 2023, 2026)",
		"sopkit.LoadCalendarYears(2023, 2026)", 1)
}

// Version is the library's "MAJOR.MINOR.PATCH".
func Version() string { return C.GoString(C.sopkit_version()) }

// cString is a C copy of s (nil for "" when blankIsNull), to free with C.free.
func cString(s string, blankIsNull bool) *C.char {
	if s == "" && blankIsNull {
		return nil
	}
	return C.CString(s)
}

func free(p unsafe.Pointer) { C.free(p) }

// borrowedText is a text that a sopkit function lends from a handle
// (fn(handle, const char** out)), copied into Go memory.
func borrowedText(fn func(out **C.char) C.int, keep ...any) (string, error) {
	var text *C.char
	if err := call(func() C.int { return fn(&text) }, keep...); err != nil {
		return "", err
	}
	s := C.GoString(text)
	runtime.KeepAlive(keep)
	return s, nil
}

// ownedText is a text that a sopkit function gives to the caller
// (fn(..., char** out)), copied into Go memory and released.
func ownedText(fn func(out **C.char) C.int, keep ...any) (string, error) {
	var text *C.char
	if err := call(func() C.int { return fn(&text) }, keep...); err != nil {
		return "", err
	}
	defer C.sopkit_text_free(text)
	return C.GoString(text), nil
}

// decoded parses a JSON text that a sopkit call gave (or passes its error on).
func decoded[T any](text string, err error) (T, error) {
	var out T
	if err != nil {
		return out, err
	}
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		return out, err
	}
	return out, nil
}

// StatusText is sopkit's short text of a status ("parse error").
func StatusText(status int) string { return C.GoString(C.sopkit_status_str(C.int(status))) }
