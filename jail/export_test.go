package jail

// WaitingPIDs exposes the waiting children's pids to the tests.
func (p *Pool) WaitingPIDs() []int { return p.waitingPIDs() }

// SetBuffers forces the framebuffer count of later runs (0: the default);
// the tests compare one buffer with two.
func SetBuffers(n int) { buffersOverride.Store(int32(n)) }
