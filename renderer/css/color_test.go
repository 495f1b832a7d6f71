package css

import "testing"

func TestParseColorValid(t *testing.T) {
	tests := []struct {
		in   string
		want Color
	}{
		// conformance cases/color and behavior/style_serialization
		{"rgba(100%, 0%, 50%, 0.3)", Color{255, 0, 128, 77}},
		{"rgb(20 40 60 / 0.75)", Color{20, 40, 60, 191}},
		{"hsl(400, 100%, 50%)", Color{255, 170, 0, 255}},
		{"hsla(270, 60%, 70%, .8)", Color{179, 133, 224, 204}},
		{"#0f0f0f", Color{15, 15, 15, 255}},
		{"#abcdef", Color{0xab, 0xcd, 0xef, 255}},
		{"#fa08", Color{255, 170, 0, 136}},
		{"#12345678", Color{0x12, 0x34, 0x56, 0x78}},
		{"orange", Color{255, 165, 0, 255}},
		{"coral", Color{255, 127, 80, 255}},
		{"darkslategray", Color{47, 79, 79, 255}},
		{"gold", Color{255, 215, 0, 255}},
		{"hotpink", Color{255, 105, 180, 255}},
		{"khaki", Color{240, 230, 140, 255}},
		{"lavender", Color{230, 230, 250, 255}},
		{"salmon", Color{250, 128, 114, 255}},
		{"tan", Color{210, 180, 140, 255}},
		{"thistle", Color{216, 191, 216, 255}},
		{"blue", Color{0, 0, 255, 255}},
		{"#0F0", Color{0, 255, 0, 255}},
		{"rgb(255, 255, 255)", Color{255, 255, 255, 255}},
		{"rgba(10, 20, 30, 0.25)", Color{10, 20, 30, 64}},
		{"hsl(0, 100%, 25%)", Color{128, 0, 0, 255}},
		{"rgba(0, 0, 0, 0)", Color{}},
		{"navy", Color{0, 0, 128, 255}},
		{"white", Color{255, 255, 255, 255}},
		{"darkgreen", Color{0, 100, 0, 255}},
		{"rgba(255, 0, 0, 0.8)", Color{255, 0, 0, 204}},
		{"rgba(0, 0, 255, 0.2)", Color{0, 0, 255, 51}},
		{"rgba(255, 255, 255, 0)", Color{255, 255, 255, 0}},
		{"purple", Color{128, 0, 128, 255}},
		{"yellow", Color{255, 255, 0, 255}},
		{"silver", Color{192, 192, 192, 255}},
		{"darkred", Color{139, 0, 0, 255}},
		{"green", Color{0, 128, 0, 255}},
		// forms, case and whitespace
		{"  RED\t", Color{255, 0, 0, 255}},
		{"RebeccaPurple", Color{0x66, 0x33, 0x99, 255}},
		{"transparent", Color{}},
		{"currentColor", Color{0, 0, 0, 255}},
		{"#ABC", Color{0xaa, 0xbb, 0xcc, 255}},
		{"#abcd", Color{0xaa, 0xbb, 0xcc, 0xdd}},
		{"rgb(10.5, 0, 0)", Color{11, 0, 0, 255}},
		{"rgb(300, -20, 128)", Color{255, 0, 128, 255}},
		{"rgb( 1 , 2 , 3 )", Color{1, 2, 3, 255}},
		{"rgba(1,2,3)", Color{1, 2, 3, 255}},
		{"rgb(1,2,3,50%)", Color{1, 2, 3, 128}},
		{"rgb(1 2 3/50%)", Color{1, 2, 3, 128}},
		{"rgb(1 2 3 / 2)", Color{1, 2, 3, 255}},
		{"rgb(1 2 3 / -1)", Color{1, 2, 3, 0}},
		{"rgb(100% 50 0%)", Color{255, 50, 0, 255}},
		{"rgb(none 5 6)", Color{0, 5, 6, 255}},
		{"rgb(1e2, 2e+1, 0)", Color{100, 20, 0, 255}},
		{"rgb(+5, .5, 0)", Color{5, 1, 0, 255}},
		{"rgba(0,0,0,.5)", Color{0, 0, 0, 128}},
		{"hsl(120deg 100% 50%)", Color{0, 255, 0, 255}},
		{"hsl(0.5turn, 100%, 50%)", Color{0, 255, 255, 255}},
		{"hsl(-120, 100%, 50%)", Color{0, 0, 255, 255}},
		{"hsl(3.14159265rad 100% 50%)", Color{0, 255, 255, 255}},
		{"hsl(200grad 100% 50%)", Color{0, 255, 255, 255}},
		{"hsl(0 0% 50% / 25%)", Color{128, 128, 128, 64}},
		{"hsl(60 100 50)", Color{255, 255, 0, 255}},
		{"hsla(0, 150%, -5%, 1)", Color{0, 0, 0, 255}},
		{"HSL(0, 100%, 50%)", Color{255, 0, 0, 255}},
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
		"rgb(1, 2)", "rgb(1 2)", "rgb(1, 2, 3,)", "rgb(1 2 3 4)", "rgb(1, 2 3)", "rgb(1 2, 3)",
		"rgb(1, 2, 3 / 0.5)", "rgb(1 2 3 / )", "rgb(1 2 3 / 0.5 / 1)", "rgb (1, 2, 3)", "rgb(1, 2, 3",
		"rgb(1, 2%, 3)", "rgb(1px, 2, 3)", "rgb(none, 2, 3)", "rgb(inf, 0, 0)", "rgb(0x10, 0, 0)",
		"rgb(1_0, 0, 0)", "rgb(1., 2, 3)", "rgb(., 2, 3)", "rgb(1, 2, 3, 0.5px)", "hsl(0, 50, 50)",
		"hsl(0deg, 50%)", "hsl(0foo 50% 50%)", "hsl(0, 50%, 50%, 1, 1)", "rgbx(1,2,3)", "red blue",
		"transparentx", "currentcolour", "#fffffg", "rgb()", "rgb(,,)", "rgb(1,,2,3)", "inherit",
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
		c := Color{12, 200, 7, uint8(a)}
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
		{Color{255, 0, 0, 255}, [4]uint8{0, 0, 255, 255}},
		{Color{255, 128, 10, 128}, [4]uint8{5, 64, 128, 128}},
		{Color{200, 100, 50, 0}, [4]uint8{0, 0, 0, 0}},
		{Color{1, 2, 3, 64}, [4]uint8{1, 1, 0, 64}},
	}
	for _, tc := range tests {
		if got := tc.c.Premul(); got != tc.want {
			t.Errorf("%v.Premul() = %v, want %v", tc.c, got, tc.want)
		}
	}
}
