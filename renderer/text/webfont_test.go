package text

import (
	"testing"

	"seccanvas/renderer/css"

	"github.com/go-fonts/dejavu/dejavusansmono"
	"github.com/go-fonts/liberation/liberationsansregular"
)

func TestParseWebFont(t *testing.T) {
	f, err := ParseWebFont(liberationsansregular.TTF)
	if err != nil || f.Family != "Liberation Sans" || f.Glyphs < 100 {
		t.Fatalf("%+v %v", f, err)
	}
	for _, bad := range [][]byte{nil, []byte("wOF2xxxx"), liberationsansregular.TTF[:200], []byte("OTTO\x00\x01")} {
		if _, err := ParseWebFont(bad); err == nil {
			t.Errorf("%.8q parsed", bad)
		}
	}
}

// FuzzParseWebFont: font bytes come from the script or the host; parsing
// must fail cleanly.
func FuzzParseWebFont(f *testing.F) {
	f.Add(liberationsansregular.TTF[:4096])
	f.Add(dejavusansmono.TTF[:2048])
	f.Add([]byte("OTTO\x00\x01\x00\x00"))
	f.Add(kernTestFont(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		wf, err := ParseWebFont(data)
		if err != nil {
			return
		}
		// A font that parses is drawn with: its glyphs (outlines or
		// colour bitmaps) load while laying out, and must not panic.
		var reg Registry
		if _, err := reg.Add("fuzz", wf, Descriptors{Style: "italic", Weight: "100 900"}); err != nil {
			t.Fatal(err)
		}
		var sh Shaper
		sh.SetRegistry(&reg)
		fnt, _ := css.ParseFont("bold 20px fuzz")
		sh.Measure("Hg0 AV\u00e9\U0001F600 To\U0001F1EB\U0001F1F7", fnt)
		var run []Glyph
		sh.LayoutGlyphs(run, "Hg0 fi", fnt, Attrs{LetterSpacing: 1}, "center", "middle", 0, 0, 50)
	})
}
