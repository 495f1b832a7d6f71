package script

import (
	"strings"
	"testing"
	"time"
)

// TestVirtualTime: with Options.VirtualTime, Date, performance.now and
// timers follow SetVirtualNow only, and a chain of zero-delay timers
// advances the clock 1 ms a link instead of spinning within one instant.
func TestVirtualTime(t *testing.T) {
	var logs []string
	r, err := New(Options{VirtualTime: true, Log: func(_ uint8, s string) { logs = append(logs, s) }})
	if err != nil {
		t.Fatal(err)
	}
	errs := r.RunMain("v.js", `
console.log(Date.now(), performance.now(), new Date().toISOString());
setTimeout(() => console.log('t10 at', performance.now()), 10);
let n = 0;
function chain() { n++; if (n < 100) setTimeout(chain, 0); }
setTimeout(chain, 0);
`)
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	time.Sleep(20 * time.Millisecond) // wall time must not matter
	if _, errs := r.RunDueTimers(r.Now()); len(errs) > 0 || len(logs) != 1 {
		t.Fatalf("timers ran without the virtual clock moving: %q %v", logs, errs)
	}
	if _, errs := r.RunDueTimers(16 * time.Millisecond); len(errs) > 0 {
		t.Fatal(errs[0])
	}
	r.SetVirtualNow(time.Millisecond) // never backwards
	if errs := r.RunMain("n.js", `console.log('chain', n, Date.now() - 946684800000)`); len(errs) > 0 {
		t.Fatal(errs[0])
	}
	want := []string{"946684800000 0 2000-01-01T00:00:00.000Z", "t10 at 10", "chain 16 16"}
	if strings.Join(logs, "|") != strings.Join(want, "|") {
		t.Fatalf("logs %q, want %q", logs, want)
	}
}
