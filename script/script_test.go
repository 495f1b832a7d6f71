package script

import (
	"strings"
	"testing"
	"time"
)

// drive runs a program the way a headless child does: the top-level script,
// then frames every 16 ms and due timers, until idle or maxFrames.
func drive(t *testing.T, src string, maxFrames int) (logs []string, errs []*Error) {
	t.Helper()
	r, err := New(Options{
		TaskBudget: 2 * time.Second,
		Log:        func(level uint8, text string) { logs = append(logs, text) },
	})
	if err != nil {
		t.Fatal(err)
	}
	errs = append(errs, r.RunMain("test.js", src)...)
	frame := 0
	next := r.Now() + 16*time.Millisecond
	var stopBy time.Duration
	for !r.Idle() && !anyFatal(errs) {
		if frame >= maxFrames && stopBy == 0 {
			stopBy = r.Now() + time.Second
		}
		if stopBy > 0 && !r.PendingTimeoutsBefore(stopBy) {
			break
		}
		due, ok := r.NextTimer()
		if !ok || (r.PendingFrames() && frame < maxFrames && next <= due) {
			due = next
		}
		if d := due - r.Now(); d > 0 {
			time.Sleep(d)
		}
		_, e := r.RunDueTimers(r.Now())
		errs = append(errs, e...)
		if r.Now() >= next {
			if r.PendingFrames() && frame < maxFrames {
				frame++
				errs = append(errs, r.RunFrame(float64(r.Now())/1e6)...)
			}
			next += 16 * time.Millisecond
		}
	}
	return logs, errs
}

func TestEventLoopOrder(t *testing.T) {
	src := `
setTimeout(() => console.log('timeout 0 a'), 0);
setTimeout(() => console.log('timeout 5'), 5);
setTimeout(() => console.log('timeout 0 b'), -1);
Promise.resolve().then(() => { console.log('promise 1'); queueMicrotask(() => console.log('micro in promise')); })
  .then(() => console.log('promise 2'));
queueMicrotask(() => console.log('microtask'));
(async () => { console.log('async start'); await null; console.log('async resumed'); })();
requestAnimationFrame((t1) => {
  console.log('raf 1');
  setTimeout(() => console.log('timeout from raf'), 0);
  requestAnimationFrame((t2) => console.log('raf 2 later ' + (t2 > t1)));
  Promise.resolve().then(() => console.log('raf microtask'));
});
requestAnimationFrame(() => console.log('raf 1b'));
const iv = setInterval((x) => { console.log('interval ' + x); clearInterval(iv); }, 1, 'arg');
console.log('script end');
`
	want := []string{
		"async start", "script end",
		"promise 1", "microtask", "async resumed", "micro in promise", "promise 2",
		"timeout 0 a", "timeout 0 b", "interval arg", "timeout 5",
		"raf 1", "raf microtask", "raf 1b", "timeout from raf", "raf 2 later true",
	}
	logs, errs := drive(t, src, 3)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if strings.Join(logs, "\n") != strings.Join(want, "\n") {
		t.Errorf("log order:\n%s\nwant:\n%s", strings.Join(logs, "\n"), strings.Join(want, "\n"))
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, src string
		kind      ErrorKind
		msg       string
		stack     string
	}{
		{"syntax", "let x = ;", KindSyntax, "SyntaxError", "test.js:1:9"},
		{"throw", "function f() { throw new TypeError('boom'); }\nf();", KindException, "Uncaught TypeError: boom", "at f (test.js:1:"},
		{"budget", "function spin() { for (;;) {} }\nspin();", KindBudget, "task budget", "at spin (test.js:1:"},
		{"recursion", "function r() { return r() + 1; }\nr();", KindStackOverflow, "Maximum call stack", "at r (test.js:1:"},
		{"microtask throw", "queueMicrotask(() => { null.x; });", KindException, "Uncaught TypeError", "test.js:1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := New(Options{TaskBudget: 200 * time.Millisecond, MaxCallStack: 1000})
			if err != nil {
				t.Fatal(err)
			}
			errs := r.RunMain("test.js", tt.src)
			if len(errs) != 1 {
				t.Fatalf("got %d errors: %v", len(errs), errs)
			}
			e := errs[0]
			if e.Kind != tt.kind || !strings.Contains(e.Message, tt.msg) || !strings.Contains(e.Stack, tt.stack) {
				t.Errorf("got kind %v message %q stack %q; want %v, %q, %q", e.Kind, e.Message, e.Stack, tt.kind, tt.msg, tt.stack)
			}
		})
	}
}

func TestSeededRandom(t *testing.T) {
	run := func(seed int64) string {
		var out string
		r, err := New(Options{Seed: seed, Log: func(_ uint8, s string) { out = s }})
		if err != nil {
			t.Fatal(err)
		}
		if errs := r.RunMain("r.js", "console.log(Math.random(), Math.random())"); errs != nil {
			t.Fatal(errs)
		}
		return out
	}
	if run(1) != run(1) {
		t.Error("same seed, different numbers")
	}
	if run(1) == run(2) {
		t.Error("different seeds, same numbers")
	}
}

// TestHostileThrownValues: a thrown value whose name, message, stack or
// toString throws, loops or recurses is reported as an uncaught exception
// with a fixed text. Before, describing it ran the script's getters outside
// any try, and the Go panic took down the process (a crash, exit 5).
func TestHostileThrownValues(t *testing.T) {
	tests := []struct {
		name, src string
		kind      ErrorKind
		want      string
	}{
		{"throwing name getter", `throw {get name() { throw new Error("gotcha"); }, message: "m"}`, KindException, undescribable},
		{"throwing toString", `throw {toString() { throw 1; }}`, KindException, undescribable},
		{"proxy traps throw", `throw new Proxy({}, {get() { throw 2; }})`, KindException, undescribable},
		{"looping getter", `throw {get name() { for (;;) {} }, message: "m"}`, KindException, undescribable},
		{"recursing toString", `const o = {toString() { return String(o); }}; throw o;`, KindException, undescribable},
		{"plain error still described", `throw new TypeError("plain")`, KindException, "Uncaught TypeError: plain"},
		{"microtask with throwing stack", `queueMicrotask(() => { throw {get stack() { throw 4; }, name: "E", message: "m"}; })`, KindException, "Uncaught E: m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := New(Options{TaskBudget: 200 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			errs := r.RunMain("test.js", tt.src)
			if len(errs) != 1 || errs[0].Kind != tt.kind || !strings.Contains(errs[0].Message, tt.want) {
				t.Fatalf("errors %+v, want one %v with %q", errs, tt.kind, tt.want)
			}
		})
	}

	// An unhandled rejection with such a value is logged, not a panic.
	var logs []string
	r, err := New(Options{TaskBudget: 200 * time.Millisecond, Log: func(_ uint8, s string) { logs = append(logs, s) }})
	if err != nil {
		t.Fatal(err)
	}
	if errs := r.RunMain("test.js", `Promise.reject({get name() { throw 3; }, message: "m"})`); len(errs) != 0 {
		t.Fatalf("errors %+v", errs)
	}
	if len(logs) != 1 || !strings.Contains(logs[0], "Uncaught (in promise) "+undescribable) {
		t.Fatalf("logs %q", logs)
	}
}
