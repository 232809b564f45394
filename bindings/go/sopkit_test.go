package sopkit

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
)

func seedPath() string {
	return os.Getenv("SOPKIT_SOURCE_DIR") + "/examples/sop-monev-capaian-kinerja.json"
}

func TestSeedAnalyses(t *testing.T) {
	sop, err := LoadSopFile(seedPath())
	if err != nil {
		t.Fatal(err)
	}
	defer sop.Close()
	if n, err := sop.StepCount(); err != nil || n == 0 {
		t.Fatalf("steps %d, %v", n, err)
	}
	a, err := sop.Analyze()
	if err != nil || a["format"] != "sopkit.analysis/2" {
		t.Fatalf("analysis %v, %v", a["format"], err)
	}
}

func TestErrorsCarryStatusAndMessage(t *testing.T) {
	_, err := LoadSopJSON([]byte("{"))
	var e *Error
	if !errors.As(err, &e) || e.Status != EPARSE || !strings.HasPrefix(e.Message, "<json>:1:2: not valid JSON") {
		t.Fatalf("got %#v", err)
	}
	_, err = LoadSopFile("/nonexistent/sop.json")
	if !errors.As(err, &e) || e.Status != EIO || !strings.Contains(e.Message, "/nonexistent/sop.json") {
		t.Fatalf("got %#v", err)
	}
}

// Each of 32,000 concurrent failing calls gets its own message, while other
// goroutines share one handle: a second cgo call to sopkit_last_error would
// mix them up when goroutines change OS threads.
func TestConcurrentFailuresGetTheirOwnMessage(t *testing.T) {
	sop, err := LoadSopFile(seedPath())
	if err != nil {
		t.Fatal(err)
	}
	defer sop.Close()
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
