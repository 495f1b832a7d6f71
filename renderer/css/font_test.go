package css

import "testing"

func TestParseFontValid(t *testing.T) {
	tests := []struct {
		in     string
		size   float64
		weight int
		style  string
		fams   []string
		serial string
	}{
		{"10px sans-serif", 10, 400, "normal", []string{"sans-serif"}, "10px sans-serif"},
		{"bold 20px serif", 20, 700, "normal", []string{"serif"}, "bold 20px serif"},
		{"italic 12px Arial, sans-serif", 12, 400, "italic", []string{"Arial", "sans-serif"}, "italic 12px Arial, sans-serif"},
		{"18px sans-serif", 18, 400, "normal", []string{"sans-serif"}, "18px sans-serif"},
		{"26px sans-serif", 26, 400, "normal", []string{"sans-serif"}, "26px sans-serif"},
		{"12pt Arial", 16, 400, "normal", []string{"Arial"}, "16px Arial"},
		{"2em serif", 32, 400, "normal", []string{"serif"}, "32px serif"},
		{"1.5rem serif", 24, 400, "normal", []string{"serif"}, "24px serif"},
		{"150% serif", 24, 400, "normal", []string{"serif"}, "24px serif"},
		// Chromium 156: the generic monospace alone has a 13px default.
		{"1em monospace", 13, 400, "normal", []string{"monospace"}, "13px monospace"},
		{"medium monospace", 13, 400, "normal", []string{"monospace"}, "13px monospace"},
		{"larger monospace", float64(float32(15.6)), 400, "normal", []string{"monospace"}, "15.6px monospace"},
		{"2rem monospace", 32, 400, "normal", []string{"monospace"}, "32px monospace"},
		{"medium monospace, serif", 16, 400, "normal", []string{"monospace", "serif"}, "16px monospace, serif"},
		{"larger serif", float64(float32(19.2)), 400, "normal", []string{"serif"}, "19.2px serif"},
		{"10.5px serif", 10.5, 400, "normal", []string{"serif"}, "10.5px serif"},
		{"700 10px serif", 10, 700, "normal", []string{"serif"}, "bold 10px serif"},
		{"600 10px serif", 10, 600, "normal", []string{"serif"}, "600 10px serif"},
		{"bolder 10px serif", 10, 700, "normal", []string{"serif"}, "bold 10px serif"},
		{"lighter 10px serif", 10, 100, "normal", []string{"serif"}, "100 10px serif"},
		{"italic bold 16px serif", 16, 700, "italic", []string{"serif"}, "italic bold 16px serif"},
		{"bold italic 16px serif", 16, 700, "italic", []string{"serif"}, "italic bold 16px serif"},
		{"normal normal normal normal 16px serif", 16, 400, "normal", []string{"serif"}, "16px serif"},
		{"small-caps 16px serif", 16, 400, "normal", []string{"serif"}, "small-caps 16px serif"},
		{"condensed 16px serif", 16, 400, "normal", []string{"serif"}, "16px serif"},
		{"oblique 16px serif", 16, 400, "oblique", []string{"serif"}, "italic 16px serif"},
		{"italic 12px/1.5 'Liberation Sans', sans-serif", 12, 400, "italic", []string{"Liberation Sans", "sans-serif"}, `italic 12px "Liberation Sans", sans-serif`},
		{"16px / 20px Times New Roman", 16, 400, "normal", []string{"Times New Roman"}, `16px "Times New Roman"`},
		{"16px \"Courier New\",monospace", 16, 400, "normal", []string{"Courier New", "monospace"}, `16px "Courier New", monospace`},
		{"  BOLD 16PX SANS-SERIF  ", 16, 700, "normal", []string{"sans-serif"}, "bold 16px sans-serif"},
		{"medium serif", 16, 400, "normal", []string{"serif"}, "16px serif"},
		{"xx-large serif", 32, 400, "normal", []string{"serif"}, "32px serif"},
		{"12px/normal serif", 12, 400, "normal", []string{"serif"}, "12px serif"},
		{"0px serif", 0, 400, "normal", []string{"serif"}, "0px serif"},
		{"1in serif", 96, 400, "normal", []string{"serif"}, "96px serif"},
		{"100 12px Foo", 12, 100, "normal", []string{"Foo"}, "100 12px Foo"},
	}
	for _, tc := range tests {
		f, ok := ParseFont(tc.in)
		if !ok {
			t.Errorf("ParseFont(%q) failed", tc.in)
			continue
		}
		if f.Size != tc.size || f.WeightValue() != tc.weight || f.Style != tc.style {
			t.Errorf("ParseFont(%q) = %+v; want size %v weight %d style %s", tc.in, f, tc.size, tc.weight, tc.style)
		}
		fams := f.Families()
		if len(fams) != len(tc.fams) {
			t.Errorf("ParseFont(%q).Families() = %q, want %q", tc.in, fams, tc.fams)
		} else {
			for i := range fams {
				if fams[i] != tc.fams[i] {
					t.Errorf("ParseFont(%q).Families() = %q, want %q", tc.in, fams, tc.fams)
					break
				}
			}
		}
		if got := f.String(); got != tc.serial {
			t.Errorf("ParseFont(%q).String() = %q, want %q", tc.in, got, tc.serial)
		}
		// The serialisation must itself parse to the same font.
		g, ok := ParseFont(f.String())
		if !ok || g.String() != f.String() || g.Size != f.Size {
			t.Errorf("round trip of %q: %q → %+v, %v", tc.in, f.String(), g, ok)
		}
	}
}

func TestParseFontInvalid(t *testing.T) {
	for _, s := range []string{
		"", "serif", "10px", "bold", "10 serif", "-1px serif", "10px,serif", "10px serif,", "10px , , serif",
		"italic italic 10px serif", "bold bold 10px serif", "10px 'unterminated", "10px inherit", "inherit",
		"10foo serif", "10px/ serif", "10px/-1 serif", "normal normal normal normal normal 10px serif",
		"10px 3d", "10px serif 'x'", "2000 10px serif", "10px/1.5/2 serif",
	} {
		if f, ok := ParseFont(s); ok {
			t.Errorf("ParseFont(%q) = %+v, true; want false", s, f)
		}
	}
}

func TestDefaultFontString(t *testing.T) {
	if got := DefaultFont.String(); got != "10px sans-serif" {
		t.Fatalf("DefaultFont.String() = %q", got)
	}
}

// TestFontFamilySerialisation: the whole family list comes back, generic
// names bare, other identifiers bare, strings quoted with \ and " escaped
// (Chromium 156, WPT 2d.text.font.parse.family).
func TestFontFamilySerialisation(t *testing.T) {
	tests := []struct{ in, want string }{
		{`20px cursive,fantasy,monospace,sans-serif,serif,UnquotedFont,"QuotedFont\\\","`,
			`20px cursive, fantasy, monospace, sans-serif, serif, UnquotedFont, "QuotedFont\\\","`},
		{`10px "a b", 'c\'d'`, `10px "a b", "c'd"`},
		{`10px Two  Words`, `10px "Two Words"`},
	}
	for _, tc := range tests {
		f, ok := ParseFont(tc.in)
		if !ok {
			t.Fatalf("%q does not parse", tc.in)
		}
		if got := f.String(); got != tc.want {
			t.Errorf("ParseFont(%q).String() = %q, want %q", tc.in, got, tc.want)
		}
		g, ok := ParseFont(f.String())
		if !ok || g.String() != tc.want {
			t.Errorf("round trip of %q: %q, %v", tc.in, g.String(), ok)
		}
	}
}

// TestParseFontIn: relative sizes against the parent size, as Chromium 156
// resolves them for a canvas outside the document (10px) and in it (16px).
func TestParseFontIn(t *testing.T) {
	tests := []struct {
		in     string
		parent float64
		want   string
	}{
		{"50% serif", 10, "5px serif"},
		{"2em serif", 10, "20px serif"},
		{"1000% serif", 10, "100px serif"},
		{"1em monospace", 10, "8.125px monospace"},
		{"larger serif", 10, "12px serif"},
		{"1.5rem serif", 10, "24px serif"},
		{"50% serif", 16, "8px serif"},
		{"1em monospace", 16, "13px monospace"},
	}
	for _, tc := range tests {
		f, ok := ParseFontIn(tc.in, tc.parent)
		if got := f.String(); !ok || got != tc.want {
			t.Errorf("ParseFontIn(%q, %v) = %q, %v; want %q", tc.in, tc.parent, got, ok, tc.want)
		}
	}
}
