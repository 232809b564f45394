package sopkit

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func example(name string) string {
	return filepath.Join(os.Getenv("SOPKIT_SOURCE_DIR"), "examples", name)
}

func seed(t *testing.T) *Sop {
	t.Helper()
	sop, err := LoadSopFile(example("sop-monev-capaian-kinerja.json"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sop.Close)
	return sop
}

// wantError fails unless err is an *Error of status whose message contains text.
func wantError(t *testing.T, err error, status int, text string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Status != status || !strings.Contains(e.Message, text) {
		t.Fatalf("want status %d with %q, got %#v", status, text, err)
	}
}

func TestSeedAnalyses(t *testing.T) {
	sop := seed(t)
	if n, err := sop.StepCount(); err != nil || n == 0 {
		t.Fatalf("steps %d, %v", n, err)
	}
	a, err := sop.Analyze()
	if err != nil || a.Document["format"] != "sopkit.analysis/2" || a.TotalText != "31 hari 3 jam 30 menit" ||
		a.TotalMinutes != 14160 {
		t.Fatalf("analysis %q %v %v, %v", a.TotalText, a.TotalMinutes, a.Document["format"], err)
	}
	findings, err := sop.Validate()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if f["severity"] == "error" {
			t.Errorf("seed has an error finding: %v", f)
		}
	}
}

func TestErrorsCarryStatusAndMessage(t *testing.T) {
	_, err := LoadSopJSON([]byte("{"))
	wantError(t, err, EPARSE, "<json>:1:2: not valid JSON")
	_, err = LoadSopFile("/nonexistent/sop.json")
	wantError(t, err, EIO, "/nonexistent/sop.json")
}

func TestClosedHandleRefusesUse(t *testing.T) {
	sop, err := LoadSopFile(example("sop-monev-capaian-kinerja.json"))
	if err != nil {
		t.Fatal(err)
	}
	sop.Close()
	sop.Close()
	_, err = sop.StepCount()
	wantError(t, err, EINVAL, "sop")
	var nilCalendar *Calendar
	nilCalendar.Close()
	_, _, err = seed(t).Schedule(nilCalendar, 0)
	wantError(t, err, EINVAL, "cal")
	_, err = (*Store)(nil).Revisions("")
	wantError(t, err, EINVAL, "store")
}

// Each of 32,000 concurrent failing calls gets its own message, while other
// goroutines share one handle: without the goroutine pinned to its OS thread
// from the call to sopkit_last_error, goroutines that change threads read
// each other's messages.
func TestConcurrentFailuresGetTheirOwnMessage(t *testing.T) {
	sop := seed(t)
	const n = 32000
	var wg sync.WaitGroup
	wrong := make(chan string, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if i%8 == 0 {
				if steps, err := sop.StepCount(); err != nil || steps == 0 {
					wrong <- fmt.Sprintf("shared handle: %d %v", steps, err)
				}
				return
			}
			path := fmt.Sprintf("/nonexistent/sop-%d.json", i)
			_, err := LoadSopFile(path)
			if err == nil || !strings.Contains(err.Error(), path+":") {
				wrong <- fmt.Sprintf("call %d: %v", i, err)
			}
		}(i)
	}
	wg.Wait()
	close(wrong)
	for w := range wrong {
		t.Error(w)
	}
}

func mustInstant(t *testing.T, text string) int64 {
	t.Helper()
	v, err := ParseInstant(text)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCalendarSingleAndBulk(t *testing.T) {
	cal, err := LoadCalendar("id-2024")
	if err != nil {
		t.Fatal(err)
	}
	defer cal.Close()
	start := mustInstant(t, "2024-04-05T08:00")
	end, err := cal.AddText(start, "1 jam")
	if text, _ := FormatInstant(end); err != nil || text != "2024-04-05T09:00" {
		t.Fatalf("AddText %q, %v", text, err)
	}
	if m, err := cal.MinutesBetween(start, end); err != nil || m != 60 {
		t.Fatalf("MinutesBetween %d, %v", m, err)
	}
	starts := []int64{start, start, start}
	minutes := []int64{0, 60, 450}
	out := make([]int64, 3)
	if err := cal.AddMinutesBulk(starts, minutes, out); err != nil {
		t.Fatal(err)
	}
	for i := range out {
		single, err := cal.AddMinutes(starts[i], minutes[i])
		if err != nil || single != out[i] {
			t.Fatalf("bulk %d: %d, single %d %v", i, out[i], single, err)
		}
	}
	between := make([]int64, 3)
	if err := cal.MinutesBetweenBulk(starts, out, between); err != nil || between[2] != 450 {
		t.Fatalf("MinutesBetweenBulk %v, %v", between, err)
	}
	wantError(t, cal.AddMinutesBulk(starts, []int64{0, -1, 0}, out), EINVAL, "1")
	wantError(t, cal.AddMinutesBulk(starts, minutes[:2], out), EINVAL, "different lengths")
	_, err = cal.AddMinutes(mustInstant(t, "2030-01-02T08:00"), 1)
	wantError(t, err, ERANGE, "2030")
	// The advice names the Go call, not the C one.
	wantError(t, err, ERANGE, "e.g. sopkit.LoadCalendarYears(2023, 2026)")
	_, err = LoadCalendar("id-1066")
	wantError(t, err, ENOTFOUND, "1066")
	_, err = ParseInstant("2024-02-30T08:00")
	wantError(t, err, EPARSE, "2024-02-30")
}

func TestScheduleOnTheCalendarGivesTheDueDate(t *testing.T) {
	sop := seed(t)
	cal, err := LoadCalendar("id-2024")
	if err != nil {
		t.Fatal(err)
	}
	defer cal.Close()
	due, plan, err := sop.Schedule(cal, mustInstant(t, "2024-07-01T07:30"))
	if text, _ := FormatInstant(due); err != nil || text != "2024-08-13T11:00" || plan["due"] != text {
		t.Fatalf("due %q plan %v, %v", text, plan["due"], err)
	}
	asn, err := NewASNCalendar(2024, 2024)
	if err != nil {
		t.Fatal(err)
	}
	defer asn.Close()
	_, _, err = sop.Schedule(asn, mustInstant(t, "2024-12-30T07:30"))
	wantError(t, err, ERANGE, "")
}

func TestIndicatorFileEvaluates(t *testing.T) {
	set, err := LoadIndicatorsFile(example("indicators-disdikbud-2024.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	ev, err := set.Evaluate(EvaluateOptions{Period: "2024-Q2"})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Close()
	rows, err := ev.Rows()
	if err != nil || len(rows) == 0 {
		t.Fatalf("rows %d, %v", len(rows), err)
	}
	for _, r := range rows {
		if r.Period != "2024-Q2" || (r.Reason == "") == math.IsNaN(r.Achievement) {
			t.Fatalf("row %+v", r)
		}
	}
	if csv, err := ev.CSV(); err != nil || !strings.Contains(csv, "IKU-01") {
		t.Fatalf("csv %v", err)
	}
	if doc, err := ev.JSON(); err != nil || doc == nil {
		t.Fatalf("json %v", err)
	}
	_, err = set.Evaluate(EvaluateOptions{Period: "2024-Q9"})
	wantError(t, err, EINVAL, "2024-Q9")
	_, err = LoadIndicatorsCSV([]byte("unit,code\n"))
	if err == nil {
		t.Fatal("a CSV without its columns loaded")
	}
}

func TestAPeriodBeforeTheScaleIsComputedNotRatedWithANote(t *testing.T) {
	set, err := LoadIndicatorsCSV([]byte("unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n" +
		"Dinas,K1,x,%,positive,last,1,2020,100,92\n"))
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	ev, err := set.Evaluate(EvaluateOptions{Scale: "sakip-88-2021"})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Close()
	rows, err := ev.Rows()
	if err != nil || rows[0].Achievement != 92 || rows[0].Band != 0 {
		t.Fatalf("rows %+v, %v", rows, err)
	}
	notes, err := ev.Notes()
	if err != nil || len(notes) != 1 || !strings.Contains(notes[0], "no version of the scale is in force on 2020-12-31") {
		t.Fatalf("notes %q, %v", notes, err)
	}
	_, err = set.Evaluate(EvaluateOptions{CapPercent: 105})
	wantError(t, err, EINVAL, "cap_percent must be 0, 100, 110 or 120")
}

// The CSV text of the set's evaluation under opts.
func evaluationCSV(t *testing.T, set *IndicatorSet, opts EvaluateOptions) string {
	t.Helper()
	ev, err := set.Evaluate(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Close()
	text, err := ev.CSV()
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// A second thread gives the text one gives, on a set large enough to start one.
func TestTwoThreadsEvaluateAsOne(t *testing.T) {
	codes := make([]string, 10000)
	for i := range codes {
		codes[i] = fmt.Sprintf("IKU-%05d", i)
	}
	set, err := NewIndicatorSet(rowsOf(codes...))
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	csvOf := func(threads int) string { return evaluationCSV(t, set, EvaluateOptions{Threads: threads}) }
	if one, two := csvOf(1), csvOf(2); one != two || !strings.Contains(one, "IKU-09999") {
		t.Fatalf("two threads gave another text (%d bytes, %d with one)", len(two), len(one))
	}
	if _, err := set.Evaluate(EvaluateOptions{Threads: -1}); err == nil ||
		!strings.Contains(err.Error(), "Threads is -1") {
		t.Fatalf("Threads -1: %v", err)
	}
}

func rowsOf(codes ...string) IndicatorRows {
	n := len(codes)
	r := IndicatorRows{Code: codes, Unit: make([]string, n), Period: make([]string, n),
		Polarity: make([]uint8, n), Target: make([]float64, n), Realisation: make([]float64, n)}
	for i := range codes {
		r.Unit[i], r.Period[i], r.Target[i], r.Realisation[i] = "Dinas", "2024-Q2", 80, float64(60+10*i)
	}
	return r
}

func TestIndicatorSetFromColumnsInCMemory(t *testing.T) {
	rows := rowsOf("IKU-01", "IKU-02")
	rows.Polarity[1] = PolarityNegative
	rows.Name, rows.Weight = []string{"Angka partisipasi", "Rasio putus sekolah"}, []float64{2, 1}
	set, err := NewIndicatorSet(rows)
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	if ind, units, n, err := set.Counts(); err != nil || ind != 2 || units != 1 || n != 2 {
		t.Fatalf("counts %d %d %d, %v", ind, units, n, err)
	}
	ev, err := set.Evaluate(EvaluateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Close()
	got, err := ev.Rows()
	if err != nil || got[0].Achievement != 75 || got[1].Achievement != 112.5 {
		t.Fatalf("rows %+v, %v", got, err)
	}
	if csv, err := ev.CSV(); err != nil || !strings.Contains(csv, "Rasio putus sekolah") {
		t.Fatalf("names not in the CSV: %v\n%s", err, csv)
	}
	_, err = NewIndicatorSet(rowsOf("IKU-01", "IKU-01"))
	wantError(t, err, EFORMAT, "row 1")
	short := rowsOf("IKU-01", "IKU-02")
	short.Target = short.Target[:1]
	_, err = NewIndicatorSet(short)
	wantError(t, err, EINVAL, "different lengths")
}

func TestEvaluateCellsInPlace(t *testing.T) {
	target := []float64{80, 0, 80}
	real := []float64{60, 5, math.NaN()}
	achievement := make([]float64, 3)
	band := make([]uint8, 3)
	if err := EvaluateCells(target, real, []uint8{0, 0, 0}, achievement, band); err != nil {
		t.Fatal(err)
	}
	if achievement[0] != 75 || band[0] == 0 || !math.IsNaN(achievement[1]) || band[1] != 0 || band[2] != 0 {
		t.Fatalf("achievement %v band %v", achievement, band)
	}
	if err := EvaluateCells(target, real, []uint8{0, 0, 0}, nil, band); err != nil {
		t.Fatal(err)
	}
	wantError(t, EvaluateCells(target, real[:2], []uint8{0, 0, 0}, nil, nil), EINVAL, "different lengths")
}

func TestRunsCompareOnTheCalendar(t *testing.T) {
	sop := seed(t)
	runs, err := LoadRunsFile(sop, example("runs-monev-capaian-kinerja.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer runs.Close()
	if nr, ne, err := runs.Counts(); err != nil || nr == 0 || ne < nr {
		t.Fatalf("counts %d %d, %v", nr, ne, err)
	}
	cal, err := LoadCalendarYears(2024, 2025)
	if err != nil {
		t.Fatal(err)
	}
	defer cal.Close()
	cmp, err := runs.Compare(cal)
	if err != nil || cmp["format"] != "sopkit.runs-comparison/1" {
		t.Fatalf("compare %v, %v", cmp["format"], err)
	}
	if doc, err := runs.JSON(); err != nil || doc["format"] != "sopkit.runs/1" {
		t.Fatalf("json %v, %v", doc["format"], err)
	}
	_, err = LoadRunsCSV(sop, []byte("case,step,start,end\nA,nope,2024-07-01T08:00,2024-07-01T09:00\n"))
	wantError(t, err, EFORMAT, "nope")
}

func TestStoreRecordsRevisionsValuesRunsAndReports(t *testing.T) {
	path := filepath.Join(t.TempDir(), "records.db")
	_, err := OpenStore(path, StoreNoCreate)
	wantError(t, err, EIO, "")
	store, err := OpenStore(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	sop := seed(t)
	rev, err := store.PutRevision(sop, "Budi", "2023-01-01", "terbit")
	if err != nil || rev != 1 {
		t.Fatalf("revision %d, %v", rev, err)
	}
	_, err = store.PutRevision(sop, "Budi", "", "")
	wantError(t, err, EINVAL, "identical")
	revs, err := store.Revisions("")
	if err != nil || len(revs) != 1 || revs[0]["author"] != "Budi" {
		t.Fatalf("revisions %v, %v", revs, err)
	}
	number := revs[0]["sop_number"].(string)
	back, err := store.Revision(number, 0)
	if err != nil {
		t.Fatal(err)
	}
	back.Close()
	_, err = store.Revision(number, 9)
	wantError(t, err, ENOTFOUND, "")
	if diff, err := store.Diff(number, 1, 1); err != nil || diff["format"] != "sopkit.sopdiff/1" {
		t.Fatalf("diff %v, %v", diff, err)
	}

	set, err := LoadIndicatorsFile(example("indicators-disdikbud-2024.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	if changed, err := store.ImportIndicators(set, "Siti", "impor"); err != nil || changed == 0 {
		t.Fatalf("import %d, %v", changed, err)
	}
	if changed, err := store.SetValue("IKU-01", "2024-Q2", "realisation", 99, "Siti", "koreksi"); err != nil || !changed {
		t.Fatalf("set value %v, %v", changed, err)
	}
	_, err = store.SetValue("IKU-01", "2024-Q2", "nope", 1, "Siti", "")
	wantError(t, err, EINVAL, "nope")
	audit, err := store.Audit("IKU-01")
	if err != nil || len(audit) == 0 || audit[len(audit)-1]["reason"] != "koreksi" {
		t.Fatalf("audit %v, %v", audit, err)
	}
	stored, err := store.Indicators()
	if err != nil {
		t.Fatal(err)
	}
	stored.Close()

	if id, err := store.PutRun(number, 0, "TW2", "", "", []byte(`{"ok": true}`)); err != nil || id <= 0 {
		t.Fatalf("run %d, %v", id, err)
	}
	_, err = store.PutRun(number, 0, "", "", "", []byte(`{`))
	wantError(t, err, EPARSE, "")
	if runs, err := store.Runs(number); err != nil || len(runs) != 1 {
		t.Fatalf("runs %v, %v", runs, err)
	}
	if id, err := store.PutReport("html", "monev.html", number, 0, []byte("<p>")); err != nil || id <= 0 {
		t.Fatalf("report %d, %v", id, err)
	}
}

// Goroutines share every kind of handle at once; each result equals the one
// computed alone (go test -race checks the binding's own memory).
func TestGoroutinesShareHandles(t *testing.T) {
	sop := seed(t)
	cal, err := LoadCalendar("id-2024")
	if err != nil {
		t.Fatal(err)
	}
	defer cal.Close()
	set, err := LoadIndicatorsFile(example("indicators-disdikbud-2024.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	runs, err := LoadRunsFile(sop, example("runs-monev-capaian-kinerja.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer runs.Close()
	start := mustInstant(t, "2024-07-01T07:30")
	work := func() (string, error) {
		due, _, err := sop.Schedule(cal, start)
		if err != nil {
			return "", err
		}
		cmp, err := runs.Compare(cal)
		if err != nil {
			return "", err
		}
		ev, err := set.Evaluate(EvaluateOptions{Period: "2024-Q2"})
		if err != nil {
			return "", err
		}
		defer ev.Close()
		csv, err := ev.CSV()
		return fmt.Sprint(due, cmp["summary"], csv), err
	}
	want, err := work()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := 0; i < 64; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got, err := work(); err != nil || got != want {
				errs <- fmt.Errorf("got %.40q, %v", got, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// Goroutines write to one store at once: every write lands, each with its
// audit row.
func TestGoroutinesShareOneStore(t *testing.T) {
	store, err := OpenStore(filepath.Join(t.TempDir(), "records.db"), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	set, err := NewIndicatorSet(rowsOf("IKU-01"))
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	if _, err := store.ImportIndicators(set, "Siti", ""); err != nil {
		t.Fatal(err)
	}
	const writers = 16
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for i := 0; i < writers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if _, err := store.SetValue("IKU-01", "2024-Q2", "realisation", float64(100+i), "Siti",
				fmt.Sprint("writer ", i)); err != nil {
				errs <- err
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	audit, err := store.Audit("IKU-01")
	if err != nil {
		t.Fatal(err)
	}
	writes := 0
	for _, row := range audit {
		if strings.HasPrefix(fmt.Sprint(row["reason"]), "writer ") {
			writes++
		}
	}
	if writes != writers {
		t.Fatalf("%d audited writes of %d", writes, writers)
	}
}

// go test -run - -bench . : the price of one call through the binding
// (cgo, the thread pin, the handle kept alive) on top of the C function.
func BenchmarkStepCount(b *testing.B) {
	sop, err := LoadSopFile(example("sop-monev-capaian-kinerja.json"))
	if err != nil {
		b.Fatal(err)
	}
	defer sop.Close()
	for i := 0; i < b.N; i++ {
		if _, err := sop.StepCount(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCalendarAddMinutes(b *testing.B) {
	cal, err := NewASNCalendar(2024, 2024)
	if err != nil {
		b.Fatal(err)
	}
	defer cal.Close()
	start, _ := ParseInstant("2024-04-05T08:00")
	for i := 0; i < b.N; i++ {
		if _, err := cal.AddMinutes(start, int64(i%450)); err != nil {
			b.Fatal(err)
		}
	}
}

// A CSV file of about 5 MB (past the size two threads read) loads to the set
// one thread loads; a declared decimal mark settles what detection refuses.
func TestLoadOptions(t *testing.T) {
	var b strings.Builder
	b.WriteString("unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n")
	for i := 0; i < 15000; i++ {
		unit := fmt.Sprintf("Dinas/Bidang %d/Seksi %d", i%40, i%7)
		fmt.Fprintf(&b, "%s,IKU-%05d,Indikator %d,%%,positive,sum,1,2024,%d.5,\n", unit, i, i, 90+i%20)
		for q := 1; q <= 4; q++ {
			fmt.Fprintf(&b, "%s,IKU-%05d,,,,,,2024-Q%d,%d,%d.25\n", unit, i, q, 20+q, 15+(i+q)%9)
		}
	}
	path := filepath.Join(t.TempDir(), "large.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	csvOf := func(load func() (*IndicatorSet, error)) string {
		set, err := load()
		if err != nil {
			t.Fatal(err)
		}
		defer set.Close()
		return evaluationCSV(t, set, EvaluateOptions{})
	}
	one := csvOf(func() (*IndicatorSet, error) { return LoadIndicatorsFile(path) })
	two := csvOf(func() (*IndicatorSet, error) { return LoadIndicatorsFileWith(path, LoadOptions{Threads: 2}) })
	if one != two || !strings.Contains(one, "IKU-14999") {
		t.Fatalf("two threads loaded another set (%d bytes of CSV, %d with one)", len(two), len(one))
	}
	if _, err := LoadIndicatorsFileWith(path, LoadOptions{Threads: -1}); err == nil ||
		!strings.Contains(err.Error(), "Threads is -1") {
		t.Fatalf("Threads -1: %v", err)
	}
	if _, err := LoadIndicatorsFileWith(path, LoadOptions{DecimalMark: 7}); err == nil {
		t.Fatal("decimal mark 7 was taken")
	} else {
		wantError(t, err, EINVAL, "decimal_mark")
	}

	semicolons := filepath.Join(t.TempDir(), "pagu.csv")
	text := "unit;indicator;name;satuan;polarity;accumulation;weight;period;target;realisation\n" +
		"D/A;K1;Pagu;Rp;positive;last;1;2024;1.200;1.100\n"
	if err := os.WriteFile(semicolons, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := LoadIndicatorsFile(semicolons)
	wantError(t, err, EFORMAT, "can be read two ways")
	comma := csvOf(func() (*IndicatorSet, error) {
		return LoadIndicatorsFileWith(semicolons, LoadOptions{DecimalMark: DecimalComma})
	})
	if !strings.Contains(comma, "1200") {
		t.Fatalf("the comma reading: %s", comma)
	}
}
