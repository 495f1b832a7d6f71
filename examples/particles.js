// particles.js — a fountain of particles pulled down by gravity. Instead of
// clearing, each frame paints a translucent black rectangle over the canvas,
// so older positions fade out and leave trails. Runs until --frames stops it.
//
// Run: seccanvas run --headless --size 640x480 --frames 120 --seed 1 --out particles.gif examples/particles.js
const ctx = canvas.getContext('2d');
const W = canvas.width, H = canvas.height;
const GRAVITY = 300;   // pixels per second squared
const PER_FRAME = 6;   // new particles each frame
const particles = [];

// Start with an opaque black background.
ctx.fillStyle = 'black';
ctx.fillRect(0, 0, W, H);

// Emit one particle from the bottom centre, shooting upwards in a cone.
function spawn() {
  const angle = -Math.PI / 2 + (Math.random() - 0.5) * 0.9;
  const speed = H * (0.8 + Math.random() * 0.6);
  particles.push({
    x: W / 2, y: H - 10,
    vx: Math.cos(angle) * speed,
    vy: Math.sin(angle) * speed,
    life: 1.5 + Math.random() * 1.5, // seconds left
    hue: 20 + Math.random() * 40,    // warm colours
  });
}

let last = performance.now();

function frame(now) {
  const dt = Math.min((now - last) / 1000, 0.05);
  last = now;

  // Fade what was drawn before: this makes the trails.
  ctx.fillStyle = 'rgba(0, 0, 0, 0.15)';
  ctx.fillRect(0, 0, W, H);

  for (let i = 0; i < PER_FRAME; i++) spawn();

  // Update and draw; remove dead or off-screen particles (swap-remove).
  for (let i = particles.length - 1; i >= 0; i--) {
    const p = particles[i];
    p.vy += GRAVITY * dt;
    p.x += p.vx * dt;
    p.y += p.vy * dt;
    p.life -= dt;
    if (p.life <= 0 || p.y > H + 10 || p.x < -10 || p.x > W + 10) {
      particles[i] = particles[particles.length - 1];
      particles.pop();
      continue;
    }
    ctx.fillStyle = 'hsla(' + p.hue + ', 100%, 60%, ' + Math.min(1, p.life) + ')';
    ctx.beginPath();
    ctx.arc(p.x, p.y, 2.5, 0, Math.PI * 2);
    ctx.fill();
  }

  requestAnimationFrame(frame);
}

requestAnimationFrame(frame);
