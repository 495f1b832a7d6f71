package script

import (
	"encoding/json"
	"os/exec"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// positionCases are scripts that throw, with the file:line:column of the
// error (the first frame) and of every frame below it, top-level code last,
// as V8 (Chromium, Node) reports them. TestErrorPositionsMatchV8 re-derives
// them with node when it is installed; they were taken from Node 20
// (V8 11.3). Function names are not compared: V8 qualifies methods with
// their receiver ("Object.m", "new C") and goja does not.
//
// They cover let/const/class declarations before the faulting statement at
// top level and in blocks, and faults at several call depths through
// functions, arrows, methods, constructors, getters and callbacks. Before
// the patch in third_party/goja (docs/goja-positions.md) a method call on
// null or undefined after a declaration was reported at the declaration
// ("let top": 3:5), and callers' frames at the call's parenthesis.
var positionCases = []struct {
	name   string
	src    string
	frames []string
}{
	{"let top", "// a\n// b\nlet x=1;\nnull.f();", []string{"test.js:4:6"}},
	{"const top", "// a\n// b\nconst x=1;\nnull.f();", []string{"test.js:4:6"}},
	{"var top", "// a\n// b\nvar x=1;\nnull.f();", []string{"test.js:4:6"}},
	{"no decl", "null.f();", []string{"test.js:1:6"}},
	{"let read", "let x = 1;\nlet y = null;\ny.z;", []string{"test.js:3:3"}},
	{"class top", "class A {}\nlet a = new A();\na.nope();", []string{"test.js:3:3"}},
	{"let in block", "{\n  let y = 2;\n  const z = 3;\n}\nundefined.q;", []string{"test.js:5:11"}},
	{"let in nested block", "if (true) {\n  let y = 2;\n  {\n    const z = y;\n    null[z];\n  }\n}", []string{"test.js:5:9"}},
	{"fn depth1", "let x = 1;\nfunction f() {\n  null.g();\n}\nf();", []string{"test.js:3:8", "test.js:5:1"}},
	{"fn depth3", "const k = 0;\nfunction a() {\n  return b();\n}\nfunction b() {\n  let t = 1;\n  return c(t);\n}\nfunction c(t) {\n  const u = t;\n  return u.v.w;\n}\na();", []string{"test.js:11:14", "test.js:7:10", "test.js:3:10", "test.js:13:1"}},
	{"arrow", "const g = () => {\n  let q = 1;\n  return undefined.y;\n};\ng();", []string{"test.js:3:20", "test.js:5:1"}},
	{"arrow expr", "const h = (o) => o.p.q;\nh({});", []string{"test.js:1:22", "test.js:2:1"}},
	{"iife arrow", "let x = 1;\n(() => {\n  null.f();\n})();", []string{"test.js:3:8", "test.js:4:3"}},
	{"method", "const o = {\n  m() {\n    let a = 1;\n    return null.z();\n  },\n};\no.m();", []string{"test.js:4:17", "test.js:7:3"}},
	{"class method", "class C {\n  m() {\n    const s = 1;\n    this.missing();\n  }\n}\nnew C().m();", []string{"test.js:4:10", "test.js:7:9"}},
	{"class ctor", "class D {\n  constructor() {\n    let v = null;\n    this.x = v.q;\n  }\n}\nlet d = new D();", []string{"test.js:4:16", "test.js:7:9"}},
	{"class static", "class E {\n  static s() {\n    return null.w;\n  }\n}\nE.s();", []string{"test.js:3:17", "test.js:6:3"}},
	{"throw nested", "function outer() {\n  let a = 1;\n  inner();\n}\nfunction inner() {\n  const b = 2;\n  throw new Error('boom');\n}\nouter();", []string{"test.js:7:9", "test.js:3:3", "test.js:9:1"}},
	{"throw class", "class F {\n  run() {\n    throw new TypeError('bad');\n  }\n}\nconst f = new F();\nf.run();", []string{"test.js:3:11", "test.js:7:3"}},
	{"reference", "let a = 1;\nconst b = a + notDefined;", []string{"test.js:2:15"}},
	{"tdz", "{\n  x;\n  let x = 1;\n}", []string{"test.js:2:3"}},
	{"not a function", "let o = {};\no.nope();", []string{"test.js:2:3"}},
	{"not a function id", "let n = 5;\nn();", []string{"test.js:2:1"}},
	{"bracket call", "let o = {};\nlet k = 'x';\no[k]();", []string{"test.js:3:5"}},
	{"callback", "let arr = [1];\narr.forEach((v) => {\n  const w = v;\n  null.a;\n});", []string{"test.js:4:8", "test.js:2:5"}},
	{"chain", "const o = { a: { b: null } };\no\n  .a\n  .b\n  .c();", []string{"test.js:5:4"}},
	{"new non ctor", "let x = 1;\nnew x();", []string{"test.js:2:1"}},
	{"fn expr call", "let r = function () {\n  null.f;\n}();", []string{"test.js:2:8", "test.js:3:2"}},
	{"optional call", "let o = { m: null };\nlet p = null;\no.m?.();\np?.q();\no.m();", []string{"test.js:5:3"}},
	{"optional member call", "let o = { a: { f() { null.z; } } };\no?.a.f();", []string{"test.js:1:27", "test.js:2:6"}},
	{"super call", "class B {\n  constructor() {\n    null.base;\n  }\n}\nclass K extends B {\n  constructor() {\n    let t = 1;\n    super();\n  }\n}\nnew K();", []string{"test.js:3:10", "test.js:9:5", "test.js:12:1"}},
	{"super method", "class B {\n  m() {\n    return null.up;\n  }\n}\nclass K extends B {\n  m() {\n    const r = 1;\n    return super.m();\n  }\n}\nnew K().m();", []string{"test.js:3:17", "test.js:9:18", "test.js:12:9"}},
	{"private method", "class P {\n  #h() {\n    return null.priv;\n  }\n  run() {\n    let a = 0;\n    return this.#h();\n  }\n}\nnew P().run();", []string{"test.js:3:17", "test.js:7:19", "test.js:10:9"}},
	{"getter", "const o = {\n  get g() {\n    return null.inner;\n  },\n};\nlet v = o.g;", []string{"test.js:3:17", "test.js:6:11"}},
	{"arg eval", "function f(a) {}\nlet y = 1;\nf(null.x);", []string{"test.js:3:8"}},
	{"call result call", "function mk() {\n  return null;\n}\nlet q = 1;\nmk()();", []string{"test.js:5:5"}},
	{"nested arrow depth", "const a = () => {\n  const b = () => {\n    const c = () => {\n      let d = null;\n      return d.e;\n    };\n    return c();\n  };\n  return b();\n};\na();", []string{"test.js:5:16", "test.js:7:12", "test.js:9:10", "test.js:11:1"}},
	{"generator", "function* gen() {\n  let i = 0;\n  yield null.g;\n}\nconst it = gen();\nit.next();", []string{"test.js:3:14", "test.js:6:4"}},
	{"template call", "let t = 1;\nconst s = `${null.x}`;", []string{"test.js:2:19"}},
}

// atLine is one line of Error.Stack as formatStack and stackFromString
// write it: "    at NAME (FILE:LINE:COL)" or "    at FILE:LINE:COL".
var atLine = regexp.MustCompile(`^    at (?:.+ \((\S+:\d+:\d+)\)|(\S+:\d+:\d+))$`)

// stackPositions returns the FILE:LINE:COL of every line of stack, failing
// the test on a line of any other form (a goja program counter, "(4)",
// left in, or a frame without a position).
func stackPositions(t *testing.T, stack string) []string {
	t.Helper()
	var out []string
	for _, l := range strings.Split(stack, "\n") {
		m := atLine.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("stack line %q is not of the form \"    at [NAME (]FILE:LINE:COL[)]\"", l)
			continue
		}
		out = append(out, m[1]+m[2])
	}
	return out
}

func TestErrorPositions(t *testing.T) {
	for _, tt := range positionCases {
		t.Run(tt.name, func(t *testing.T) {
			r, err := New(Options{})
			if err != nil {
				t.Fatal(err)
			}
			errs := r.RunMain("test.js", tt.src)
			if len(errs) != 1 || errs[0].Kind != KindException {
				t.Fatalf("got %d errors %v, want one uncaught exception", len(errs), errs)
			}
			if got := stackPositions(t, errs[0].Stack); !reflect.DeepEqual(got, tt.frames) {
				t.Errorf("frames %v, want %v (V8)\n%s", got, tt.frames, errs[0])
			}
		})
	}
}

// TestErrorPositionsInCallbacks covers exceptions in callbacks the event
// loop runs: a microtask's reaches Go as a value and its stack as the
// Error's stack string (stackFromString), a timer's and a frame's as a
// *goja.Exception (formatStack). V8 (Node 20) reports the microtask and
// the timer as below with no caller frame; requestAnimationFrame, which
// Node lacks, is expected to behave as the timer.
func TestErrorPositionsInCallbacks(t *testing.T) {
	tests := []struct {
		name, src string
		want      string
	}{
		{"microtask", "let a = 1;\nqueueMicrotask(() => {\n  const b = 2;\n  null.m;\n});", "    at test.js:4:8"},
		{"timer", "let a = 1;\nsetTimeout(function tick() {\n  const b = 2;\n  null.t();\n}, 0);", "    at tick (test.js:4:8)"},
		{"frame", "let a = 1;\nrequestAnimationFrame((ts) => {\n  const b = 2;\n  undefined.r;\n});", "    at test.js:4:13"},
		{"microtask nested", "const k = 1;\nfunction inner() {\n  let z = null;\n  return z.y;\n}\nqueueMicrotask(function outer() {\n  inner();\n});",
			"    at inner (test.js:4:12)\n    at outer (test.js:7:3)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := drive(t, tt.src, 2)
			if len(errs) != 1 {
				t.Fatalf("got %d errors %v, want 1", len(errs), errs)
			}
			stackPositions(t, errs[0].Stack)
			if errs[0].Stack != tt.want {
				t.Errorf("stack\n%s\nwant\n%s", errs[0].Stack, tt.want)
			}
		})
	}
}

// v8Positions is run by node: it runs each script of a JSON list as a
// classic script named test.js in a fresh context and prints, per script,
// the FILE:LINE:COL of each test.js frame of what it threw.
const v8Positions = `
const vm = require('vm');
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = {};
for (const c of cases) {
  try {
    new vm.Script(c.src, {filename: 'test.js'}).runInContext(vm.createContext({}));
    out[c.name] = null;
  } catch (e) {
    out[c.name] = [...String(e.stack).matchAll(/^\s+at .*?(test\.js:\d+:\d+)\)?$/gm)].map(m => m[1]);
  }
}
process.stdout.write(JSON.stringify(out));
`

// TestErrorPositionsMatchV8 checks positionCases against V8 itself when
// node is installed, so that the table stays what V8 reports.
func TestErrorPositionsMatchV8(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed; positionCases were checked against Node 20 (V8 11.3)")
	}
	type input struct {
		Name string `json:"name"`
		Src  string `json:"src"`
	}
	var in []input
	for _, tt := range positionCases {
		in = append(in, input{tt.name, tt.src})
	}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "-e", v8Positions)
	cmd.Stdin = strings.NewReader(string(data))
	outb, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got map[string][]string
	if err := json.Unmarshal(outb, &got); err != nil {
		t.Fatalf("node output %q: %v", outb, err)
	}
	for _, tt := range positionCases {
		if !reflect.DeepEqual(got[tt.name], tt.frames) {
			t.Errorf("%s: V8 reports %v, table says %v", tt.name, got[tt.name], tt.frames)
		}
	}
}
