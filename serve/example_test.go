package serve_test

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"seccanvas/jail"
	"seccanvas/serve"
)

// A program that serves renders: jail.Init first in main (the children are
// this binary), then New and Serve until SIGTERM.
func ExampleServer_Serve() {
	jail.Init()
	srv, err := serve.New(serve.Config{
		Pool:    jail.PoolConfig{Size: 4, MaxWidth: 1280, MaxHeight: 720},
		Version: "1.0.0",
		Logger:  slog.New(slog.NewJSONHandler(os.Stderr, nil)),
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	ln, err := net.Listen("tcp", "127.0.0.1:8080")
	if err != nil {
		_ = srv.Shutdown(context.Background())
		fmt.Fprintln(os.Stderr, err)
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	if err := srv.Serve(ctx, ln, 10*time.Second); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
}

// A render as a URL, for an <img src> (the Kroki convention).
func ExampleEncodeScript() {
	script := "const c = canvas.getContext('2d'); c.fillStyle = 'teal'; c.fillRect(20, 20, 160, 60);"
	fmt.Println("/v1/render/png/" + serve.EncodeScript([]byte(script)) + "?width=200&height=100")
	// Output: /v1/render/png/eNpKzs8rLlFIVrBVSE7MK0ss1ktPLXHOzytJrSjRUDdKUde0VkjWS8vMyQkuqcxJVbBVUC9JTcxRh4kGpSaXaBgZ6CiAsKGZgY6CmYGmNSAAAP__sRAZkw?width=200&height=100
}
