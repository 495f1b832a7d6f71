package doctor

import (
	"errors"
	"runtime"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// probes are the facts doctor asks the running kernel for with syscalls.
// Run fills them from the live kernel; tests construct them to drive the
// verdict logic over every combination.
type probes struct {
	// filter is seccomp(SECCOMP_SET_MODE_FILTER, 0, NULL): EFAULT means
	// the kernel got as far as copying the program.
	filter error
	// tsync is the same call with SECCOMP_FILTER_FLAG_TSYNC.
	tsync error
	// killProcess is seccomp(SECCOMP_GET_ACTION_AVAIL, 0,
	// &SECCOMP_RET_KILL_PROCESS).
	killProcess error
	// machine is uname's machine; goarch is runtime.GOARCH.
	machine, goarch string
	// nnp is PR_GET_NO_NEW_PRIVS for this process.
	nnp    int
	nnpErr error
	// ssb and ib are PR_GET_SPECULATION_CTRL for store bypass and
	// indirect branch.
	ssb, ib       int
	ssbErr, ibErr error
	// userns is the result of creating user, PID, network, mount and UTS
	// namespaces at once; usernsProbed is false in quick mode.
	userns       error
	usernsProbed bool
}

// errno turns a raw errno into an error, nil for 0.
func errno(e syscall.Errno) error {
	if e == 0 {
		return nil
	}
	return e
}

// liveProbes asks the running kernel. None of the calls changes this
// process: the seccomp calls pass a NULL program and fail, the prctls only
// read.
func liveProbes(o Options) probes {
	p := probes{goarch: runtime.GOARCH}
	_, _, e := unix.Syscall(unix.SYS_SECCOMP, unix.SECCOMP_SET_MODE_FILTER, 0, 0)
	p.filter = errno(e)
	_, _, e = unix.Syscall(unix.SYS_SECCOMP, unix.SECCOMP_SET_MODE_FILTER, unix.SECCOMP_FILTER_FLAG_TSYNC, 0)
	p.tsync = errno(e)
	action := uint32(unix.SECCOMP_RET_KILL_PROCESS)
	_, _, e = unix.Syscall(unix.SYS_SECCOMP, unix.SECCOMP_GET_ACTION_AVAIL, 0, uintptr(unsafe.Pointer(&action)))
	p.killProcess = errno(e)
	var u unix.Utsname
	if err := unix.Uname(&u); err == nil {
		p.machine = unix.ByteSliceToString(u.Machine[:])
	}
	p.nnp, p.nnpErr = unix.PrctlRetInt(unix.PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)
	p.ssb, p.ssbErr = unix.PrctlRetInt(unix.PR_GET_SPECULATION_CTRL, unix.PR_SPEC_STORE_BYPASS, 0, 0, 0)
	p.ib, p.ibErr = unix.PrctlRetInt(unix.PR_GET_SPECULATION_CTRL, unix.PR_SPEC_INDIRECT_BRANCH, 0, 0, 0)
	if !o.Quick {
		p.userns = probeNamespaces()
		p.usernsProbed = true
	}
	return p
}

// jailNamespaces are the namespaces the jail creates at clone time.
const jailNamespaces = unix.CLONE_NEWUSER | unix.CLONE_NEWPID | unix.CLONE_NEWNET | unix.CLONE_NEWNS | unix.CLONE_NEWUTS

// usernsProbePath cannot be executed: /dev/null is not a directory, so
// execve fails with ENOTDIR after clone has created the namespaces.
const usernsProbePath = "/dev/null/seccanvas-userns-probe"

// probeNamespaces forks a child into new user, PID, network, mount and
// UTS namespaces, as the jail does, and lets its exec fail. ENOTDIR from
// the exec means clone succeeded; an error from clone (EPERM, ENOSPC,
// EUSERS, EINVAL) means the namespaces are not available. ForkExec reaps
// the child.
func probeNamespaces() error {
	attr := &syscall.ProcAttr{Sys: &syscall.SysProcAttr{Cloneflags: jailNamespaces}}
	pid, err := syscall.ForkExec(usernsProbePath, []string{"seccanvas-userns-probe"}, attr)
	if err == nil {
		var ws syscall.WaitStatus
		_, _ = syscall.Wait4(pid, &ws, 0, nil)
		return nil
	}
	if errors.Is(err, syscall.ENOTDIR) {
		return nil
	}
	return err
}
