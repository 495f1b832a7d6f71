// roundtrip: empty animation frames. Each frame is one host-to-child tick
// and one child-to-host frame-done message, so the time per frame is a
// message round trip plus the host's tick pacing.
function frame(ctx, f, n) {}
