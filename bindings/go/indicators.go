package sopkit

/*
#include <stdlib.h>
#include <string.h>
#include <sopkit/sopkit.h>
*/
import "C"

import (
	"fmt"
	"runtime"
	"unsafe"
)

// Polarity and accumulation codes (sopkit_polarity, sopkit_accumulation).
const (
	PolarityPositive  = uint8(C.SOPKIT_POLARITY_POSITIVE)
	PolarityNegative  = uint8(C.SOPKIT_POLARITY_NEGATIVE)
	PolarityRange     = uint8(C.SOPKIT_POLARITY_RANGE)
	AccumulateSum     = uint8(C.SOPKIT_ACCUMULATE_SUM)
	AccumulateLast    = uint8(C.SOPKIT_ACCUMULATE_LAST)
	AccumulateAverage = uint8(C.SOPKIT_ACCUMULATE_AVERAGE)
)

// EvaluateCells sets achievement[i] (percent, raw; NaN when not computable)
// and band[i] (1..5; 0 when not computable) of each cell (target[i],
// realisation[i], polarity[i]) in one call, reading and writing the slices in
// place. achievement or band may be nil.
func EvaluateCells(target, realisation []float64, polarity []uint8, achievement []float64, band []uint8) error {
	n := len(target)
	if err := sameLength(n, withOptional([]int{len(realisation), len(polarity)}, len(achievement), len(band))...); err != nil {
		return err
	}
	return call(func() C.int {
		return C.sopkit_evaluate_cells(float64s(target), float64s(realisation), uint8s(polarity), C.size_t(n),
			float64s(achievement), uint8s(band))
	})
}

func float64s(s []float64) *C.double {
	if len(s) == 0 {
		return nil
	}
	return (*C.double)(unsafe.Pointer(&s[0]))
}

func uint8s(s []uint8) *C.uint8_t {
	if len(s) == 0 {
		return nil
	}
	return (*C.uint8_t)(unsafe.Pointer(&s[0]))
}

// IndicatorSet is a set of indicators with targets and realisations per
// period and the tree of units that own them (docs/indicators.md), immutable.
type IndicatorSet struct{ ptr *C.sopkit_indicators }

func loadIndicators(fn func(out **C.sopkit_indicators) C.int, keep ...any) (*IndicatorSet, error) {
	var ptr *C.sopkit_indicators
	if err := call(func() C.int { return fn(&ptr) }, keep...); err != nil {
		return nil, err
	}
	return wrapIndicators(ptr), nil
}

func wrapIndicators(ptr *C.sopkit_indicators) *IndicatorSet {
	s := &IndicatorSet{ptr}
	runtime.SetFinalizer(s, (*IndicatorSet).Close)
	return s
}

// LoadIndicatorsFile loads the CSV (.csv) or JSON (.json) of docs/indicators.md.
func LoadIndicatorsFile(path string) (*IndicatorSet, error) {
	cpath := C.CString(path)
	defer free(unsafe.Pointer(cpath))
	return loadIndicators(func(out **C.sopkit_indicators) C.int { return C.sopkit_indicators_load_file(out, cpath) })
}

// DecimalMark says how an indicator CSV writes its numbers
// (docs/indicators.md, "Numbers").
type DecimalMark int

const (
	// DecimalDetect: a file separated by ';' writes 1.234,5, others 1234.5;
	// "1.200" in a ';' file, which reads two ways, is refused naming both.
	DecimalDetect DecimalMark = C.SOPKIT_DECIMAL_DETECT
	DecimalDot    DecimalMark = C.SOPKIT_DECIMAL_DOT   // 1234.5
	DecimalComma  DecimalMark = C.SOPKIT_DECIMAL_COMMA // 1.234,5
)

// LoadOptions are the options of LoadIndicatorsFileWith; the zero value is
// the default.
type LoadOptions struct {
	DecimalMark DecimalMark
	// Threads: 0 or 1, the calling thread only; 2 or more, a CSV file of 4 MB
	// or more is read by two threads (the same set, and the same error).
	Threads int
}

// LoadIndicatorsFileWith loads the CSV or JSON of docs/indicators.md as
// LoadIndicatorsFile does, with options (a .json file ignores them).
func LoadIndicatorsFileWith(path string, opts LoadOptions) (*IndicatorSet, error) {
	if opts.Threads < 0 {
		return nil, fmt.Errorf("sopkit: LoadOptions.Threads is %d; give 0 or more", opts.Threads)
	}
	var m cMemory
	defer m.freeAll()
	o := (*C.sopkit_indicators_load_options)(m.alloc(int(unsafe.Sizeof(C.sopkit_indicators_load_options{}))))
	if err := call(func() C.int { return C.sopkit_indicators_load_options_init(o) }); err != nil {
		return nil, err
	}
	o.decimal_mark = C.int(opts.DecimalMark)
	o.threads = C.uint(opts.Threads)
	cpath := m.text(path)
	return loadIndicators(func(out **C.sopkit_indicators) C.int {
		return C.sopkit_indicators_load_file_with_options(out, cpath, o)
	})
}

// LoadIndicatorsCSV loads indicator CSV text.
func LoadIndicatorsCSV(text []byte) (*IndicatorSet, error) {
	ctext := C.CBytes(text)
	defer free(ctext)
	return loadIndicators(func(out **C.sopkit_indicators) C.int {
		return C.sopkit_indicators_load_csv(out, (*C.char)(ctext), C.size_t(len(text)))
	})
}

// LoadIndicatorsJSON loads the JSON form of an indicator set.
func LoadIndicatorsJSON(text []byte) (*IndicatorSet, error) {
	ctext := C.CBytes(text)
	defer free(ctext)
	return loadIndicators(func(out **C.sopkit_indicators) C.int {
		return C.sopkit_indicators_load_json(out, (*C.char)(ctext), C.size_t(len(text)))
	})
}

// IndicatorRows are the columns of a set built in memory, one (indicator,
// period) row per index, by the CSV's rules: an indicator's definition comes
// from its first row. Name, Satuan, Accumulation and Weight may be nil
// (code, "", last, 1); numbers NaN mean blank.
type IndicatorRows struct {
	Unit, Code, Name, Satuan, Period []string
	Polarity, Accumulation           []uint8
	Weight, Target, Realisation      []float64
}

// cMemory holds C allocations made for one call and frees them together:
// cgo forbids handing C memory that holds Go pointers, so every array of a
// struct given to C lives in C memory.
type cMemory []unsafe.Pointer

func (m *cMemory) alloc(size int) unsafe.Pointer {
	p := C.calloc(1, C.size_t(size))
	*m = append(*m, p)
	return p
}

func (m *cMemory) freeAll() {
	for _, p := range *m {
		C.free(p)
	}
}

// texts is a C array of C strings (nil for an absent column).
func (m *cMemory) texts(values []string) **C.char {
	if len(values) == 0 {
		return nil
	}
	array := unsafe.Slice((**C.char)(m.alloc(len(values)*int(unsafe.Sizeof((*C.char)(nil))))), len(values))
	for i, v := range values {
		array[i] = m.text(v)
	}
	return &array[0]
}

// text is a C copy of s freed with the rest.
func (m *cMemory) text(s string) *C.char {
	p := C.CString(s)
	*m = append(*m, unsafe.Pointer(p))
	return p
}

// copy is a C copy of b (never NULL, also when b is empty).
func (m *cMemory) copy(b []byte) unsafe.Pointer {
	p := C.CBytes(b)
	*m = append(*m, p)
	return p
}

// bytes copies a Go slice into C memory (nil for an absent column).
func (m *cMemory) bytes(p unsafe.Pointer, n int) unsafe.Pointer {
	if n == 0 {
		return nil
	}
	out := m.alloc(n + 1)
	C.memcpy(out, p, C.size_t(n))
	return out
}

func (m *cMemory) doubles(s []float64) *C.double {
	return (*C.double)(m.bytes(unsafe.Pointer(float64s(s)), len(s)*8))
}

func (m *cMemory) codes(s []uint8) *C.uint8_t {
	return (*C.uint8_t)(m.bytes(unsafe.Pointer(uint8s(s)), len(s)))
}

// withOptional is the required lengths plus those of the optional slices
// given (a nil or empty optional slice is absent).
func withOptional(required []int, optional ...int) []int {
	for _, l := range optional {
		if l != 0 {
			required = append(required, l)
		}
	}
	return required
}

// NewIndicatorSet builds a set from columns of equal length. The message of
// a refusal names the row from 0 and the field.
func NewIndicatorSet(rows IndicatorRows) (*IndicatorSet, error) {
	n := len(rows.Code)
	required := []int{len(rows.Unit), len(rows.Period), len(rows.Polarity), len(rows.Target), len(rows.Realisation)}
	if err := sameLength(n, withOptional(required, len(rows.Name), len(rows.Satuan), len(rows.Accumulation),
		len(rows.Weight))...); err != nil {
		return nil, err
	}
	var m cMemory
	defer m.freeAll()
	r := (*C.sopkit_indicator_rows)(m.alloc(int(unsafe.Sizeof(C.sopkit_indicator_rows{}))))
	r.n = C.size_t(n)
	r.unit, r.code, r.period = m.texts(rows.Unit), m.texts(rows.Code), m.texts(rows.Period)
	r.name, r.satuan = m.texts(rows.Name), m.texts(rows.Satuan)
	r.polarity, r.accumulation = m.codes(rows.Polarity), m.codes(rows.Accumulation)
	r.weight, r.target, r.realisation = m.doubles(rows.Weight), m.doubles(rows.Target), m.doubles(rows.Realisation)
	return loadIndicators(func(out **C.sopkit_indicators) C.int { return C.sopkit_indicators_new(out, r) })
}

// handle is the C pointer: NULL for a nil or closed IndicatorSet, which sopkit
// refuses with EINVAL naming the argument.
func (s *IndicatorSet) handle() *C.sopkit_indicators {
	if s == nil {
		return nil
	}
	return s.ptr
}

// Close releases the set. Idempotent.
func (s *IndicatorSet) Close() {
	if s == nil {
		return
	}
	if s.ptr != nil {
		C.sopkit_indicators_free(s.ptr)
		s.ptr = nil
	}
	runtime.SetFinalizer(s, nil)
}

// Counts is the number of indicators, units and (indicator, period) rows.
func (s *IndicatorSet) Counts() (indicators, units, rows int, err error) {
	var i, u, r C.size_t
	err = call(func() C.int { return C.sopkit_indicators_counts(s.handle(), &i, &u, &r) }, s)
	return int(i), int(u), int(r), err
}

// EvaluateOptions are the options of Evaluate; the zero value is the default.
type EvaluateOptions struct {
	Period            string // only this period ("2024-Q2"); "": every period
	Scale             string // rating scale id; "": "permendagri-86-2017"
	CapPercent        int    // 0 (no cap), 100, 110 or 120
	NegativeRatio     bool   // T/R x 100 for lower-is-better (default (2T-R)/T)
	ZeroOverZeroIs100 bool   // T = 0 and R = 0 count as 100 %
	// Threads: 0 or 1, the calling thread only; 2 or more, a set of 8 192
	// rows or more has its results computed by two threads, and its JSON and
	// CSV texts written by two threads (the same results and texts).
	Threads int
}

// Evaluate computes every (indicator, period) row: achievement by polarity,
// predicate, unit roll-ups and early warnings (docs/indicators.md).
func (s *IndicatorSet) Evaluate(opts EvaluateOptions) (*Evaluation, error) {
	if opts.Threads < 0 {
		return nil, fmt.Errorf("sopkit: EvaluateOptions.Threads is %d; give 0 or more", opts.Threads)
	}
	var m cMemory
	defer m.freeAll()
	o := (*C.sopkit_evaluate_options)(m.alloc(int(unsafe.Sizeof(C.sopkit_evaluate_options{}))))
	if err := call(func() C.int { return C.sopkit_evaluate_options_init(o) }); err != nil {
		return nil, err
	}
	if opts.Period != "" {
		o.period = m.text(opts.Period)
	}
	if opts.Scale != "" {
		o.scale = m.text(opts.Scale)
	}
	o.cap_percent = C.int(opts.CapPercent)
	o.negative_ratio = cBool(opts.NegativeRatio)
	o.zero_over_zero_is_100 = cBool(opts.ZeroOverZeroIs100)
	o.threads = C.uint(opts.Threads)
	var ev *C.sopkit_evaluation
	if err := call(func() C.int { return C.sopkit_indicators_evaluate(s.handle(), o, &ev) }, s); err != nil {
		return nil, err
	}
	e := &Evaluation{ev}
	runtime.SetFinalizer(e, (*Evaluation).Close)
	return e, nil
}

func cBool(b bool) C.int {
	if b {
		return 1
	}
	return 0
}

// Evaluation is the result of IndicatorSet.Evaluate, immutable.
type Evaluation struct{ ptr *C.sopkit_evaluation }

// EvaluationRow is one (indicator, period) result. Numbers are NaN when blank
// or not computable; Reason says why ("target_zero", ...), "" when computed.
type EvaluationRow struct {
	Indicator, Unit, Period string
	Target, Realisation     float64
	Achievement, Score      float64
	Band                    int
	Predicate, Reason       string
}

// handle is the C pointer: NULL for a nil or closed Evaluation, which sopkit
// refuses with EINVAL naming the argument.
func (e *Evaluation) handle() *C.sopkit_evaluation {
	if e == nil {
		return nil
	}
	return e.ptr
}

// Close releases the evaluation. Idempotent.
func (e *Evaluation) Close() {
	if e == nil {
		return
	}
	if e.ptr != nil {
		C.sopkit_evaluation_free(e.ptr)
		e.ptr = nil
	}
	runtime.SetFinalizer(e, nil)
}

// Count is the number of result rows.
func (e *Evaluation) Count() (int, error) {
	var n C.size_t
	err := call(func() C.int { return C.sopkit_evaluation_count(e.handle(), &n) }, e)
	return int(n), err
}

// Rows are the result rows in order.
func (e *Evaluation) Rows() ([]EvaluationRow, error) {
	n, err := e.Count()
	if err != nil {
		return nil, err
	}
	rows := make([]EvaluationRow, n)
	var r C.sopkit_evaluation_row
	for i := range rows {
		if err := call(func() C.int { return C.sopkit_evaluation_row_get(e.handle(), C.size_t(i), &r) }, e); err != nil {
			return nil, err
		}
		rows[i] = EvaluationRow{
			Indicator: C.GoString(r.indicator), Unit: C.GoString(r.unit), Period: C.GoString(r.period),
			Target: float64(r.target), Realisation: float64(r.realisation),
			Achievement: float64(r.achievement), Score: float64(r.score), Band: int(r.band),
			Predicate: C.GoString(r.predicate), Reason: C.GoString(r.reason),
		}
	}
	runtime.KeepAlive(e)
	return rows, nil
}

// Notes say why some computed rows carry no band: one note per period older
// than the rating scale's first version.
func (e *Evaluation) Notes() ([]string, error) {
	var n C.size_t
	if err := call(func() C.int { return C.sopkit_evaluation_note_count(e.handle(), &n) }, e); err != nil {
		return nil, err
	}
	notes := make([]string, n)
	for i := range notes {
		var err error
		if notes[i], err = borrowedText(func(o **C.char) C.int {
			return C.sopkit_evaluation_note(e.handle(), C.size_t(i), o)
		}, e); err != nil {
			return nil, err
		}
	}
	return notes, nil
}

// JSON is the whole evaluation (indicators, unit roll-ups, early warnings).
func (e *Evaluation) JSON() (map[string]any, error) {
	return decoded[map[string]any](borrowedText(func(o **C.char) C.int { return C.sopkit_evaluation_to_json(e.handle(), o) }, e))
}

// CSV is the capaian CSV.
func (e *Evaluation) CSV() (string, error) {
	return borrowedText(func(o **C.char) C.int { return C.sopkit_evaluation_to_csv(e.handle(), o) }, e)
}
