// bulk.go — the Go side of bench/embed/compare_embed.py: the bulk calls and
// the single calendar call through bindings/go, on the files bench/embed/bulk.c
// wrote, with the same output lines as bulk.c ("<name> <seconds>", "checksum ...").
//
//	go run . DIR N CALLS
package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"time"
	"unsafe"

	sopkit "github.com/sopkit/sopkit/bindings/go"
)

// load reads a binary file straight into slices of plain numbers, in order.
func load(path string, into ...[]byte) {
	f, err := os.Open(path)
	if err != nil {
		fail(err)
	}
	defer f.Close()
	for _, b := range into {
		if _, err := io.ReadFull(f, b); err != nil {
			fail(err)
		}
	}
}

func asBytes[T float64 | int64 | uint8](s []T) []byte {
	var zero T
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(zero)))
}

// prefault writes every page of fresh slices, as bulk.c's memset and PHP's
// zeroed FFI arrays do, so the timed calls do not pay the first touch.
func prefault(slices ...[]byte) {
	for _, s := range slices {
		for i := 0; i < len(s); i += 4096 {
			s[i] = 0
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

func timed(name string, fn func() error) {
	t0 := time.Now()
	if err := fn(); err != nil {
		fail(err)
	}
	fmt.Printf("%s %.6f\n", name, time.Since(t0).Seconds())
}

func main() {
	dir := os.Args[1]
	n, _ := strconv.Atoi(os.Args[2])
	calls, _ := strconv.Atoi(os.Args[3])
	target, realisation, polarity := make([]float64, n), make([]float64, n), make([]uint8, n)
	start, minutes := make([]int64, n), make([]int64, n)
	t0 := time.Now()
	load(dir+"/cells.bin", asBytes(target), asBytes(realisation), polarity)
	load(dir+"/minutes.bin", asBytes(start), asBytes(minutes))
	fmt.Printf("go_load_files %.6f\n", time.Since(t0).Seconds())
	achievement, band, out := make([]float64, n), make([]uint8, n), make([]int64, n)
	prefault(asBytes(achievement), asBytes(band), asBytes(out))
	cal, err := sopkit.NewASNCalendar(2015, 2026)
	if err != nil {
		fail(err)
	}
	defer cal.Close()

	timed("evaluate_cells", func() error {
		return sopkit.EvaluateCells(target, realisation, polarity, achievement, band)
	})
	timed("calendar_add_minutes_bulk", func() error { return cal.AddMinutesBulk(start, minutes, out) })
	timed("calendar_add_minutes_per_call", func() error {
		for i := 0; i < calls; i++ {
			var err error
			if out[i], err = cal.AddMinutes(start[i], minutes[i]); err != nil {
				return err
			}
		}
		return nil
	})

	sum, bands, nan, total := 0.0, uint64(0), 0, int64(0)
	for i := range achievement {
		if math.IsNaN(achievement[i]) {
			nan++
		} else {
			sum += achievement[i]
		}
		bands += uint64(band[i])
		total += out[i]
	}
	fmt.Printf("checksum evaluate_cells %.6f %d %d\n", sum, bands, nan)
	fmt.Printf("checksum calendar_add_minutes %d\n", total)
}
