package css

import "testing"

func TestParseColorValid(t *testing.T) {
	tests := []struct {
		in   string
		want Color
	}{
		// conformance cases/color and behavior/style_serialization
		{"rgba(100%, 0%, 50%, 0.3)", Color{R: 255, G: 0, B: 128, A: 77}},
		{"rgb(20 40 60 / 0.75)", Color{R: 20, G: 40, B: 60, A: 191}},
		{"hsl(400, 100%, 50%)", Color{R: 255, G: 170, B: 0, A: 255}},
		{"hsla(270, 60%, 70%, .8)", Color{R: 179, G: 133, B: 224, A: 204}},
		{"#0f0f0f", Color{R: 15, G: 15, B: 15, A: 255}},
		{"#abcdef", Color{R: 0xab, G: 0xcd, B: 0xef, A: 255}},
		{"#fa08", Color{R: 255, G: 170, B: 0, A: 136}},
		{"#12345678", Color{R: 0x12, G: 0x34, B: 0x56, A: 0x78}},
		{"orange", Color{R: 255, G: 165, B: 0, A: 255}},
		{"coral", Color{R: 255, G: 127, B: 80, A: 255}},
		{"darkslategray", Color{R: 47, G: 79, B: 79, A: 255}},
		{"gold", Color{R: 255, G: 215, B: 0, A: 255}},
		{"hotpink", Color{R: 255, G: 105, B: 180, A: 255}},
		{"khaki", Color{R: 240, G: 230, B: 140, A: 255}},
		{"lavender", Color{R: 230, G: 230, B: 250, A: 255}},
		{"salmon", Color{R: 250, G: 128, B: 114, A: 255}},
		{"tan", Color{R: 210, G: 180, B: 140, A: 255}},
		{"thistle", Color{R: 216, G: 191, B: 216, A: 255}},
		{"blue", Color{R: 0, G: 0, B: 255, A: 255}},
		{"#0F0", Color{R: 0, G: 255, B: 0, A: 255}},
		{"rgb(255, 255, 255)", Color{R: 255, G: 255, B: 255, A: 255}},
		{"rgba(10, 20, 30, 0.25)", Color{R: 10, G: 20, B: 30, A: 64}},
		{"hsl(0, 100%, 25%)", Color{R: 128, G: 0, B: 0, A: 255}},
		{"rgba(0, 0, 0, 0)", Color{}},
		{"navy", Color{R: 0, G: 0, B: 128, A: 255}},
		{"white", Color{R: 255, G: 255, B: 255, A: 255}},
		{"darkgreen", Color{R: 0, G: 100, B: 0, A: 255}},
		{"rgba(255, 0, 0, 0.8)", Color{R: 255, G: 0, B: 0, A: 204}},
		{"rgba(0, 0, 255, 0.2)", Color{R: 0, G: 0, B: 255, A: 51}},
		{"rgba(255, 255, 255, 0)", Color{R: 255, G: 255, B: 255, A: 0}},
		{"purple", Color{R: 128, G: 0, B: 128, A: 255}},
		{"yellow", Color{R: 255, G: 255, B: 0, A: 255}},
		{"silver", Color{R: 192, G: 192, B: 192, A: 255}},
		{"darkred", Color{R: 139, G: 0, B: 0, A: 255}},
		{"green", Color{R: 0, G: 128, B: 0, A: 255}},
		// forms, case and whitespace
		{"  RED\t", Color{R: 255, G: 0, B: 0, A: 255}},
		{"RebeccaPurple", Color{R: 0x66, G: 0x33, B: 0x99, A: 255}},
		{"transparent", Color{}},
		{"currentColor", Color{R: 0, G: 0, B: 0, A: 255}},
		{"#ABC", Color{R: 0xaa, G: 0xbb, B: 0xcc, A: 255}},
		{"#abcd", Color{R: 0xaa, G: 0xbb, B: 0xcc, A: 0xdd}},
		{"rgb(10.5, 0, 0)", Color{R: 11, G: 0, B: 0, A: 255}},
		{"rgb(300, -20, 128)", Color{R: 255, G: 0, B: 128, A: 255}},
		{"rgb( 1 , 2 , 3 )", Color{R: 1, G: 2, B: 3, A: 255}},
		// CSS closes a function left open at the end of the input.
		{"rgb(0, 255, 0", Color{G: 255, A: 255}},
		{"rgba(0, 0, 255, 0.5 ", Color{B: 255, A: 128}},
		{"hsl(120, 100%, 50%", Color{G: 255, A: 255}},
		// CSS comments separate tokens like whitespace (an unclosed one ends
		// at the end of the input); Chromium's answers.
		{"rgb(0, 255, 0)/**/", Color{G: 255, A: 255}},
		{"rgb(0, 255, 0 /* c", Color{G: 255, A: 255}},
		{"rgb(0/**/255/**/0)", Color{G: 255, A: 255}},
		{"rgb(0,255/**/,0)", Color{G: 255, A: 255}},
		{"rgb(0 255 0 //**/50%)", Color{G: 255, A: 128}},
		{"rgb(0, 255, 0 /*)*/)", Color{G: 255, A: 255}},
		{"/* a */ #00f /* b */", Color{B: 255, A: 255}},
		{"rgba(1,2,3)", Color{R: 1, G: 2, B: 3, A: 255}},
		{"rgb(1,2,3,50%)", Color{R: 1, G: 2, B: 3, A: 128}},
		{"rgb(1 2 3/50%)", Color{R: 1, G: 2, B: 3, A: 128}},
		{"rgb(1 2 3 / 2)", Color{R: 1, G: 2, B: 3, A: 255}},
		{"rgb(1 2 3 / -1)", Color{R: 1, G: 2, B: 3, A: 0}},
		{"rgb(100% 50 0%)", Color{R: 255, G: 50, B: 0, A: 255}},
		{"rgb(none 5 6)", Color{R: 0, G: 5, B: 6, A: 255}},
		{"rgb(1e2, 2e+1, 0)", Color{R: 100, G: 20, B: 0, A: 255}},
		{"rgb(+5, .5, 0)", Color{R: 5, G: 1, B: 0, A: 255}},
		{"rgba(0,0,0,.5)", Color{R: 0, G: 0, B: 0, A: 128}},
		{"hsl(120deg 100% 50%)", Color{R: 0, G: 255, B: 0, A: 255}},
		{"hsl(0.5turn, 100%, 50%)", Color{R: 0, G: 255, B: 255, A: 255}},
		{"hsl(-120, 100%, 50%)", Color{R: 0, G: 0, B: 255, A: 255}},
		{"hsl(3.14159265rad 100% 50%)", Color{R: 0, G: 255, B: 255, A: 255}},
		{"hsl(200grad 100% 50%)", Color{R: 0, G: 255, B: 255, A: 255}},
		{"hsl(0 0% 50% / 25%)", Color{R: 128, G: 128, B: 128, A: 64}},
		{"hsl(60 100 50)", Color{R: 255, G: 255, B: 0, A: 255}},
		{"hsla(0, 150%, -5%, 1)", Color{R: 0, G: 0, B: 0, A: 255}},
		{"HSL(0, 100%, 50%)", Color{R: 255, G: 0, B: 0, A: 255}},
	}
	for _, tc := range tests {
		got, ok := ParseColor(tc.in)
		if !ok || got != tc.want {
			t.Errorf("ParseColor(%q) = %v, %v; want %v, true", tc.in, got, ok, tc.want)
		}
	}
}

func TestParseColorInvalid(t *testing.T) {
	for _, s := range []string{
		"", " ", "blurple", "rgb(0, 0, 0, 0, 0)", "#", "#12", "#12345", "#1234567", "#ggg", "# fff",
		"rgb(1, 2, 3 / 0.5)", "rgb(1 2 3 / )", "rgb(1 2 3 / 0.5 / 1)", "rgb (1, 2, 3)",
		"rgb(1, 2)", "rgb(1 2)", "rgb(1, 2, 3,)", "rgb(1 2 3 4)", "rgb(1, 2 3)", "rgb(1 2, 3)",
		"rgb(1, 2%, 3)", "rgb(1px, 2, 3)", "rgb(none, 2, 3)", "rgb(inf, 0, 0)", "rgb(0x10, 0, 0)",
		"rgb(1_0, 0, 0)", "rgb(1., 2, 3)", "rgb(., 2, 3)", "rgb(1, 2, 3, 0.5px)", "hsl(0, 50, 50)",
		"hsl(0deg, 50%)", "hsl(0foo 50% 50%)", "hsl(0, 50%, 50%, 1, 1)", "rgbx(1,2,3)", "red blue",
		"transparentx", "currentcolour", "#fffffg", "rgb()", "rgb(,,)", "rgb(1,,2,3)", "inherit",
		// Comments: a keyword beside one is not a colour to Chromium (its
		// full parser gives an identifier), and they split tokens.
		"/**/red", "red/*", "red /*/ blue", "re/**/d", "rgb/**/(0,0,0)", "#0/**/f0", "rgb(0, 25/**/5, 0)",
		"hsl(120/**/deg 100% 50%)", "/*",
	} {
		if c, ok := ParseColor(s); ok {
			t.Errorf("ParseColor(%q) = %v, true; want false", s, c)
		}
	}
}

func TestNamedColorCount(t *testing.T) {
	if len(namedColors) != 148 {
		t.Fatalf("have %d named colours, want 148", len(namedColors))
	}
}

func TestColorString(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"blue", "#0000ff"},
		{"#0F0", "#00ff00"},
		{"rgb(255, 255, 255)", "#ffffff"},
		{"rgba(10, 20, 30, 0.25)", "rgba(10, 20, 30, 0.25)"},
		{"hsl(0, 100%, 25%)", "#800000"},
		{"rgba(0, 0, 0, 0)", "rgba(0, 0, 0, 0)"},
		{"rgba(1, 2, 3, 0.5)", "rgba(1, 2, 3, 0.5)"},
		{"rgba(1, 2, 3, 0.2)", "rgba(1, 2, 3, 0.2)"},
		{"rgba(1, 2, 3, 0.3)", "rgba(1, 2, 3, 0.3)"},
		{"rgba(1, 2, 3, 0.8)", "rgba(1, 2, 3, 0.8)"},
		{"#ABCDEF", "#abcdef"},
		{"#12345678", "rgba(18, 52, 86, 0.47)"},
		{"transparent", "rgba(0, 0, 0, 0)"},
	}
	for _, tc := range tests {
		c, ok := ParseColor(tc.in)
		if !ok {
			t.Fatalf("ParseColor(%q) failed", tc.in)
		}
		if got := c.String(); got != tc.want {
			t.Errorf("ParseColor(%q).String() = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestColorStringRoundTrip checks that every alpha byte serialises to a
// string that parses back to the same colour.
func TestColorStringRoundTrip(t *testing.T) {
	for a := 0; a < 256; a++ {
		c := Color{R: 12, G: 200, B: 7, A: uint8(a)}
		got, ok := ParseColor(c.String())
		if !ok || got != c {
			t.Errorf("round trip of %v via %q gave %v, %v", c, c.String(), got, ok)
		}
	}
}

func TestAlphaString(t *testing.T) {
	tests := []struct {
		a    uint8
		want string
	}{{0, "0"}, {128, "0.5"}, {64, "0.25"}, {51, "0.2"}, {1, "0.004"}, {254, "0.996"}, {77, "0.3"}}
	for _, tc := range tests {
		if got := alphaString(tc.a); got != tc.want {
			t.Errorf("alphaString(%d) = %q, want %q", tc.a, got, tc.want)
		}
	}
}

func TestPremul(t *testing.T) {
	tests := []struct {
		c    Color
		want [4]uint8
	}{
		{Color{R: 255, G: 0, B: 0, A: 255}, [4]uint8{0, 0, 255, 255}},
		{Color{R: 255, G: 128, B: 10, A: 128}, [4]uint8{5, 64, 128, 128}},
		{Color{R: 200, G: 100, B: 50, A: 0}, [4]uint8{0, 0, 0, 0}},
		{Color{R: 1, G: 2, B: 3, A: 64}, [4]uint8{1, 1, 0, 64}},
	}
	for _, tc := range tests {
		if got := tc.c.Premul(); got != tc.want {
			t.Errorf("%v.Premul() = %v, want %v", tc.c, got, tc.want)
		}
	}
}

func TestParseModernColors(t *testing.T) {
	// Pixels and read-back strings are Chromium 156's.
	for _, tc := range []struct {
		in, out    string
		r, g, b, a uint8
	}{
		{"color(srgb 1 0.5 0)", "color(srgb 1 0.5 0)", 255, 128, 0, 255},
		{"lab(50% 40 59.5)", "lab(50 40 59.5)", 191, 87, 0, 255},
		{"lch(52.2% 72.2 50)", "lch(52.2 72.2 50)", 205, 86, 26, 255},
		{"oklab(60% 40% -40%)", "oklab(0.6 0.16 -0.16)", 177, 69, 218, 255},
		{"oklch(70% 0.4 400)", "oklch(0.7 0.4 40)", 255, 0, 0, 255},
		{"color(xyz 0.2 0.3 0.4)", "color(xyz-d65 0.2 0.3 0.4)", 0, 167, 164, 255},
		{"color(xyz-d50 0.2 0.3 0.4)", "color(xyz-d50 0.2 0.3 0.4)", 0, 168, 189, 255},
		{"color(display-p3 0 1 0)", "color(display-p3 0 1 0)", 0, 255, 0, 255},
		{"color(rec2020 0.5 0.5 0.5)", "color(rec2020 0.5 0.5 0.5)", 139, 139, 139, 255},
		{"color(prophoto-rgb 0.5 0.5 0.5)", "color(prophoto-rgb 0.5 0.5 0.5)", 146, 146, 146, 255},
		{"color(srgb-linear 0.5 0.5 0.5)", "color(srgb-linear 0.5 0.5 0.5)", 188, 188, 188, 255},
		{"color(srgb 1 0 0 / 0.123456789)", "color(srgb 1 0 0 / 0.123457)", 255, 0, 0, 31},
		{"lab(33.3333 -0.000001 123456)", "lab(33.3333 -0.000001 123456)", 255, 0, 0, 255},
		{"lch(-10 -5 10)", "lch(0 0 10)", 0, 0, 0, 255},
		{"lab(none 10 10)", "lab(none 10 10)", 26, 0, 0, 255},
		{"hwb(120 20% 30% / 0.4)", "rgba(51, 179, 51, 0.4)", 51, 179, 51, 102},
		{"Highlight", "rgba(0, 65, 198, 0.8)", 0, 65, 198, 204},
		{"ButtonFace", "#efefef", 239, 239, 239, 255},
	} {
		c, ok := ParseColor(tc.in)
		if !ok || c.String() != tc.out || c.R != tc.r || c.G != tc.g || c.B != tc.b || c.A != tc.a {
			t.Errorf("ParseColor(%q) = %v %q %d,%d,%d,%d; want %q %d,%d,%d,%d", tc.in, ok, c.String(), c.R, c.G, c.B, c.A, tc.out, tc.r, tc.g, tc.b, tc.a)
		}
	}
	for _, s := range []string{"lab(50 40)", "lab(50, 40, 59)", "color(foo 1 2 3)", "color(srgb 1 2)", "lch(50 30 10%)", "AccentColor"} {
		if _, ok := ParseColor(s); ok {
			t.Errorf("ParseColor(%q) accepted", s)
		}
	}
}
