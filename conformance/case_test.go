package conformance

import (
	"context"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseHeader(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    Header
		wantErr bool
	}{
		{"size only", "// size: 200x100\nfoo()", Header{Width: 200, Height: 100, Frames: 1}, false},
		{"all", "// size: 100x50\n// checks: things\n// tolerance: text\n// frames: 3\n",
			Header{Width: 100, Height: 50, Tolerance: Text, Frames: 3, Checks: "things"}, false},
		{"blur", "// size: 10x10\n// tolerance: blur\n", Header{Width: 10, Height: 10, Tolerance: Blur, Frames: 1}, false},
		{"stops at code", "// size: 10x10\nx();\n// tolerance: text\n", Header{Width: 10, Height: 10, Frames: 1}, false},
		{"missing size", "// checks: x\n", Header{}, true},
		{"bad size", "// size: 10by10\n", Header{}, true},
		{"zero size", "// size: 0x10\n", Header{}, true},
		{"bad tolerance", "// size: 10x10\n// tolerance: loose\n", Header{}, true},
		{"bad frames", "// size: 10x10\n// frames: 0\n", Header{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := ParseHeader([]byte(tt.src))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err == nil && h != tt.want {
				t.Errorf("got %+v, want %+v", h, tt.want)
			}
		})
	}
}

func TestParseManifest(t *testing.T) {
	good := "# case\tsize\ttolerance\tframes\tkind\nrect/a\t200x100\tstrict\t1\tpng\nbehavior/b\t100x100\tstrict\t3\ttxt\n"
	cs, err := ParseManifest([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].Area != "rect" || cs[0].Width != 200 || cs[1].Kind != TXT || cs[1].Frames != 3 {
		t.Errorf("got %+v", cs)
	}
	for _, bad := range []string{"rect/a\t200x100\tstrict\t1\n", "a\t1x1\tstrict\t1\tpng\n", "r/a\t1x1\tstrict\t1\tgif\n", "r/a\t1x1\tfuzzy\t1\tpng\n"} {
		if _, err := ParseManifest([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

const suiteDir = "../testdata/conformance"

func TestLoadSuite(t *testing.T) {
	cases, err := LoadSuite(suiteDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 59 {
		t.Fatalf("%d cases, want at least 59", len(cases))
	}
	kinds := map[Kind]int{}
	for _, c := range cases {
		kinds[c.Kind]++
		if c.Kind == TXT && c.Area != "behavior" {
			t.Errorf("%s: txt case outside behavior", c.Name)
		}
	}
	if kinds[PNG] == 0 || kinds[TXT] == 0 {
		t.Errorf("kinds %v", kinds)
	}
}

// TestReferencesPassThemselves checks the metric against the real
// references: each reference must pass against itself, and fail against an
// empty canvas unless it is empty too.
func TestReferencesPassThemselves(t *testing.T) {
	cases, err := LoadSuite(suiteDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if c.Kind != PNG {
			continue
		}
		ref, err := decodePNG(c.Ref)
		if err != nil {
			t.Fatal(err)
		}
		if r := CompareImages(ref, ref, c.Tolerance); !r.Pass {
			t.Errorf("%s: reference fails against itself: %v", c.Name, r)
		}
		empty := image.NewNRGBA(ref.Bounds())
		if r := CompareImages(ref, empty, c.Tolerance); r.Pass {
			t.Errorf("%s: empty canvas passes: %v", c.Name, r)
		}
	}
}

func TestRunner(t *testing.T) {
	cases, err := LoadSuite(suiteDir)
	if err != nil {
		t.Fatal(err)
	}
	// A RunFunc that "renders" by copying the reference passes everything
	// except the cases named in broken, which get an empty canvas or no
	// output at all.
	broken := map[string]bool{"rect/fill_clear_grid": true, "path/pentagon": true, "behavior/raf_basics": true}
	run := func(c Case, out string) ([]byte, error) {
		if c.Kind == TXT {
			if broken[c.Name] {
				return []byte("wrong\n"), nil
			}
			return os.ReadFile(c.Ref)
		}
		if c.Name == "path/pentagon" {
			return nil, errors.New("crashed")
		}
		var (
			img image.Image
			err error
		)
		if broken[c.Name] {
			img = image.NewNRGBA(image.Rect(0, 0, c.Width, c.Height))
		} else if img, err = decodePNG(c.Ref); err != nil {
			return nil, err
		}
		f, err := os.Create(out)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return nil, png.Encode(f, img)
	}
	diffs := t.TempDir()
	r := Runner{Run: run, Parallel: 3, DiffDir: diffs}
	rep, err := r.RunAll(context.Background(), cases)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rep.Passed(), len(cases)-len(broken); got != want {
		t.Errorf("passed %d, want %d\n%s", got, want, rep)
	}
	for _, o := range rep.Failures() {
		if !broken[o.Case.Name] {
			t.Errorf("unexpected failure %s: %s", o.Case.Name, o.Detail())
		}
	}
	total := 0
	for _, a := range rep.Areas() {
		total += a.Total
	}
	if total != len(cases) {
		t.Errorf("areas sum to %d cases, want %d", total, len(cases))
	}
	if s := rep.String(); !strings.Contains(s, "FAIL rect/fill_clear_grid") || !strings.Contains(s, "crashed") {
		t.Errorf("report lacks failures:\n%s", s)
	}
	// One diff image for the drawing failure that had output, one showing
	// only the reference for the crash.
	for _, name := range []string{"rect_fill_clear_grid.png", "path_pentagon.png"} {
		img, err := decodePNG(filepath.Join(diffs, name))
		if err != nil {
			t.Errorf("diff image: %v", err)
			continue
		}
		if name == "rect_fill_clear_grid.png" && img.Bounds().Dx() != 3*100+2*2 {
			t.Errorf("%s: width %d, want three panels", name, img.Bounds().Dx())
		}
	}
}
