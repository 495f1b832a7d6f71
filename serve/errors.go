package serve

import (
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"seccanvas/jail"
	"seccanvas/violationlog"
)

// ErrorBody is the JSON body of every error answer.
type ErrorBody struct {
	// Outcome is one of script_error, limit_exceeded, jail_violation,
	// bad_request, too_large, overloaded, internal_error, shutting_down,
	// not_found (GET /v1/jobs/{id} of an unknown job), unavailable (the
	// playground of a server with no pool).
	Outcome string `json:"outcome"`
	// Message is one line on what happened.
	Message string `json:"message"`
	// File, Line and Column locate a script error or the task a time
	// limit interrupted (zero when unknown).
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	// Stack is the script's stack (JavaScript frames only).
	Stack string `json:"stack,omitempty"`
	// Limit names the limit a limit_exceeded run hit: timeout, task
	// budget, watchdog, memory, CPU or threads.
	Limit string `json:"limit,omitempty"`
	// Console is the start of the script's console output.
	Console string `json:"console,omitempty"`
}

func (e *ErrorBody) status() int {
	switch e.Outcome {
	case "script_error", "limit_exceeded", "jail_violation":
		return http.StatusUnprocessableEntity
	}
	return http.StatusInternalServerError
}

var (
	errOverloaded = errors.New("the server is at capacity: try again later")
	errInternal   = errors.New("internal error")
)

// clientLimit is a request refused by the client's own bounds.
type clientLimit struct{ msg string }

func (e *clientLimit) Error() string { return e.msg }

func rejectReason(err error) string {
	var cl *clientLimit
	switch {
	case errors.Is(err, errOverloaded):
		return "overloaded"
	case errors.As(err, &cl):
		return "client_limit"
	}
	return "other"
}

// writeError answers err as JSON. It never shows the server's internals.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	body := ErrorBody{Outcome: "internal_error", Message: "internal error"}
	status := http.StatusInternalServerError
	var br *badRequest
	var cl *clientLimit
	switch {
	case errors.As(err, &br):
		body.Outcome, body.Message, status = br.outcome, br.msg, br.status
	case errors.Is(err, errOverloaded):
		body.Outcome, body.Message, status = "overloaded", err.Error(), http.StatusTooManyRequests
		w.Header().Set("Retry-After", strconv.Itoa(s.adm.retryAfter()))
	case errors.As(err, &cl):
		body.Outcome, body.Message, status = "overloaded", cl.msg, http.StatusTooManyRequests
		w.Header().Set("Retry-After", "1")
	}
	setOutcome(r, body.Outcome)
	if status == 499 {
		w.WriteHeader(status) // for the log: nobody is listening
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// outcomeLabel is an outcome's metric label.
func outcomeLabel(o jail.Outcome) string {
	return strings.ReplaceAll(o.String(), " ", "_")
}

// atLine matches a stack frame's position: "at f (a.js:3:7)" or "at a.js:3:7".
var atLine = regexp.MustCompile(`^\s+at (?:.*\()?(.+?):(\d+):(\d+)\)?$`)

// scriptFailure describes a run that ended in a script error, a limit or a
// violation. console is the run's console output: a script error's
// message and stack are its first error block.
func scriptFailure(res jail.Result, name, console string) *ErrorBody {
	e := &ErrorBody{Message: res.Detail, Console: console}
	switch {
	case res.Outcome == jail.ScriptError:
		e.Outcome = "script_error"
		if msg, stack := firstError(console); msg != "" {
			e.Message, e.Stack = msg, stack
		}
		e.File, e.Line, e.Column = topFrame(e.Stack, name)
	case res.Outcome.LimitExceeded():
		e.Outcome = "limit_exceeded"
		if res.Limit != nil {
			e.Limit = res.Limit.Name
			e.Message = res.Limit.String() + ": " + res.Detail
			e.File, e.Line, e.Column = res.Limit.File, res.Limit.Line, res.Limit.Column
		}
		if msg, stack := firstError(console); msg != "" && e.Line != 0 {
			e.Stack = stack
		}
	case res.Outcome == jail.SeccompViolation || res.Outcome == jail.ProtocolViolation:
		e.Outcome = "jail_violation"
		e.Message = res.Outcome.String() + ": " + res.Detail
	default:
		e.Outcome, e.Message = "internal_error", "the run ended unexpectedly ("+res.Outcome.String()+")"
	}
	return e
}

// firstError finds the first error block in console output: a line
// naming an error followed by its "    at" frames.
func firstError(console string) (msg, stack string) {
	lines := strings.Split(console, "\n")
	for i, l := range lines {
		if l == "" || strings.HasPrefix(l, " ") || strings.HasPrefix(l, "[seccanvas") {
			continue
		}
		isErr := strings.HasPrefix(l, "Uncaught ") || strings.HasPrefix(l, "SyntaxError") ||
			strings.HasPrefix(l, "RangeError") || strings.Contains(l, "(task budget)")
		if !isErr {
			continue
		}
		var st []string
		for _, f := range lines[i+1:] {
			if !atLine.MatchString(f) {
				break
			}
			st = append(st, f)
		}
		return l, strings.Join(st, "\n")
	}
	return "", ""
}

// topFrame is the first frame of stack in the script itself.
func topFrame(stack, name string) (string, int, int) {
	for _, l := range strings.Split(stack, "\n") {
		m := atLine.FindStringSubmatch(l)
		if m == nil || m[1] != name {
			continue
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return m[1], line, col
	}
	return "", 0, 0
}

func appendViolation(path string, e violationlog.Entry) error {
	return violationlog.Append(path, e)
}
