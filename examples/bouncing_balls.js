// bouncing_balls.js — colourful balls bouncing off the walls of the canvas.
// Each animation frame clears the canvas and redraws every ball at its new
// position; the loop never ends on its own, so --frames decides when to stop.
//
// Run: seccanvas run --headless --size 640x480 --frames 120 --seed 1 --out balls.gif examples/bouncing_balls.js
const ctx = canvas.getContext('2d');
const W = canvas.width, H = canvas.height;

// Create balls with random position, velocity (pixels per second), size and hue.
const balls = [];
for (let i = 0; i < 12; i++) {
  const r = 8 + Math.random() * 22;
  balls.push({
    x: r + Math.random() * (W - 2 * r),
    y: r + Math.random() * (H - 2 * r),
    vx: (Math.random() - 0.5) * 400,
    vy: (Math.random() - 0.5) * 400,
    r: r,
    color: 'hsl(' + Math.floor(Math.random() * 360) + ', 80%, 55%)',
  });
}

let last = performance.now();

function frame(now) {
  // Time since the previous frame in seconds, clamped so a stall doesn't teleport balls.
  const dt = Math.min((now - last) / 1000, 0.05);
  last = now;

  // Clear to a dark background.
  ctx.fillStyle = '#101820';
  ctx.fillRect(0, 0, W, H);

  for (const b of balls) {
    // Move, then reflect the velocity at each wall and keep the ball inside.
    b.x += b.vx * dt;
    b.y += b.vy * dt;
    if (b.x - b.r < 0) { b.x = b.r; b.vx = Math.abs(b.vx); }
    if (b.x + b.r > W) { b.x = W - b.r; b.vx = -Math.abs(b.vx); }
    if (b.y - b.r < 0) { b.y = b.r; b.vy = Math.abs(b.vy); }
    if (b.y + b.r > H) { b.y = H - b.r; b.vy = -Math.abs(b.vy); }

    // The ball, with a small highlight to make it look round.
    ctx.fillStyle = b.color;
    ctx.beginPath();
    ctx.arc(b.x, b.y, b.r, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = 'rgba(255, 255, 255, 0.35)';
    ctx.beginPath();
    ctx.arc(b.x - b.r * 0.35, b.y - b.r * 0.35, b.r * 0.3, 0, Math.PI * 2);
    ctx.fill();
  }

  requestAnimationFrame(frame);
}

requestAnimationFrame(frame);
