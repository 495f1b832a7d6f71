package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os/signal"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"seccanvas/jail"
	"seccanvas/queue"
	"seccanvas/serve"
)

const workerUsage = `Usage: seccanvas worker --nats URL[,URL...] [flags]

Pulls render jobs from a NATS JetStream queue (the one seccanvas serve fills),
runs each in a warm pool of jailed children (serve's jobs exactly as serve's
own workers run them: virtual time, seeds, formats, the same bytes) and stores
the picture or the script's outcome. SIGTERM or SIGINT drains: no new jobs are pulled, the jobs
in progress finish (or go back to the queue after --drain-timeout).

Credentials are never flags: a token or an NKey seed comes from a file
(--nats-token-file, --nats-nkey-file) or the environment
($SECCANVAS_NATS_TOKEN, $SECCANVAS_NATS_NKEY_SEED, or the file names in
$SECCANVAS_NATS_TOKEN_FILE, $SECCANVAS_NATS_NKEY_FILE).

Flags:
`

func workerCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		urls, prefix, metricsAddr, maxSize string
		natsClient                         natsClientFlags
		pool, replicas                     int
		memory                             byteSize = 1 << 30
		drain, taskBudget                  time.Duration
		noNamespaces, allowUnsafe          bool
		sec                                securityFlags
	)
	fs.StringVar(&urls, "nats", "", "NATS server URLs, comma-separated (nats://host:4222 or tls://host:4222)")
	fs.IntVar(&pool, "pool", 2, "warm jailed children, and so jobs rendered at once (1..256)")
	fs.StringVar(&metricsAddr, "metrics", "", "serve Prometheus metrics on ADDR/metrics (e.g. :9090; default: none)")
	fs.StringVar(&prefix, "prefix", "seccanvas", "name prefix of the deployment's subjects, stream and buckets (as given to serve)")
	fs.IntVar(&replicas, "replicas", 1, "replicas of the stream and buckets, when this worker is the first to create them")
	natsClient.register(fs)
	fs.Var(&memory, "memory", "memory (data segment) limit of each jailed child, 128M..1024G")
	fs.StringVar(&maxSize, "max-size", "1920x1080", "largest canvas a job may ask for, WxH")
	fs.DurationVar(&taskBudget, "task-budget", 2*time.Second, "longest one JavaScript task may run (as serve's --task-budget)")
	fs.DurationVar(&drain, "drain-timeout", 30*time.Second, "on SIGTERM, how long jobs in progress may finish before they go back to the queue")
	fs.BoolVar(&noNamespaces, "no-namespaces", false, "do not start children in new namespaces")
	fs.BoolVar(&allowUnsafe, "allow-unsafe-kernel", false, "run even when the machine check says the kernel or CPU is unsafe for a jail")
	sec.register(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, workerUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return parseExit(err)
	}
	say := newSayer(stderr)
	usageErr := func(format string, a ...any) int {
		say.line("seccanvas worker: "+format, a...)
		return 2
	}
	switch {
	case fs.NArg() > 0:
		return usageErr("unexpected argument %q", fs.Arg(0))
	case urls == "":
		return usageErr("--nats URL is required (the NATS servers serve uses; see docs/queue.md)")
	case pool < 1 || pool > 256:
		return usageErr("--pool %d is out of range: it must be 1..256", pool)
	case memory < jail.MinMemory || memory > 1<<40:
		return usageErr("--memory %s is out of range: it must be %s..1024G", humanSize(int64(memory)), humanSize(jail.MinMemory))
	}
	maxW, maxH, err := parseSize(maxSize)
	if err != nil {
		return usageErr("%v", err)
	}
	creds, err := natsClient.credentials()
	if err != nil {
		return usageErr("%v", err)
	}
	if !preflight(sec, allowUnsafe, say) {
		return 5
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))

	nc, js, err := natsClient.connect(urls, "seccanvas worker", creds)
	if err != nil {
		say.line("seccanvas worker: %v", err)
		return 5
	}
	defer nc.Close()
	isolation := jail.FullJail
	if noNamespaces {
		isolation = jail.SeccompOnly
	}
	p, err := jail.NewPool(jail.PoolConfig{Size: pool, MaxWidth: maxW, MaxHeight: maxH,
		Child: jail.Config{Isolation: isolation, Memory: uint64(memory)}})
	if err != nil {
		say.line("seccanvas worker: %v", err)
		return 5
	}
	defer p.Close()

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	w, err := queue.NewWorker(js, violationLogger{jobRouter{
		virtual: serve.NewRenderer(p, serve.RenderOptions{TaskBudget: taskBudget}),
		wall:    &queue.PoolRenderer{Pool: p},
	}, log}, queue.WorkerOptions{
		Options:     queue.Options{Prefix: prefix, Replicas: replicas},
		Concurrency: pool, Registerer: reg, DrainTimeout: drain, Logger: log,
	})
	if err != nil {
		say.line("seccanvas worker: %v", err)
		return 5
	}
	if metricsAddr != "" {
		ln, err := net.Listen("tcp", metricsAddr)
		if err != nil {
			say.line("seccanvas worker: metrics: %v", err)
			return 5
		}
		mux := http.NewServeMux()
		mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
		srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
		go srv.Serve(ln)
		defer srv.Close()
		log.Info("metrics", "url", "http://"+ln.Addr().String()+"/metrics")
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	log.Info("worker started", "nats", nc.ConnectedUrlRedacted(), "pool", pool, "prefix", prefix)
	if err := w.Run(ctx); err != nil {
		say.line("seccanvas worker: %v", err)
		return 5
	}
	log.Info("worker drained")
	return 0
}

// jobRouter renders the jobs that ask for the virtual clock (all of
// seccanvas serve's) with serve's own renderer, so that they give the
// bytes serve's local workers give, and other jobs with the queue's
// PoolRenderer (wall-clock pace). VirtualTime is part of a job's id, so
// one id is always rendered the same way.
type jobRouter struct {
	virtual, wall queue.Renderer
}

func (r jobRouter) Render(ctx context.Context, j queue.Job) (queue.Result, error) {
	if j.VirtualTime {
		return r.virtual.Render(ctx, j)
	}
	return r.wall.Render(ctx, j)
}

// violationLogger logs the jobs that ended as jail violations.
type violationLogger struct {
	queue.Renderer
	log *slog.Logger
}

func (v violationLogger) Render(ctx context.Context, j queue.Job) (queue.Result, error) {
	r, err := v.Renderer.Render(ctx, j)
	if err == nil && (r.Outcome == jail.SeccompViolation.String() || r.Outcome == jail.ProtocolViolation.String()) {
		v.log.Warn("jail violation", "outcome", r.Outcome, "detail", r.Message)
	}
	return r, err
}
