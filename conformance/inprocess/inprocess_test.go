package inprocess

import (
	"context"
	"flag"
	"testing"

	"seccanvas/conformance"
)

var diffDir = flag.String("diffdir", "", "write reference|output|diff PNGs of failing cases here")

// minPassed is how many of the public cases must pass. Raise it as the
// renderer improves; never above what passes.
const minPassed = 59

// TestConformance runs the public suite in-process and scores it. Run with
// -v to see per-area counts and the failures, -diffdir DIR for images.
func TestConformance(t *testing.T) {
	cases, err := conformance.LoadSuite("../../testdata/conformance")
	if err != nil {
		t.Fatal(err)
	}
	r := conformance.Runner{Run: Run, Parallel: 2, DiffDir: *diffDir}
	rep, err := r.RunAll(context.Background(), cases)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("conformance (in-process):\n%s", rep)
	if n := rep.Passed(); n < minPassed {
		t.Errorf("%d cases pass, want at least %d", n, minPassed)
	}
}
