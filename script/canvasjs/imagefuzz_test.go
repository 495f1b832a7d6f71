package canvasjs

import (
	"encoding/base64"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"

	"seccanvas/renderer"
	"seccanvas/script"
)

// FuzzImageDataURL feeds untrusted bytes to the path a script's image
// takes in the jailed child: a data: URL set as an Image's src, decoded,
// then drawn with 3, 5 and 9 arguments, as a pattern and through
// createImageBitmap. The page must fire load exactly when the decoder
// accepts the bytes (with the decoder's size) and error otherwise, and no
// bytes may make the binding throw anything but the script's own errors.
// Each input runs a whole page, and most inputs reach new code in goja:
// fuzz with a short minimisation, e.g.
//
//	go test ./script/canvasjs -run - -fuzz FuzzImageDataURL -fuzzminimizetime 20x
func FuzzImageDataURL(f *testing.F) {
	for _, format := range []string{"png", "jpeg", "gif"} {
		f.Add(encoded(f, format))
	}
	for _, name := range []string{"yuv420.jpg", "yuv422.jpg", "lossy.webp", "lossy_alpha.webp", "anim_lossy_alpha.webp"} {
		data, err := os.ReadFile("../../renderer/testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("GIF89a"))
	lim := renderer.DecodeLimits{MaxBytes: 1 << 20}
	const page = `
const ctx = canvas.getContext('2d');
const img = new Image();
img.onload = () => {
  console.log('load ' + img.naturalWidth + 'x' + img.naturalHeight);
  ctx.drawImage(img, 1, 1);
  ctx.drawImage(img, 0, 0, 7, 5);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(img, 1, 1, 3, 3, 2, 2, 11, 9);
  ctx.fillStyle = ctx.createPattern(img, 'repeat-x');
  ctx.fillRect(0, 10, 20, 10);
  createImageBitmap(img, -1, -1, 5, 4, {resizeWidth: 9, resizeHeight: 3}).then((bm) => {
    ctx.drawImage(bm, 3, 3);
    console.log('bitmap ' + bm.width + 'x' + bm.height);
  });
};
img.onerror = () => console.log('error');
img.src = SRC;
`
	f.Fuzz(func(t *testing.T, data []byte) {
		var logs []string
		r, err := script.New(script.Options{
			TaskBudget: 5 * time.Second,
			Log:        func(_ uint8, s string) { logs = append(logs, s) },
			SetupHost: func(vm *goja.Runtime, h script.Host) error {
				_, err := Install(vm, Options{Width: 20, Height: 20, Host: h, Decode: lim})
				return err
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		src := strconv.Quote("data:image/x;base64," + base64.StdEncoding.EncodeToString(data))
		errs := r.RunMain("page.js", strings.Replace(page, "SRC", src, 1))
		for i := 0; i < 20 && !r.Idle(); i++ {
			_, e := r.RunDueTimers(r.Now() + time.Hour)
			errs = append(errs, e...)
		}
		for _, e := range errs {
			t.Fatalf("bytes %q: %s", data, e.Message)
		}
		bmp, _, derr := renderer.DecodeImage(data, lim)
		want := []string{"error"}
		if derr == nil {
			want = []string{"load " + strconv.Itoa(bmp.W) + "x" + strconv.Itoa(bmp.H), "bitmap 9x3"}
		}
		if strings.Join(logs, "\n") != strings.Join(want, "\n") {
			t.Fatalf("bytes %q: page logged %q, want %q", data, logs, want)
		}
	})
}
