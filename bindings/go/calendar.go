package sopkit

/*
#include <stdlib.h>
#include <sopkit/sopkit.h>
*/
import "C"

import (
	"fmt"
	"runtime"
	"unsafe"
)

// Instants are local civil time with minute precision: minutes since
// 1970-01-01T00:00, as sopkit_instant_parse reads "2024-04-05T08:00".

// ParseInstant reads "YYYY-MM-DDTHH:MM" (or a date alone, 00:00).
func ParseInstant(text string) (int64, error) {
	ctext := C.CString(text)
	defer free(unsafe.Pointer(ctext))
	var out C.int64_t
	err := call(func() C.int { return C.sopkit_instant_parse(ctext, &out) })
	return int64(out), err
}

// FormatInstant writes an instant as "YYYY-MM-DDTHH:MM".
func FormatInstant(t int64) (string, error) {
	var buf [32]C.char
	if err := call(func() C.int {
		return C.sopkit_instant_format(C.int64_t(t), &buf[0], C.size_t(len(buf)), nil)
	}); err != nil {
		return "", err
	}
	return C.GoString(&buf[0]), nil
}

// Calendar is a working calendar (docs/calendar.md), immutable.
type Calendar struct{ ptr *C.sopkit_calendar }

// loadCalendar makes a calendar with a constructor fn(**out).
func loadCalendar(fn func(out **C.sopkit_calendar) C.int) (*Calendar, error) {
	var ptr *C.sopkit_calendar
	if err := call(func() C.int { return fn(&ptr) }); err != nil {
		return nil, err
	}
	c := &Calendar{ptr}
	runtime.SetFinalizer(c, (*Calendar).Close)
	return c, nil
}

// LoadCalendar loads a shipped Indonesian calendar by id ("id-2024").
func LoadCalendar(id string) (*Calendar, error) {
	cid := C.CString(id)
	defer free(unsafe.Pointer(cid))
	return loadCalendar(func(out **C.sopkit_calendar) C.int { return C.sopkit_calendar_load_id(out, cid) })
}

// LoadCalendarYears merges the shipped calendars of first..last.
func LoadCalendarYears(first, last int) (*Calendar, error) {
	return loadCalendar(func(out **C.sopkit_calendar) C.int {
		return C.sopkit_calendar_load_years(out, C.int(first), C.int(last))
	})
}

// NewASNCalendar is the 5-day ASN week with no holidays, first..last.
func NewASNCalendar(first, last int) (*Calendar, error) {
	return loadCalendar(func(out **C.sopkit_calendar) C.int {
		return C.sopkit_calendar_new_asn(out, C.int(first), C.int(last))
	})
}

// LoadCalendarJSON reads a "sopkit.calendar/1" document.
func LoadCalendarJSON(text []byte) (*Calendar, error) {
	ctext := C.CBytes(text)
	defer free(ctext)
	return loadCalendar(func(out **C.sopkit_calendar) C.int {
		return C.sopkit_calendar_load_json(out, (*C.char)(ctext), C.size_t(len(text)))
	})
}

// handle is the C pointer: NULL for a nil or closed Calendar, which sopkit
// refuses with EINVAL naming the argument.
func (c *Calendar) handle() *C.sopkit_calendar {
	if c == nil {
		return nil
	}
	return c.ptr
}

// Close releases the calendar. Idempotent.
func (c *Calendar) Close() {
	if c == nil {
		return
	}
	if c.ptr != nil {
		C.sopkit_calendar_free(c.ptr)
		c.ptr = nil
	}
	runtime.SetFinalizer(c, nil)
}

// instantOp runs a single-instant operation fn(cal, &out).
func (c *Calendar) instantOp(fn func(out *C.int64_t) C.int) (int64, error) {
	var out C.int64_t
	err := call(func() C.int { return fn(&out) }, c)
	return int64(out), err
}

// IsWorkingTime tells whether t is inside office hours on a working day.
func (c *Calendar) IsWorkingTime(t int64) (bool, error) {
	var out C.int
	err := call(func() C.int { return C.sopkit_calendar_is_working_time(c.handle(), C.int64_t(t), &out) }, c)
	return out != 0, err
}

// NextWorking is the first working instant at or after t.
func (c *Calendar) NextWorking(t int64) (int64, error) {
	return c.instantOp(func(out *C.int64_t) C.int { return C.sopkit_calendar_next_working(c.handle(), C.int64_t(t), out) })
}

// AddMinutes is t plus minutes of office time.
func (c *Calendar) AddMinutes(t, minutes int64) (int64, error) {
	return c.instantOp(func(out *C.int64_t) C.int {
		return C.sopkit_calendar_add_minutes(c.handle(), C.int64_t(t), C.int64_t(minutes), out)
	})
}

// AddDays is t plus days working days (clock time kept).
func (c *Calendar) AddDays(t, days int64) (int64, error) {
	return c.instantOp(func(out *C.int64_t) C.int {
		return C.sopkit_calendar_add_days(c.handle(), C.int64_t(t), C.int64_t(days), out)
	})
}

// AddText is t plus a standard time text ("2 hari 3 jam").
func (c *Calendar) AddText(t int64, waktu string) (int64, error) {
	cw := C.CString(waktu)
	defer free(unsafe.Pointer(cw))
	return c.instantOp(func(out *C.int64_t) C.int { return C.sopkit_calendar_add_text(c.handle(), C.int64_t(t), cw, out) })
}

// MinutesBetween is the office minutes from a to b (negative when b < a).
func (c *Calendar) MinutesBetween(a, b int64) (int64, error) {
	return c.instantOp(func(out *C.int64_t) C.int {
		return C.sopkit_calendar_minutes_between(c.handle(), C.int64_t(a), C.int64_t(b), out)
	})
}

// sameLength refuses slices of different lengths before C reads past one.
func sameLength(n int, lengths ...int) error {
	for _, l := range lengths {
		if l != n {
			return &Error{Status: EINVAL, Message: fmt.Sprintf("slices of different lengths: %d and %d", n, l)}
		}
	}
	return nil
}

// int64s is the address of a slice's first element (nil when empty): C reads
// and writes the Go memory in place, which holds no Go pointers.
func int64s(s []int64) *C.int64_t {
	if len(s) == 0 {
		return nil
	}
	return (*C.int64_t)(unsafe.Pointer(&s[0]))
}

// AddMinutesBulk sets out[i] = AddMinutes(start[i], minutes[i]) in one call,
// without copies; out may be start.
func (c *Calendar) AddMinutesBulk(start, minutes, out []int64) error {
	if err := sameLength(len(start), len(minutes), len(out)); err != nil {
		return err
	}
	return call(func() C.int {
		return C.sopkit_calendar_add_minutes_bulk(c.handle(), int64s(start), int64s(minutes), int64s(out),
			C.size_t(len(start)))
	}, c)
}

// MinutesBetweenBulk sets out[i] = MinutesBetween(a[i], b[i]) in one call.
func (c *Calendar) MinutesBetweenBulk(a, b, out []int64) error {
	if err := sameLength(len(a), len(b), len(out)); err != nil {
		return err
	}
	return call(func() C.int {
		return C.sopkit_calendar_minutes_between_bulk(c.handle(), int64s(a), int64s(b), int64s(out), C.size_t(len(a)))
	}, c)
}
