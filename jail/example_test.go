package jail_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"seccanvas/jail"
	"seccanvas/present/headless"
)

// Run a script in the jail and write what it drew as a PNG. The program
// that does this calls jail.Init first thing in its main.
func Example() {
	exe, _ := bin.Path() // this example's own binary is a test binary; a program leaves Executable empty
	out := filepath.Join(os.TempDir(), "seccanvas-example.png")
	defer os.Remove(out)
	png := headless.NewWriter(headless.PNG, out)
	var console strings.Builder
	res, err := jail.Run(context.Background(), jail.Config{
		Name: "hello.js",
		Source: []byte(`
			const ctx = canvas.getContext('2d');
			ctx.fillStyle = 'teal';
			ctx.fillRect(10, 10, 100, 50);
			console.log('drew a', canvas.width + 'x' + canvas.height, 'canvas');`),
		Width: 160, Height: 90,
		ExitWhenIdle: true,
		Timeout:      10 * time.Second,
		Presenter:    png,
		Stdout:       &console,
		Executable:   exe,
	})
	if err != nil {
		fmt.Println("the jail failed:", err)
		return
	}
	if err := png.Close(); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(console.String())
	fmt.Println(res.Outcome, "after", res.Frames, "frame(s), locked:", hardened(res, "seccomp"))
	// Output:
	// drew a 160x90 canvas
	// finished after 1 frame(s), locked: true
}

// A Pool keeps locked children waiting; each runs one script.
func ExamplePool() {
	exe, _ := bin.Path()
	pool, err := jail.NewPool(jail.PoolConfig{Size: 2, MaxWidth: 256, MaxHeight: 256, Child: jail.Config{Executable: exe}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer pool.Close()
	for i := range 3 {
		var out strings.Builder
		res, err := pool.Run(context.Background(), jail.Config{
			Source: []byte(fmt.Sprintf("console.log(%d * 7)", i)), Width: 64, Height: 64,
			ExitWhenIdle: true, Timeout: 10 * time.Second, Stdout: &out,
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Print(res.Outcome, ": ", out.String())
	}
	// Output:
	// finished: 0
	// finished: 7
	// finished: 14
}

func hardened(res jail.Result, step string) bool {
	for _, s := range res.Hardening {
		if s.Name == step {
			return s.Status == jail.StepApplied
		}
	}
	return false
}
