package jail

// WaitingPIDs exposes the waiting children's pids to the tests.
func (p *Pool) WaitingPIDs() []int { return p.waitingPIDs() }
