package jail_test

import (
	"errors"
	"strings"
	"testing"

	"seccanvas/jail"
)

// TestAdmit: Config.Admit is asked once the child is locked and before
// the job; a refusal ends the run without the script reaching the child
// (its console.log never runs), and an admission runs it as usual.
func TestAdmit(t *testing.T) {
	refused := errors.New("not on this machine")
	for _, tt := range []struct {
		name  string
		admit error
	}{
		{"refused", refused},
		{"admitted", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			asked, readyBefore := 0, false
			ready := false
			res, stdout, _ := run(t, jail.Config{
				Source:  []byte("console.log('ran')"),
				OnReady: func(int, []jail.Step) { ready = true },
				Admit: func() error {
					asked++
					readyBefore = ready
					return tt.admit
				},
			})
			if asked != 1 {
				t.Fatalf("Admit asked %d times, want once", asked)
			}
			if readyBefore {
				t.Error("OnReady (which sees the job) came before Admit")
			}
			if tt.admit != nil {
				if res.Outcome != jail.InternalError || !strings.Contains(res.Detail, refused.Error()) {
					t.Errorf("refused run: %s: %s, want an internal error naming the refusal", res.Outcome, res.Detail)
				}
				if stdout != "" || ready {
					t.Errorf("refused run reached the script: stdout %q, OnReady called %v", stdout, ready)
				}
				return
			}
			if res.Outcome != jail.Finished || stdout != "ran\n" {
				t.Errorf("admitted run: %s (%s), stdout %q", res.Outcome, res.Detail, stdout)
			}
		})
	}
}
