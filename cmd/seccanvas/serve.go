package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os/signal"
	"syscall"
	"time"

	"seccanvas/jail"
	"seccanvas/queue"
	"seccanvas/serve"
	"seccanvas/violationlog"
)

// serveCommand runs the HTTP render service and playground until SIGTERM
// or SIGINT, then shuts down gracefully.
func serveCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		cfg                    serve.Config
		memory, cache, maxBody byteSize = 1 << 30, 64 << 20, 1 << 20
		maxOutput              byteSize = 64 << 10
		security               securityFlags
	)
	listen := fs.String("listen", "127.0.0.1:8080", "address to listen on (one port: API, playground, metrics)")
	fs.IntVar(&cfg.Pool.Size, "pool", 2, "jailed children kept warm: how many jobs run at once")
	fs.IntVar(&cfg.QueueLength, "queue", 0, "requests that may wait for a child beyond those running; more are answered 429 (default 4× --pool)")
	maxSize := fs.String("max-size", "1920x1080", "largest canvas a request may ask for, WxH")
	fs.Var(&maxBody, "max-body", "largest request body (and decoded GET script); more is answered 413")
	fs.DurationVar(&cfg.DefaultTimeout, "timeout", 10*time.Second, "a job's wall-clock budget when the request names none")
	fs.DurationVar(&cfg.MaxTimeout, "max-timeout", 30*time.Second, "the most a request may ask for with timeout")
	fs.DurationVar(&cfg.TaskBudget, "task-budget", 2*time.Second, "longest one JavaScript task may run")
	fs.IntVar(&cfg.MaxFrames, "max-frames", 600, "the most frames a request may ask for")
	fs.IntVar(&cfg.MaxFPS, "max-fps", 60, "the highest frame rate a request may ask for")
	fs.Var(&memory, "memory", "memory (data segment) limit of each jailed child")
	fs.DurationVar(&cfg.Pool.Child.CPU, "cpu", 0, "CPU-time limit of each jailed child (0: none)")
	fs.Var(&maxOutput, "max-output", "console output kept per job")
	fs.Var(&cache, "cache", "size of the in-memory result cache (0 disables it)")
	fs.IntVar(&cfg.ClientJobs, "client-jobs", 0, "jobs one client address may have running or queued (default --pool; -1: no bound)")
	fs.Float64Var(&cfg.ClientRate, "client-rate", 10, "new jobs per second one client address may start (-1: no bound)")
	fs.IntVar(&cfg.ClientBurst, "client-burst", 20, "burst of new jobs one client address may start at once")
	fs.IntVar(&cfg.LiveSessions, "live-sessions", 0, "playground sessions at once (default half of --pool, at least 1)")
	fs.DurationVar(&cfg.LiveTimeout, "live-timeout", 10*time.Minute, "longest a playground run may last")
	fs.StringVar(&cfg.ChartLib, "lib", "", "directory of npm packages holding chart.js (npm install --prefix DIR chart.js@4); enables /chart")
	grace := fs.Duration("grace", 10*time.Second, "on SIGTERM, how long jobs in flight may finish before they are canceled")
	logFormat := fs.String("log-format", "text", "request log format on stderr: text or json")
	noNamespaces := fs.Bool("no-namespaces", false, "do not start children in new user/PID/network/mount/UTS namespaces")
	procs := fs.Int("procs", 2, "GOMAXPROCS of each jailed child")
	allowUnsafe := fs.Bool("allow-unsafe-kernel", false, "serve even when the machine check says the kernel or CPU is unsafe for a jail")
	var (
		natsURLs, natsListen, stateDir string
		natsClient                     natsClientFlags
	)
	fs.StringVar(&natsURLs, "nats", "", "NATS servers, comma-separated: only enqueue jobs there for seccanvas worker (default: an embedded server whose workers are --pool)")
	fs.StringVar(&natsListen, "nats-listen", "", "expose the embedded NATS server on ADDR (host:port) so that seccanvas worker --nats can join; needs credentials")
	fs.StringVar(&stateDir, "state", "", "directory of the embedded NATS server's store (default: a temporary one, removed at exit)")
	fs.StringVar(&cfg.Queue.Options.Prefix, "prefix", "seccanvas", "name prefix of the deployment's subjects, stream and buckets")
	fs.IntVar(&cfg.Queue.Options.Replicas, "replicas", 1, "replicas of the stream and buckets, when this server is the first to create them")
	fs.IntVar(&cfg.Queue.MaxInFlight, "max-in-flight", 64, "with --nats and no --pool: jobs this front waits for at once")
	natsClient.register(fs)
	security.register(fs)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: seccanvas serve [flags]\n\nServes POST /v1/render, GET /v1/render/{png|gif}/{script}, POST /v1/jobs,\nGET /v1/jobs/{id}, /chart, the playground at /, /healthz and /metrics.\nRun seccanvas doctor first.\n\nRender jobs go through a NATS JetStream queue: by default an embedded server\nwhose workers are the pool (nothing to install); --nats-listen ADDR lets\nseccanvas worker --nats join it from other machines; --nats URL,... only\nenqueues on an existing deployment (add --pool N to render here too).\nCredentials are never flags: --nats-token-file, --nats-nkey-file, or\n$SECCANVAS_NATS_TOKEN, $SECCANVAS_NATS_NKEY_SEED, $SECCANVAS_NATS_TOKEN_FILE,\n$SECCANVAS_NATS_NKEY_FILE. See docs/queue.md.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return parseExit(err)
	}
	say := newSayer(stderr)
	if fs.NArg() > 0 {
		say.line("seccanvas serve: unexpected argument %q; see seccanvas serve --help", fs.Arg(0))
		return 2
	}
	w, h, err := parseSize(*maxSize)
	if err != nil {
		say.line("seccanvas serve: %v", err)
		return 2
	}
	poolSet := false
	fs.Visit(func(f *flag.Flag) { poolSet = poolSet || f.Name == "pool" })
	if natsURLs != "" && natsListen != "" {
		say.line("seccanvas serve: --nats and --nats-listen exclude each other: --nats-listen exposes the embedded server, --nats uses another")
		return 2
	}
	if natsURLs != "" && stateDir != "" {
		say.line("seccanvas serve: --state is the embedded server's store; with --nats the servers keep it")
		return 2
	}
	if natsURLs != "" && !poolSet {
		cfg.Pool.Size = 2 // unused: no pool
	}
	if cfg.Pool.Size < 1 || cfg.Pool.Size > 1024 {
		say.line("seccanvas serve: --pool %d is out of range: it must be 1..1024", cfg.Pool.Size)
		return 2
	}
	if *procs < 1 || *procs > jail.MaxGoMaxProcs {
		say.line("seccanvas serve: --procs %d is out of range: it must be 1..%d", *procs, jail.MaxGoMaxProcs)
		return 2
	}
	var handler slog.Handler
	switch *logFormat {
	case "text":
		handler = slog.NewTextHandler(stderr, nil)
	case "json":
		handler = slog.NewJSONHandler(stderr, nil)
	default:
		say.line("seccanvas serve: --log-format %q: use text or json", *logFormat)
		return 2
	}
	cfg.Pool.MaxWidth, cfg.Pool.MaxHeight = w, h
	cfg.Pool.Child.Memory = uint64(memory)
	cfg.Pool.Child.GoMaxProcs = *procs
	if *noNamespaces {
		cfg.Pool.Child.Isolation = jail.SeccompOnly
	}
	cfg.MaxBody, cfg.MaxOutput = int64(maxBody), int64(maxOutput)
	cfg.CacheBytes = int64(cache)
	if cache == 0 {
		cfg.CacheBytes = -1
	}
	cfg.Version = version
	cfg.Logger = slog.New(handler)
	path, enabled, err := violationlog.PathFromFlag(security.violationLog)
	if err != nil {
		say.line("seccanvas serve: --violation-log: %v", err)
		return 2
	}
	if enabled {
		cfg.ViolationLog = path
	}

	var creds queue.Credentials
	if natsURLs != "" || natsListen != "" || natsClient.credentialsGiven() {
		if creds, err = natsClient.credentials(); err != nil {
			say.line("seccanvas serve: %v", err)
			return 2
		}
	}
	cfg.Queue.Embedded = queue.EmbeddedOptions{Listen: natsListen, Credentials: creds, StoreDir: stateDir}
	if natsURLs != "" {
		nc, js, err := natsClient.connect(natsURLs, "seccanvas serve", creds)
		if err != nil {
			say.line("seccanvas serve: %v", err)
			return 5
		}
		defer nc.Close()
		cfg.Queue.JetStream, cfg.Queue.LocalWorkers = js, poolSet
	}
	// A front without a pool runs no children: no machine check then.
	if natsURLs == "" || cfg.Queue.LocalWorkers {
		if !preflight(security, *allowUnsafe, say) {
			return 5
		}
	}
	srv, err := serve.New(cfg)
	if err != nil {
		say.line("seccanvas serve: %v", err)
		return 5
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		_ = srv.Shutdown(context.Background())
		say.line("seccanvas serve: %v", err)
		return 5
	}
	switch {
	case natsURLs != "":
		cfg.Logger.Info("serving", "addr", ln.Addr().String(), "nats", natsURLs, "local_pool", cfg.Queue.LocalWorkers, "version", version)
	default:
		cfg.Logger.Info("serving", "addr", ln.Addr().String(), "pool", cfg.Pool.Size, "nats_listen", srv.NATSURL(), "version", version)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	if err := srv.Serve(ctx, ln, *grace); err != nil {
		say.line("seccanvas serve: %v", err)
		return 5
	}
	cfg.Logger.Info("stopped")
	return 0
}
