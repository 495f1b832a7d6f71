package jail

import (
	"context"

	"seccanvas/doctor"
)

// Preflight runs doctor's quick machine check (about a millisecond, no
// child process): is this kernel and CPU fit to hold a jail under the
// given policy? Run does not call it; a program calls it once at start-up,
// or skips it deliberately, and decides what an unsafe or warn verdict
// means for it (the seccanvas command refuses unsafe machines unless told
// otherwise). A program that runs one script may call it while the child
// starts and give its verdict to Config.Admit, which holds the script back
// until then (the seccanvas command does: the check then costs no wall
// time).
func Preflight(ctx context.Context, opts doctor.Options) (doctor.Report, error) {
	opts.Quick = true
	return doctor.Run(ctx, opts)
}
