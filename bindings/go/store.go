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

// Store flags (sopkit_store_flag).
const (
	StoreReadOnly = uint(C.SOPKIT_STORE_READ_ONLY) // no writes; the file must exist
	StoreNoCreate = uint(C.SOPKIT_STORE_NO_CREATE) // fail when the file does not exist
)

// Store is the SQLite record store (docs/store.md): SOP revisions, indicator
// values with their audit trail, runs and reports. Every write is one
// transaction; calls on one Store are serialised, so goroutines may share it.
type Store struct{ ptr *C.sopkit_store }

// OpenStore opens (or creates) a store file, migrating an older schema.
func OpenStore(path string, flags uint) (*Store, error) {
	cpath := C.CString(path)
	defer free(unsafe.Pointer(cpath))
	var ptr *C.sopkit_store
	if err := call(func() C.int { return C.sopkit_store_open(&ptr, cpath, C.unsigned(flags)) }); err != nil {
		return nil, err
	}
	s := &Store{ptr}
	runtime.SetFinalizer(s, (*Store).Close)
	return s, nil
}

// handle is the C pointer: NULL for a nil or closed Store, which sopkit
// refuses with EINVAL naming the argument.
func (s *Store) handle() *C.sopkit_store {
	if s == nil {
		return nil
	}
	return s.ptr
}

// Close closes the store. Idempotent.
func (s *Store) Close() {
	if s == nil {
		return
	}
	if s.ptr != nil {
		C.sopkit_store_close(s.ptr)
		s.ptr = nil
	}
	runtime.SetFinalizer(s, nil)
}

// texts are C copies of strings for one call ("" as NULL where the C
// function reads NULL as "none"), freed together.
type texts struct{ m cMemory }

func (t *texts) of(s string) *C.char { return t.m.text(s) }

func (t *texts) orNull(s string) *C.char {
	if s == "" {
		return nil
	}
	return t.m.text(s)
}

// jsonList decodes a caller's JSON array text that fn gives.
func (s *Store) jsonList(fn func(out **C.char) C.int) ([]map[string]any, error) {
	return decoded[[]map[string]any](ownedText(fn, s))
}

// PutRevision records sop as the next revision of its SOP number. date
// ("YYYY-MM-DD") and note may be "" (date: the document's own). Returns the
// revision number.
func (s *Store) PutRevision(sop *Sop, author, date, note string) (int, error) {
	var t texts
	defer t.m.freeAll()
	var rev C.int
	err := call(func() C.int {
		return C.sopkit_store_put_revision(s.handle(), sop.handle(), t.of(author), t.orNull(date), t.orNull(note), &rev)
	}, s, sop)
	return int(rev), err
}

// Revisions lists the revisions of one SOP ("": every SOP).
func (s *Store) Revisions(sopNumber string) ([]map[string]any, error) {
	var t texts
	defer t.m.freeAll()
	return s.jsonList(func(o **C.char) C.int { return C.sopkit_store_revisions_json(s.handle(), t.orNull(sopNumber), o) })
}

// Revision loads a stored revision (0 = the latest) as a new Sop.
func (s *Store) Revision(sopNumber string, revision int) (*Sop, error) {
	var t texts
	defer t.m.freeAll()
	var ptr *C.sopkit_sop
	if err := call(func() C.int {
		return C.sopkit_store_get_revision(s.handle(), t.of(sopNumber), C.int(revision), &ptr)
	}, s); err != nil {
		return nil, err
	}
	return wrapSop(ptr), nil
}

// Diff is the structural diff "sopkit.sopdiff/1" from revision from to to (0 = the latest).
func (s *Store) Diff(sopNumber string, from, to int) (map[string]any, error) {
	var t texts
	defer t.m.freeAll()
	return decoded[map[string]any](ownedText(func(o **C.char) C.int {
		return C.sopkit_store_diff_json(s.handle(), t.of(sopNumber), C.int(from), C.int(to), o)
	}, s))
}

// ImportIndicators records every indicator and value of set, with an audit
// row per changed value; returns how many values changed.
func (s *Store) ImportIndicators(set *IndicatorSet, author, reason string) (int, error) {
	var t texts
	defer t.m.freeAll()
	var changed C.size_t
	err := call(func() C.int {
		return C.sopkit_store_import_indicators(s.handle(), set.handle(), t.of(author), t.orNull(reason), &changed)
	}, s, set)
	return int(changed), err
}

// SetValue sets one field ("target", "realisation", ...) of an (indicator,
// period) row, NaN meaning blank, with an audit row; reports whether it changed.
func (s *Store) SetValue(indicator, period, field string, value float64, author, reason string) (bool, error) {
	var t texts
	defer t.m.freeAll()
	var changed C.int
	err := call(func() C.int {
		return C.sopkit_store_set_value(s.handle(), t.of(indicator), t.of(period), t.of(field), C.double(value),
			t.of(author), t.orNull(reason), &changed)
	}, s)
	return changed != 0, err
}

// Indicators is every stored indicator with its latest values.
func (s *Store) Indicators() (*IndicatorSet, error) {
	return loadIndicators(func(out **C.sopkit_indicators) C.int { return C.sopkit_store_indicators(s.handle(), out) }, s)
}

// Audit is the audit trail of one indicator ("": all), oldest first.
func (s *Store) Audit(indicator string) ([]map[string]any, error) {
	var t texts
	defer t.m.freeAll()
	return s.jsonList(func(o **C.char) C.int { return C.sopkit_store_audit_json(s.handle(), t.orNull(indicator), o) })
}

// PutRun records a run document (JSON object) of sopNumber at revision (0 =
// the latest); caseID, startedAt and finishedAt may be "". Returns its id.
func (s *Store) PutRun(sopNumber string, revision int, caseID, startedAt, finishedAt string, document []byte) (int64, error) {
	var t texts
	defer t.m.freeAll()
	doc := t.m.copy(document)
	var id C.int64_t
	err := call(func() C.int {
		return C.sopkit_store_put_run(s.handle(), t.of(sopNumber), C.int(revision), t.orNull(caseID), t.orNull(startedAt),
			t.orNull(finishedAt), (*C.char)(doc), C.size_t(len(document)), &id)
	}, s)
	return int64(id), err
}

// Runs lists the recorded runs of one SOP ("": all).
func (s *Store) Runs(sopNumber string) ([]map[string]any, error) {
	var t texts
	defer t.m.freeAll()
	return s.jsonList(func(o **C.char) C.int { return C.sopkit_store_runs_json(s.handle(), t.orNull(sopNumber), o) })
}

// PutReport records a generated report (any bytes) of a kind and file name,
// from the SOP revision it came from (sopNumber "": none). Returns its id.
func (s *Store) PutReport(kind, name, sopNumber string, revision int, content []byte) (int64, error) {
	var t texts
	defer t.m.freeAll()
	data := t.m.copy(content)
	var id C.int64_t
	err := call(func() C.int {
		return C.sopkit_store_put_report(s.handle(), t.of(kind), t.of(name), t.orNull(sopNumber), C.int(revision), data,
			C.size_t(len(content)), &id)
	}, s)
	return int64(id), err
}
