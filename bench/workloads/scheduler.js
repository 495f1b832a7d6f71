// scheduler: an object-heavy workload in the style of Richards, written for
// seccanvas. A tiny operating-system kernel schedules tasks of four kinds
// (idle, worker, handler, device) that pass packets through linked queues:
// class hierarchies, polymorphic method calls, many short-lived objects.
// SCALE is the number of packets the idle task releases.
function bench(count) {
  class Packet {
    constructor(link, dest, kind) { this.link = link; this.dest = dest; this.kind = kind; this.datum = 0; this.data = [0, 0, 0, 0]; }
    append(queue) {
      this.link = null;
      if (queue === null) return this;
      let p = queue;
      while (p.link !== null) p = p.link;
      p.link = this;
      return queue;
    }
  }
  class Task {
    constructor(kernel, id, priority, queue) {
      this.kernel = kernel; this.id = id; this.priority = priority; this.queue = queue;
      this.held = false; this.waiting = queue === null; this.next = null;
    }
    runnable() { return !this.held && (!this.waiting || this.queue !== null); }
    take() {
      const p = this.queue;
      if (p !== null) { this.queue = p.link; if (this.queue === null) this.waiting = true; }
      return p;
    }
    receive(p) {
      this.queue = p.append(this.queue);
      this.waiting = false;
    }
  }
  class IdleTask extends Task {
    constructor(k, id, n) { super(k, id, 0, null); this.left = n; this.seed = 1; this.waiting = false; }
    step() {
      if (--this.left === 0) return this.kernel.halt();
      this.seed = (this.seed * 1103515245 + 12345) & 0x7fffffff;
      return this.kernel.release(this.seed & 1 ? 'devA' : 'devB');
    }
  }
  class WorkerTask extends Task {
    constructor(k, id, q) { super(k, id, 1000, q); this.dest = 'hA'; this.letter = 0; }
    step() {
      const p = this.take();
      if (p === null) return this.kernel.wait(this);
      this.dest = this.dest === 'hA' ? 'hB' : 'hA';
      p.dest = this.dest; p.datum = 0;
      for (let i = 0; i < 4; i++) { this.letter = (this.letter + 1) % 26; p.data[i] = this.letter; }
      return this.kernel.send(p);
    }
  }
  class HandlerTask extends Task {
    constructor(k, id, q, dev) { super(k, id, 2000, q); this.dev = dev; this.work = null; this.devq = null; }
    step() {
      const p = this.take();
      if (p !== null) {
        if (p.kind === 'work') this.work = p.append(this.work); else this.devq = p.append(this.devq);
      }
      if (this.work !== null) {
        const w = this.work;
        if (w.datum >= 4) { this.work = w.link; w.dest = 'worker'; return this.kernel.send(w); }
        if (this.devq !== null) {
          const d = this.devq; this.devq = d.link;
          d.datum = w.data[w.datum++]; d.dest = this.dev;
          return this.kernel.send(d);
        }
      }
      return this.kernel.wait(this);
    }
  }
  class DeviceTask extends Task {
    constructor(k, id, back) { super(k, id, 4000, null); this.pending = null; this.back = back; this.sum = 0; }
    step() {
      const p = this.take();
      if (p === null) {
        if (this.pending === null) return this.kernel.wait(this);
        const q = this.pending; this.pending = null; q.dest = this.back;
        return this.kernel.send(q);
      }
      this.sum += p.datum; this.pending = p;
      return this.kernel.hold(this);
    }
  }
  class Kernel {
    constructor() { this.tasks = new Map(); this.list = null; this.current = null; this.halted = false; this.queued = 0; this.held = 0; }
    add(t) {
      this.tasks.set(t.id, t);
      // Keep the list ordered by priority, highest first.
      if (this.list === null || t.priority > this.list.priority) { t.next = this.list; this.list = t; return; }
      let p = this.list;
      while (p.next !== null && p.next.priority >= t.priority) p = p.next;
      t.next = p.next; p.next = t;
    }
    send(p) { this.queued++; const t = this.tasks.get(p.dest); t.receive(p); return t.priority > this.current.priority ? t : this.current; }
    wait(t) { t.waiting = true; return this.current; }
    hold(t) { t.held = true; this.held++; return this.current; }
    release(id) { const t = this.tasks.get(id); t.held = false; t.waiting = false; return t.priority > this.current.priority ? t : this.current; }
    halt() { this.halted = true; return this.current; }
    run() {
      let t = this.list;
      while (t !== null && !this.halted) {
        if (!t.runnable()) { t = t.next; continue; }
        this.current = t;
        const n = t.step();
        t = n.runnable() ? n : this.list;
      }
    }
  }
  const k = new Kernel();
  k.add(new IdleTask(k, 'idle', count));
  let wq = null;
  for (let i = 0; i < 2; i++) wq = new Packet(null, 'worker', 'work').append(wq);
  k.add(new WorkerTask(k, 'worker', wq));
  for (const [h, dev] of [['hA', 'devA'], ['hB', 'devB']]) {
    let q = null;
    for (let i = 0; i < 3; i++) q = new Packet(null, h, 'dev').append(q);
    k.add(new HandlerTask(k, h, q, dev));
    k.add(new DeviceTask(k, dev, h));
  }
  k.run();
  return k.queued + ':' + k.held;
}
