package queue

import (
	"os"
	_ "unsafe" // for go:linkname

	_ "github.com/nats-io/nats-server/v2/server/pse"

	"seccanvas/jail"
)

// natsProcStatFile is the file nats-server's process sampler reads.
//
//go:linkname natsProcStatFile github.com/nats-io/nats-server/v2/server/pse.procStatFile
var natsProcStatFile string

// init quiets nats-server's process sampler in a jailed child. Any binary
// that links the embedded server runs its sampler from package
// initialisation: it reads /proc/PID/stat and re-arms a one-second timer
// for ever. A jailed child is the same binary (jail.Init re-executes it),
// so its first tick after the lock would call openat, which the filter
// answers by killing the child: a pooled child would die after a second
// of waiting. A path with a NUL byte fails inside the os package without
// a system call, and the sampler stops re-arming on a failed read. This
// runs after the sampler's own init and before main, long before the
// first tick; TestPooledChildOutlivesSampler keeps it honest.
func init() {
	if jail.IsChild(os.Args) {
		natsProcStatFile = "\x00"
	}
}
