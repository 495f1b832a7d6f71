package queue_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"seccanvas/jail"
	"seccanvas/queue"
)

// The single-machine shape: an embedded server with no port, the warm
// pool as the only worker, and the front's client, all in one process.
// (Not run as a test: it needs the CGO_ENABLED=0 binary as the child.)
func Example() {
	// First thing in main: a jailed child never gets further.
	jail.Init()

	srv, err := queue.StartEmbedded(queue.EmbeddedOptions{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	defer srv.Close()
	js, err := srv.JetStream()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}

	pool, err := jail.NewPool(jail.PoolConfig{Size: 2})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	defer pool.Close()
	w, err := queue.NewWorker(js, &queue.PoolRenderer{Pool: pool}, queue.WorkerOptions{Concurrency: 2})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go w.Run(ctx)

	c, err := queue.NewClient(ctx, js, "0.1.0", queue.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	id, err := c.Submit(ctx, queue.Job{
		Script: []byte(`canvas.getContext("2d").fillRect(10, 10, 100, 50);`),
		Width:  128, Height: 128, Frames: 1, Format: "png", Seed: 1, Timeout: 10 * time.Second,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	res, err := c.Wait(ctx, id)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	fmt.Println(res.Outcome, res.ContentType, len(res.Image) > 0)
}

// A front on its own machine: connect to the deployment's NATS servers
// with credentials from the environment, submit and wait.
func ExampleConnect() {
	creds, err := queue.LoadCredentials("", "", os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	nc, err := queue.Connect(queue.ConnectOptions{
		URLs:        []string{"nats://nats-0:4222", "nats://nats-1:4222", "nats://nats-2:4222"},
		Credentials: creds,
		TLS:         queue.TLSOptions{CAFile: "/etc/seccanvas/nats-ca.pem", Required: true},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	c, err := queue.NewClient(context.Background(), js, "0.1.0", queue.Options{Prefix: "prod", Replicas: 3})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	st, err := c.Status(context.Background(), queue.JobID(queue.Job{Script: []byte("1"), Width: 1, Height: 1, Format: "png"}, "0.1.0"))
	fmt.Println(st.State, err)
}
