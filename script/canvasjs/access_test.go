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
		// State, paths, hit tests and factories touch no pixel: a frame
		// that sets its style before covering the canvas must not make
		// the jailed child copy the previous frame forward.
		{"state and paths", `const c = canvas.getContext('2d'); c.fillStyle = 'red'; c.fillStyle; c.strokeStyle = '#123';
			c.lineWidth = 3; c.font = '20px serif'; c.textAlign = 'center'; c.filter = 'blur(2px)'; c.shadowBlur = 4;
			c.globalAlpha = 0.5; c.translate(1, 2); c.setTransform(1, 0, 0, 1, 0, 0); c.save(); c.beginPath();
			c.arc(5, 5, 3, 0, 7); c.rect(1, 1, 2, 2); c.isPointInPath(5, 5); c.isPointInStroke(5, 5); c.clip();
			c.measureText('x'); c.createLinearGradient(0, 0, 1, 1); c.createImageData(2, 2); c.setLineDash([1, 2]);
			c.getTransform(); c.restore(); c.canvas`, false, false},
		{"fill", `const c = canvas.getContext('2d'); c.rect(0, 0, 5, 5); c.fill()`, true, false},
		{"stroke", `const c = canvas.getContext('2d'); c.rect(0, 0, 5, 5); c.stroke()`, true, false},
		{"strokeRect", `canvas.getContext('2d').strokeRect(0, 0, 5, 5)`, true, false},
		{"fillText", `canvas.getContext('2d').fillText('x', 5, 5)`, true, false},
		{"drawImage onto it", `canvas.getContext('2d').drawImage(new OffscreenCanvas(2, 2), 0, 0)`, true, false},
		{"getImageData", `canvas.getContext('2d').getImageData(0, 0, 1, 1)`, true, false},
		{"reset", `canvas.getContext('2d').reset()`, true, false},
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
