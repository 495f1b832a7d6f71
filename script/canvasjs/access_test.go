package canvasjs

import "testing"

// TestBeforeAccess: the registered function runs once, before the first
// touch of the displayed canvas's pixels, and says whether that touch
// overwrites every pixel without reading any.
func TestBeforeAccess(t *testing.T) {
	tests := []struct {
		name, src string
		called    bool
		covered   bool
	}{
		{"attribute only", `const c = canvas.getContext('2d')`, true, false}, // getContext's thisCtx-free; fillStyle below
		{"full clear", `canvas.getContext('2d').clearRect(0, 0, canvas.width, canvas.height)`, true, true},
		{"larger opaque fill", `const c = canvas.getContext('2d'); c.fillRect(-5, -5, 1000, 1000)`, true, true},
		{"partial clear", `canvas.getContext('2d').clearRect(0, 0, 10, 10)`, true, false},
		{"translucent fill", `const c = canvas.getContext('2d'); c.globalAlpha = 0.5; c.fillRect(0, 0, 100, 100)`, true, false},
		{"clipped clear", `const c = canvas.getContext('2d'); c.rect(0, 0, 5, 5); c.clip(); c.clearRect(0, 0, 100, 100)`, true, false},
		{"rotated clear", `const c = canvas.getContext('2d'); c.rotate(0.1); c.clearRect(-50, -50, 300, 300)`, true, false},
		{"read as image", `new OffscreenCanvas(2, 2).getContext('2d').drawImage(canvas, 0, 0)`, true, false},
		{"resize", `canvas.width = 10`, true, false},
		{"full putImageData", `const c = canvas.getContext('2d'); c.putImageData(new ImageData(100, 100), 0, 0)`, true, true},
		{"larger putImageData", `const c = canvas.getContext('2d'); c.putImageData(new ImageData(120, 110), -10, -5)`, true, true},
		{"partial putImageData", `const c = canvas.getContext('2d'); c.putImageData(new ImageData(100, 100), 1, 0)`, true, false},
		{"dirty putImageData", `const c = canvas.getContext('2d'); c.putImageData(new ImageData(100, 100), 0, 0, 0, 0, 100, 99)`, true, false},
		{"untouched", `new OffscreenCanvas(2, 2).getContext('2d').fillRect(0, 0, 2, 2)`, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vm, c := newVM(t, 100, 100)
			calls, covered := 0, false
			c.BeforeAccess(func(cv bool) { calls++; covered = cv })
			if _, err := vm.RunString(tc.src); err != nil {
				t.Fatal(err)
			}
			if tc.name == "attribute only" {
				// A context method (even an attribute) counts as an
				// access: the binding does not sort them.
				if _, err := vm.RunString(`c.fillStyle`); err != nil {
					t.Fatal(err)
				}
			}
			if want := map[bool]int{true: 1, false: 0}[tc.called]; calls != want {
				t.Fatalf("called %d times, want %d", calls, want)
			}
			if covered != tc.covered {
				t.Errorf("covered %v, want %v", covered, tc.covered)
			}
			// Once only.
			if _, err := vm.RunString(`canvas.getContext('2d').fillRect(0, 0, 1, 1)`); err != nil {
				t.Fatal(err)
			}
			if calls > 1 {
				t.Errorf("called %d times", calls)
			}
		})
	}
}
