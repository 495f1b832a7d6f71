package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"seccanvas/doctor"
	"seccanvas/jail"
	"seccanvas/violationlog"
)

// version is the seccanvas version recorded in violation logs.
const version = "0.1.0-dev"

// securityFlags are the flags doctor and run share.
type securityFlags struct {
	policy       string
	rules        string
	minSequence  int
	violationLog string
}

func (s *securityFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.policy, "policy", "standard", "how strict the machine checks are: standard or strict")
	fs.StringVar(&s.rules, "rules", "", "site rules file (JSON) with more known-bad kernels")
	fs.IntVar(&s.minSequence, "min-sequence", 0, "refuse to vouch for the kernel if the embedded bug table is older than this sequence")
	fs.StringVar(&s.violationLog, "violation-log", "", "violation log (default $XDG_STATE_HOME/seccanvas/violations.jsonl; - disables)")
}

func doctorCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("doctor", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sec securityFlags
	sec.register(fs)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	display := fs.String("display", os.Getenv("DISPLAY"), "X display whose MIT-SHM support to check")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: seccanvas doctor [--json] [--policy standard|strict] [--rules FILE] [--min-sequence N]")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\nExit codes: 0 ok, 1 warn, 2 unsafe, 5 doctor itself failed.")
	}
	if err := fs.Parse(args); err != nil {
		return parseExit(err)
	}
	rep, err := doctor.Run(context.Background(), doctor.Options{
		Root: "/", Policy: doctor.Policy(sec.policy), RulesFile: sec.rules, MinSequence: sec.minSequence,
		Display: *display, SpawnJailed: spawnJailed, ViolationLog: sec.violationLog,
	})
	if err != nil {
		fmt.Fprintf(stderr, "seccanvas doctor: %v\n", err)
		return 5
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintf(stderr, "seccanvas doctor: %v\n", err)
			return 5
		}
	} else if err := rep.WriteText(stdout); err != nil {
		fmt.Fprintf(stderr, "seccanvas doctor: %v\n", err)
		return 5
	}
	return rep.Verdict.ExitCode()
}

// spawnJailed starts a real jailed child (the same configuration as run)
// and reads /proc/PID/status while it waits for its script.
func spawnJailed(ctx context.Context) (doctor.JailedStatus, error) {
	st, stErr := doctor.JailedStatus{}, errors.New("the jailed child never became ready")
	var host jail.Host
	res, err := host.Run(ctx, jail.Config{
		Name: "doctor.js", Source: []byte(""), Width: 16, Height: 16, ExitWhenIdle: true, Timeout: 10 * time.Second,
		OnReady: func(pid int, steps []jail.Step) {
			st, stErr = doctor.ReadStatus("/", pid)
			for _, s := range steps {
				if s.Name == "threads" {
					st.ThreadLimit = s.Status.String() + ": " + s.Detail
					if s.Status != jail.StepApplied {
						st.ThreadLimit = "the host's watch of /proc/PID/status (RLIMIT_NPROC " + s.Status.String() + ": " + s.Detail + ")"
					}
				}
			}
		},
	})
	if err != nil {
		return st, fmt.Errorf("spawn jailed child: %w", err)
	}
	if res.Outcome != jail.Finished {
		return st, fmt.Errorf("jailed child: %s: %s", res.Outcome, res.Detail)
	}
	return st, stErr
}

// errRefused says that the machine check refused the run (preflight has
// said why).
var errRefused = errors.New("the machine check refused the run")

// startPreflight runs preflight in the background and returns what waits
// for its verdict: nil, or errRefused when the run must not go on. The run
// spawns its child meanwhile (exec, hardening and the engine's build take
// tens of milliseconds; the check about one), and jail.Config.Admit holds
// the scripts back until the verdict: on a machine the check refuses, the
// child is killed without having received a byte of them.
func startPreflight(sec securityFlags, allowUnsafe bool, say *sayer) func() error {
	verdict := make(chan bool, 1)
	go func() { verdict <- preflight(sec, allowUnsafe, say) }()
	return sync.OnceValue(func() error {
		if !<-verdict {
			return errRefused
		}
		return nil
	})
}

// preflight runs doctor's quick checks before a run, or takes their report
// from this boot's cache (jail.CachedPreflight). It returns false when the
// run must not start.
func preflight(sec securityFlags, allowUnsafe bool, say *sayer) bool {
	rep, err := jail.CachedPreflight(context.Background(), doctor.Options{
		Root: "/", Policy: doctor.Policy(sec.policy), RulesFile: sec.rules, MinSequence: sec.minSequence, Quick: true,
	}, jail.PreflightCacheDir())
	if err != nil {
		say.line("seccanvas run: machine check: %v", err)
		return false
	}
	switch rep.Verdict {
	case doctor.Unsafe:
		if allowUnsafe {
			say.line("seccanvas: this machine is UNSAFE for a jail (%s); running anyway because of --allow-unsafe-kernel", rep.Summary())
			return true
		}
		say.line("seccanvas run: refusing to run: this machine is unsafe for a jail: %s; see seccanvas doctor, or pass --allow-unsafe-kernel", rep.Summary())
		return false
	case doctor.Warn:
		var names []string
		for _, c := range rep.Failed() {
			names = append(names, c.Name)
		}
		say.line("seccanvas: machine check: warn (%s); running anyway, details: seccanvas doctor", strings.Join(names, ", "))
	}
	return true
}

// recordViolation appends the run to the violation log when its outcome is
// one the log keeps. A failure to write is reported and changes nothing.
func recordViolation(sec securityFlags, source string, name string, script []byte, res jail.Result, say *sayer) {
	entry, keep := jail.ViolationEntry(res, name, script, source, version)
	if !keep {
		return
	}
	path, enabled, err := violationlog.PathFromFlag(sec.violationLog)
	if err != nil {
		say.line("seccanvas: could not record the violation: %v", err)
		return
	}
	if !enabled {
		return
	}
	if err := violationlog.Append(path, entry); err != nil {
		// A full disk or an unwritable log never changes how a run ends.
		say.line("seccanvas: could not record the violation: %v", err)
	}
}
